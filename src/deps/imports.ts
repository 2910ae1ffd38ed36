/**
 * Packages that code imports, read from redpen's own lowered syntax trees: Python `import` and
 * `from ... import`, JS/TS `import ... from`, `export ... from`, `require(...)` and `import(...)`.
 * Works on whole files and on code inside markdown fences and notebook cells, so a snippet with
 * no manifest at all still names its packages.
 *
 * Relative imports, standard-library modules and path aliases name no package and are skipped.
 * Install commands in shell fences, notebook `!pip install` lines and scripts
 * (`pip install x`, `npm install x`) name packages too and are read with a small tokenizer.
 */
import { LineIndex, type Node, type Tree } from '../core/ast.js';
import { documentKind, remap } from '../core/scanner.js';
import type { LanguageId, Location } from '../core/types.js';
import { markdownUnits, notebookUnits, type Unit } from '../languages/embedded.js';
import { languageById } from '../languages/index.js';
import { loadLanguage, parseText } from '../languages/treesitter.js';
import { npmPackageOf, pythonDistribution } from './names.js';
import type { Dependency } from './types.js';

interface RawImport {
  module: string;
  node: Node;
}

function text(tree: Tree, n: Node): string {
  return n.text ?? tree.text.slice(n.start, n.end);
}

function pythonImports(tree: Tree): RawImport[] {
  const out: RawImport[] = [];
  for (const n of tree.byType.get('import_statement') ?? []) {
    for (const c of n.getAll('name')) {
      const name = c.type === 'aliased_import' ? c.get('name') : c;
      if (name) out.push({ module: text(tree, name), node: name });
    }
  }
  for (const n of tree.byType.get('import_from_statement') ?? []) {
    const m = n.get('module_name');
    if (!m || m.type === 'relative_import') continue;
    out.push({ module: text(tree, m), node: m });
  }
  return out;
}

function stringValue(tree: Tree, n: Node | undefined): { value: string; node: Node } | null {
  if (!n || n.type !== 'string') return null;
  const frag = n.children.find((c) => c.type === 'string_fragment');
  return frag ? { value: text(tree, frag), node: frag } : null;
}

function jsImports(tree: Tree): RawImport[] {
  const out: RawImport[] = [];
  for (const type of ['import_statement', 'export_statement']) {
    for (const n of tree.byType.get(type) ?? []) {
      const s = stringValue(tree, n.get('source'));
      if (s) out.push({ module: s.value, node: s.node });
    }
  }
  for (const n of tree.byType.get('call_expression') ?? []) {
    const f = n.get('function');
    if (!f || !((f.type === 'identifier' && text(tree, f) === 'require') || f.type === 'import')) continue;
    const args = n.get('arguments');
    const s = stringValue(tree, args?.children[0]);
    if (s) out.push({ module: s.value, node: s.node });
  }
  // TypeScript `import x = require('y')`
  for (const n of tree.byType.get('import_require_clause') ?? []) {
    const s = stringValue(tree, n.get('source'));
    if (s) out.push({ module: s.value, node: s.node });
  }
  return out;
}

function dependencyOf(path: string, language: LanguageId, raw: RawImport, loc: Location, snippet: string): Dependency | null {
  if (language === 'python') {
    const d = pythonDistribution(raw.module);
    if (!d.distribution) return null;
    return { ecosystem: 'PyPI', name: d.distribution, module: raw.module, guessed: d.guessed || undefined, source: 'import', file: path, location: loc, snippet };
  }
  const name = npmPackageOf(raw.module);
  if (!name) return null;
  return { ecosystem: 'npm', name, module: raw.module, source: 'import', file: path, location: loc, snippet };
}

async function codeImports(path: string, code: string, language: LanguageId, mapLoc: (l: Location) => Location, origLines: LineIndex): Promise<Dependency[]> {
  await loadLanguage(languageById(language));
  const tree = parseText(language, code);
  const raws = language === 'python' ? pythonImports(tree) : jsImports(tree);
  const out: Dependency[] = [];
  for (const raw of raws) {
    const loc = mapLoc({ path, start: tree.lines.position(raw.node.start), end: tree.lines.position(raw.node.end) });
    const snippet = origLines.lineText(loc.start.line).trimEnd();
    const dep = dependencyOf(path, language, raw, loc, snippet);
    if (dep) out.push(dep);
  }
  return out;
}

/** `pip install a b==1`, `npm install x`, `yarn add y`, `pnpm add z`, `uv add`, `poetry add`. */
const INSTALL = /(?:^|[\s!%;&|`(])(pip3?|python3?\s+-m\s+pip|uv\s+pip|uv|poetry|pipenv|npm|pnpm|yarn|bun)\s+(install|add|i)\b([^\n;&|`)]*)/g;

export function installCommands(path: string, text: string, lines: LineIndex): Dependency[] {
  const out: Dependency[] = [];
  for (const m of text.matchAll(INSTALL)) {
    const tool = m[1].replace(/\s+/g, ' ');
    const python = /pip|uv|poetry|pipenv|python/.test(tool);
    const args = m[3];
    let pos = m.index + m[0].length - args.length;
    for (const tok of args.split(/(\s+)/)) {
      const start = pos;
      pos += tok.length;
      // a package name or spec is short; a longer token is not one (and is not fed to the regexes below)
      if (tok.length > 300) continue;
      const t = tok.replace(/^["']|["']$/g, '').replace(/[.,:;!?)]+$/, '');
      if (!t.trim() || t.startsWith('-') || t.includes('\\') || t.includes('$') || t.includes('/') && python) continue;
      if (/[<>=]/.test(t) && !python) continue;
      let name: string | null;
      let spec: string | undefined;
      if (python) {
        const r = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?(.*)$/.exec(t);
        if (!r || /\.(txt|whl|gz|zip|toml)$/.test(t) || t === '.') continue;
        name = r[1];
        spec = r[3] || undefined;
      } else {
        const at = t.indexOf('@', 1);
        name = npmPackageOf(at > 0 ? t.slice(0, at) : t);
        spec = at > 0 ? t.slice(at + 1) : undefined;
      }
      if (!name) continue;
      const nameStart = start + (tok.length - tok.replace(/^["']/, '').length);
      const s = lines.position(nameStart);
      const e = lines.position(nameStart + name.length);
      out.push({
        ecosystem: python ? 'PyPI' : 'npm',
        name,
        spec,
        source: 'import',
        module: `${tool} ${m[2]} ${name}`,
        file: path,
        location: { path, start: s, end: e },
        snippet: lines.lineText(s.line).trimEnd(),
      });
    }
  }
  return out;
}

const IMPORT_HINT = /\b(import|require|from)\b|(pip3?|npm|yarn|pnpm|uv|poetry)\s+(install|add|i)\b/;

/**
 * The packages a document imports or installs. Throws nothing for bad code: a syntax error
 * leaves the intact imports readable (tree-sitter recovers), a parse failure yields none.
 */
export async function importsOf(path: string, text: string, language?: LanguageId): Promise<Dependency[]> {
  if (!IMPORT_HINT.test(text)) return [];
  const kind = documentKind(path, text, language);
  const lines = new LineIndex(text);
  if (kind === 'markdown' || kind === 'notebook') {
    const units: Unit[] = kind === 'markdown' ? markdownUnits(text) : notebookUnits(text).units;
    const out: Dependency[] = [];
    for (const unit of units) {
      if (unit.kind !== 'code') continue;
      const mapLoc = (l: Location) => remap(l, unit, lines);
      if (unit.language) out.push(...(await codeImports(path, unit.text, unit.language, mapLoc, lines)));
    }
    // install commands: in shell fences and notebook magics (masked in the units), read from the raw text
    if (kind === 'markdown') out.push(...installCommands(path, text, lines));
    else out.push(...notebookInstalls(path, text, lines));
    return out;
  }
  if (kind === 'text') {
    return /\.(sh|bash|zsh|ps1|bat|cmd)$|(^|\/)Dockerfile[^/]*$|\.dockerfile$/i.test(path) ? installCommands(path, text, lines) : [];
  }
  return codeImports(path, text, kind, (l) => l, lines);
}

/** `!pip install x` and `%pip install x` in notebook cells (as JSON strings in the file). */
function notebookInstalls(path: string, text: string, lines: LineIndex): Dependency[] {
  // cell lines are JSON strings: blank escapes and quotes (same length, so offsets hold)
  const masked = text.replace(/\\[n"t\\]|"/g, (m) => ' '.repeat(m.length));
  return installCommands(path, masked, lines).filter((d) => /["\s][!%]/.test(text.slice(lines.starts[d.location.start.line - 1], d.location.start.offset)));
}
