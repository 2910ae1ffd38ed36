/**
 * `redpen mcp`: redpen as a Model Context Protocol server over stdio, so a coding agent can
 * check code before it writes it.
 *
 * Invariants:
 * - Works offline with no account: every tool runs locally; grammars and rules load once, at
 *   the first call, and later calls pay only the scan.
 * - Answers are compact and structured for a model to act on: each finding carries its line,
 *   rule, CWE ids and one sentence saying what to do instead (surfaces/compact.ts), in both
 *   `structuredContent` and a JSON text block for clients that read only text.
 * - Bad input (unknown language, unreadable path, unknown rule) is a tool error with a clear
 *   message, never a crash of the server.
 * - `scan_files` reads only inside the workspace roots the client declares (MCP roots), or
 *   the server's working folder when it declares none; paths are resolved (symlinks too)
 *   before the check, and a path outside is refused, never read: the paths come from a model.
 * - stdout carries only protocol messages; nothing else is ever printed there.
 * - `check_packages` is offered only when the dependency capability (src/deps) is built in.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { createScanner, loadRules, resolveLanguage, scan } from '../api.js';
import type { Rule } from '../core/rule.js';
import type { Scanner } from '../core/scanner.js';
import type { Finding, ScanError } from '../core/types.js';
import { BUNDLED_RULES } from '../config/rules.js';
import { ruleInfo } from '../engine/rules/compile.js';
import { confined, realRoots } from '../files/confine.js';
import { languageById, detectLanguage } from '../languages/index.js';
import { loadLanguage, parseText } from '../languages/treesitter.js';
import { parseAnnotations } from '../testing/ruletest.js';
import { astToJson, nodeAt, renderAst } from '../view/ast.js';
import { compactFinding, explainRule, fixSentence, problemSentence, type CompactFinding } from '../surfaces/compact.js';
import { VERSION } from '../version.js';

export interface McpOptions {
  /** Rule packs, files or folders (default: recommended). */
  config?: string[];
  cwd?: string;
  /** Detect hard-coded secrets (default true). */
  secrets?: boolean;
  /** At most this many findings per answer (the rest are counted). */
  maxFindings?: number;
}

type ToolResult = { content: { type: 'text'; text: string }[]; structuredContent?: Record<string, unknown>; isError?: boolean };

function ok(data: Record<string, unknown>): ToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(data) }], structuredContent: data };
}

function fail(message: string): ToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

function errorsOf(errors: ScanError[]): { path: string; kind: string; message: string }[] {
  return errors.map((e) => ({ path: e.path, kind: e.kind, message: e.message }));
}

/** Code lines a rule's own fixture flags and accepts (annotated `ruleid:` / `ok:`). */
async function fixtureExamples(rule: Rule, cwd: string): Promise<{ insecure: string[]; safe: string[] }> {
  const out = { insecure: [] as string[], safe: [] as string[] };
  const file = rule.source?.file;
  if (!file) return out;
  const abs = file.startsWith('rules/') ? path.join(BUNDLED_RULES, file.slice('rules/'.length)) : path.resolve(cwd, file);
  const dir = path.dirname(abs);
  const base = path.basename(abs).replace(/\.ya?ml$/i, '');
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch {
    return out;
  }
  for (const e of entries.sort()) {
    if (!e.startsWith(`${base}.`) || /\.ya?ml$/i.test(e) || e.includes('.fixed.')) continue;
    const text = await fs.readFile(path.join(dir, e), 'utf8').catch(() => '');
    const lines = text.split('\n');
    for (const a of parseAnnotations(text)) {
      if (!a.ids.includes(rule.id)) continue;
      const code = lines[a.line - 1]?.trim();
      if (!code) continue;
      if (a.kind === 'ruleid' && out.insecure.length < 3) out.insecure.push(code);
      if (a.kind === 'ok' && out.safe.length < 3) out.safe.push(code);
    }
  }
  return out;
}

interface PackageChecker {
  (packages: { ecosystem: string; name: string; version?: string }[], options: Record<string, unknown>): Promise<unknown>;
}

/** The dependency capability's checker, when this build has it. */
async function loadPackageChecker(): Promise<PackageChecker | null> {
  const spec = '../deps/index.js';
  try {
    const mod = (await import(spec)) as { checkPackages?: PackageChecker };
    return typeof mod.checkPackages === 'function' ? mod.checkPackages : null;
  } catch {
    return null;
  }
}

/** A finding of the package checker (no location: it checks names, not files). */
interface PackageFinding {
  ruleId: string;
  severity: Finding['severity'];
  message: string;
  dependency?: Finding['dependency'];
}

function packageFinding(f: PackageFinding): Record<string, unknown> {
  const d = f.dependency;
  return {
    ecosystem: d?.ecosystem,
    name: d?.name,
    version: d?.version,
    rule: f.ruleId,
    severity: f.severity,
    problem: problemSentence(f.message),
    fix: fixSentence(f.message),
    ...(d?.advisories?.length ? { advisories: d.advisories } : {}),
    ...(d?.fixedIn ? { fixedIn: d.fixedIn } : {}),
    ...(d?.reasons?.length ? { reasons: d.reasons } : {}),
    ...(d?.resembles ? { resembles: d.resembles } : {}),
  };
}

export async function createMcpServer(options: McpOptions = {}): Promise<McpServer> {
  const cwd = options.cwd ?? process.cwd();
  const maxFindings = options.maxFindings ?? 50;
  let warm: Promise<{ scanner: Scanner; rules: Rule[]; warnings: ScanError[] }> | null = null;
  const ready = () =>
    (warm ??= (async () => {
      const { rules, warnings } = await loadRules(options.config ?? ['recommended'], cwd);
      return { scanner: await createScanner({ rules, secrets: options.secrets }), rules, warnings };
    })());
  /** The folders scan_files may read: the client's roots, else the working folder. */
  const allowedRoots = async (): Promise<{ roots: string[]; from: string } | { error: string }> => {
    if (!server.server.getClientCapabilities()?.roots) return { roots: realRoots([cwd]), from: `the server's working folder (${cwd})` };
    let listed;
    try {
      listed = await server.server.listRoots(undefined, { timeout: 10_000 });
    } catch (e) {
      return { error: `could not get the workspace roots from the client: ${(e as Error).message}` };
    }
    const dirs: string[] = [];
    for (const r of listed.roots) {
      try {
        if (r.uri.startsWith('file:')) dirs.push(fileURLToPath(r.uri));
      } catch {
        // not a local file URL
      }
    }
    if (dirs.length === 0) return { roots: realRoots([cwd]), from: `the server's working folder (${cwd}); the client declares no local workspace root` };
    return { roots: realRoots(dirs), from: `the client's workspace roots (${dirs.join(', ')})` };
  };
  const cap = (list: CompactFinding[]) => ({ findings: list.slice(0, maxFindings), ...(list.length > maxFindings ? { omitted: list.length - maxFindings } : {}) });

  const server = new McpServer(
    { name: 'redpen', version: VERSION },
    {
      instructions:
        'redpen finds security problems in code (injection, hard-coded secrets, weak crypto, disabled TLS checks, invented or vulnerable packages). ' +
        'Call scan_code on code before writing it to a file; fix each finding as its `fix` says and scan again. Everything runs locally.',
    },
  );

  server.registerTool(
    'scan_code',
    {
      title: 'Scan a code snippet',
      description:
        'Scan a snippet for security problems. Give `language` (python, javascript, typescript, tsx) or a `filename` whose extension tells it; markdown with fenced code blocks is scanned block by block. Returns each finding with line, rule, CWE, severity and a one-sentence fix.',
      inputSchema: {
        code: z.string().describe('The code to scan'),
        language: z.string().optional().describe('python, javascript, typescript or tsx'),
        filename: z.string().optional().describe('A file name (e.g. app.py); its extension sets the language'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ code, language, filename }) => {
      const { scanner } = await ready();
      let lang;
      try {
        lang = language ? resolveLanguage(language) : undefined;
      } catch (e) {
        return fail((e as Error).message);
      }
      const name = filename ?? (lang ? `snippet.${languageById(lang).extensions[0].slice(1)}` : 'snippet');
      const r = scanner.scanText(name, code, lang);
      if (!lang && r.language === 'text' && r.findings.length === 0) {
        return fail('could not tell the language of the snippet; pass `language` (python, javascript, typescript, tsx) or a `filename`');
      }
      const findings = r.findings.filter((f) => !f.suppressed).map(compactFinding);
      return ok({ language: r.language, ...cap(findings), suppressed: r.findings.length - findings.length, errors: errorsOf(r.errors) });
    },
  );

  server.registerTool(
    'scan_files',
    {
      title: 'Scan files or folders',
      description: 'Scan files and folders on disk (relative to the server’s working folder), inside the workspace roots only. .gitignore and .redpenignore are honoured. Returns findings grouped by file.',
      inputSchema: { paths: z.array(z.string()).min(1).describe('Files or folders to scan') },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ paths }) => {
      const allowed = await allowedRoots();
      if ('error' in allowed) return fail(allowed.error);
      const inside: string[] = [];
      const refused: string[] = [];
      for (const p of paths) {
        const real = confined(path.resolve(cwd, p), allowed.roots);
        if (real === null) refused.push(p);
        else {
          // the resolved path, relative to the working folder when inside it (as reports show it)
          const rel = path.relative(realRoots([cwd])[0] ?? cwd, real);
          inside.push(rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? real : rel);
        }
      }
      if (refused.length > 0) {
        return fail(`refused: ${refused.join(', ')} ${refused.length === 1 ? 'is' : 'are'} outside ${allowed.from} (symlinks are resolved first); scan_files reads only inside the workspace`);
      }
      const { rules, warnings } = await ready();
      const result = await scan({ paths: inside }, { rules, cwd, cache: false, secrets: options.secrets, roots: allowed.roots });
      const byFile = new Map<string, CompactFinding[]>();
      for (const f of result.findings) {
        const list = byFile.get(f.location.path) ?? [];
        list.push(compactFinding(f));
        byFile.set(f.location.path, list);
      }
      let budget = maxFindings;
      const files = [...byFile.entries()].map(([file, list]) => {
        const shown = list.slice(0, Math.max(0, budget));
        budget -= shown.length;
        return { path: file, findings: shown, ...(shown.length < list.length ? { omitted: list.length - shown.length } : {}) };
      });
      return ok({
        scanned: result.stats.files,
        total: result.findings.length,
        files,
        suppressed: result.suppressed.length,
        errors: errorsOf([...warnings, ...result.errors]),
        // checks that did not run (e.g. no advisory database): no verdict, not a clean one
        unchecked: result.unchecked,
      });
    },
  );

  server.registerTool(
    'explain_rule',
    {
      title: 'Explain a rule',
      description: 'What a redpen rule finds, why it matters, and the safe alternative, with insecure and safe examples from the rule’s own test file.',
      inputSchema: { rule: z.string().describe('A rule id, e.g. python.subprocess-shell-true') },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ rule }) => {
      const { rules } = await ready();
      const found = rules.find((r) => r.id === rule) ?? rules.find((r) => r.id.endsWith(`.${rule}`));
      if (!found) {
        const near = rules.filter((r) => r.id.includes(rule.split('.').pop() ?? rule)).map((r) => r.id).slice(0, 5);
        return fail(`no rule ${rule} in the loaded rules${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`);
      }
      return ok({ ...explainRule(ruleInfo(found), await fixtureExamples(found, cwd)) });
    },
  );

  server.registerTool(
    'syntax_tree',
    {
      title: 'Show the syntax tree',
      description: 'The syntax tree redpen’s rules match against, for writing or debugging a rule pattern. `at` (LINE or LINE:COL) marks the node there and its ancestors.',
      inputSchema: {
        code: z.string(),
        language: z.string().optional(),
        filename: z.string().optional(),
        at: z.string().optional().describe('LINE or LINE:COL, 1-based'),
        format: z.enum(['text', 'json']).optional(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ code, language, filename, at, format }) => {
      let lang;
      try {
        lang = language ? resolveLanguage(language) : detectLanguage(filename, code);
      } catch (e) {
        return fail((e as Error).message);
      }
      if (!lang) return fail('could not tell the language; pass `language` or a `filename`');
      await loadLanguage(languageById(lang));
      const tree = parseText(lang, code);
      let cursor;
      if (at) {
        const m = /^(\d+)(?::(\d+))?$/.exec(at);
        if (!m) return fail('`at` takes LINE or LINE:COL (1-based)');
        const line = Number(m[1]);
        if (line < 1 || line > tree.lines.lineCount) return fail(`line ${line} is outside the code (1-${tree.lines.lineCount})`);
        cursor = nodeAt(tree, tree.lines.offsetOf(line, m[2] ? Number(m[2]) : 1));
      }
      if (format === 'json') return ok({ language: lang, syntaxErrors: tree.errors.length, tree: astToJson(tree, cursor) });
      const text = renderAst(tree, { cursor });
      return { content: [{ type: 'text', text }], structuredContent: { language: lang, syntaxErrors: tree.errors.length, tree: text } };
    },
  );

  const checkPackages = await loadPackageChecker();
  if (checkPackages) {
    server.registerTool(
      'check_packages',
      {
        title: 'Check packages',
        description: 'Check package names and versions before adding them: invented (non-existent or look-alike) packages and versions with known vulnerabilities. Works from the data shipped with redpen.',
        inputSchema: {
          packages: z
            .array(z.object({ ecosystem: z.enum(['npm', 'PyPI']), name: z.string().min(1), version: z.string().optional() }))
            .min(1),
        },
        annotations: { readOnlyHint: true, openWorldHint: false },
      },
      async ({ packages }) => {
        try {
          const out = await checkPackages(packages, { cwd });
          const findings = (Array.isArray(out) ? out : ((out as { findings?: unknown[] })?.findings ?? [])) as PackageFinding[];
          // a registry or advisory source that did not answer is listed, never read as "no findings"
          const { unchecked = [], advisorySource } = (Array.isArray(out) ? {} : out) as { unchecked?: unknown[]; advisorySource?: string };
          return ok({ checked: packages.length, findings: findings.map(packageFinding), unchecked, ...(advisorySource ? { advisories: advisorySource } : {}) });
        } catch (e) {
          return fail(`package check failed: ${(e as Error).message}`);
        }
      },
    );
  }
  return server;
}

/** Serve over stdio until the client closes the connection. */
export async function runMcpStdio(options: McpOptions = {}): Promise<void> {
  const server = await createMcpServer(options);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
  });
  await server.connect(transport);
  process.stdin.on('end', () => void server.close());
  await closed;
}
