/**
 * The commands through which agents and pipelines reach redpen: `mcp`, `hook`, `init`, `guard`.
 * Each is a thin layer over src/mcp, src/hooks and src/guard.
 *
 * Exit codes: `hook` exits 0 whenever it answered the agent (a block is in the JSON it prints)
 * and 1 when it could not read the event (agents treat that as a non-blocking error); the
 * others follow the program's codes (0 fine, 2 usage or fatal error).
 */
import { Command, Option } from 'commander';
import { isSeverity } from '../core/severity.js';
import type { Severity } from '../core/types.js';
import type { GuardPolicy } from '../guard/text.js';
import { AGENTS, isAgent, judgeHook, prepareHook } from '../hooks/index.js';
import { PACKAGE_NAME } from '../version.js';

// The MCP SDK and the proxy load only for their own commands: a hook call pays for neither.
const GUARD_DEFAULTS = { host: '127.0.0.1', port: 8787, maxRequestBytes: 4 * 1024 * 1024, maxResponseBytes: 16 * 1024 * 1024, timeoutMs: 120_000 };
const POLICIES = ['pass', 'annotate', 'block'];

class SurfaceUsageError extends Error {}

async function readStdin(limit = 64 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of process.stdin) {
    size += (c as Buffer).length;
    if (size > limit) throw new SurfaceUsageError(`stdin is over ${limit} bytes`);
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function severityOpt(v: string | undefined, what: string, allowNone = false): Severity | 'none' | undefined {
  if (v === undefined) return undefined;
  const s = v.toLowerCase();
  if (allowNone && s === 'none') return 'none';
  if (!isSeverity(s)) throw new SurfaceUsageError(`${what} must be one of critical, high, medium, low, info${allowNone ? ', none' : ''} (got ${v})`);
  return s;
}

function intOpt(v: string | undefined, what: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new SurfaceUsageError(`${what} must be a non-negative whole number (got ${v})`);
  return n;
}

export function registerSurfaceCommands(program: Command, setExit: (code: number) => void): void {
  const collect = (v: string, prev: string[] = []) => [...prev, v];

  program
    .command('mcp')
    .description('serve redpen to coding agents over the Model Context Protocol (stdio)')
    .option('-c, --config <pack|file|dir>', 'rules (repeatable; default: recommended)', collect)
    .action(async (opts: { config?: string[] }) => {
      const { runMcpStdio } = await import('../mcp/server.js');
      const { projectRules } = await import('../surfaces/project.js');
      const { config, secrets } = await projectRules(process.cwd(), opts.config);
      await runMcpStdio({ config, secrets });
      setExit(0);
    });

  program
    .command('hook')
    .description(`check a coding agent's file write from its hook event on stdin (${AGENTS.join(', ')})`)
    .argument('<agent>', AGENTS.join(' | '))
    .option('--fail-on <level>', 'lowest severity that blocks the write (or none: only warn)', 'high')
    .option('-c, --config <pack|file|dir>', 'rules (repeatable; default: recommended)', collect)
    .option('--offline', 'check the packages a manifest write adds without the network (typosquats and the local advisory database only)')
    .action(async (agent: string, opts: { failOn: string; config?: string[]; offline?: boolean }) => {
      if (!isAgent(agent)) throw new SurfaceUsageError(`unknown agent ${agent} (use ${AGENTS.join(', ')})`);
      const failOn = severityOpt(opts.failOn, '--fail-on', true) ?? 'high';
      const input = await readStdin();
      const prepared = prepareHook(agent, input);
      // grammars and rules load only when the event writes a file
      let out;
      if ('output' in prepared) out = prepared.output;
      else {
        const { projectRules } = await import('../surfaces/project.js');
        const { createScanner, loadRules } = await import('../api.js');
        const { languageForPath } = await import('../languages/index.js');
        const { config, secrets, dependencies } = await projectRules(prepared.parsed.cwd, opts.config);
        // the packages a manifest write adds are checked while the rules load
        const { checkManifestWrites } = await import('../hooks/deps.js');
        const manifests = dependencies ? checkManifestWrites(prepared.parsed, { offline: opts.offline === true }) : Promise.resolve(undefined);
        const { rules } = await loadRules(config, prepared.parsed.cwd);
        // a hook process judges one write: compile only the rules of its languages (start-up is
        // most of a hook's latency). Markdown, notebooks and unknown files keep every rule.
        const langs = prepared.parsed.writes.map((w) => languageForPath(w.abs));
        const only = langs.every((l) => l !== null) ? new Set(langs) : null;
        const picked = only ? rules.filter((r) => r.languages.length === 0 || r.languages.some((l) => only.has(l))) : rules;
        out = judgeHook(agent, prepared.parsed, await createScanner({ rules: picked, secrets, cwd: prepared.parsed.cwd }), failOn, await manifests);
      }
      process.stdout.write(out.stdout);
      process.stderr.write(out.stderr);
      setExit(out.exitCode);
    });

  program
    .command('init')
    .description("add redpen's hook to a coding agent's project settings (merged into existing files)")
    .argument('<agent>', AGENTS.join(' | '))
    .option('--command <cmd>', 'how the agent should run redpen (default: this copy, by absolute path or through npx naming the package)')
    .option('--no-verify', 'write the command without running it once first (for a file meant for another machine)')
    .action(async (agent: string, opts: { command?: string; verify: boolean }) => {
      if (!isAgent(agent)) throw new SurfaceUsageError(`unknown agent ${agent} (use ${AGENTS.join(', ')})`);
      const { initAgent, InitError } = await import('../hooks/init.js');
      try {
        const r = await initAgent(agent, { cwd: process.cwd(), command: opts.command, verify: opts.verify });
        const lines = [`${r.changed ? 'updated' : 'already set up:'} ${r.file}`];
        if (r.replaced) lines.push(`replaced the hook command \`${r.replaced.command}\` (${r.replaced.reason})`);
        lines.push(`hook command: ${r.command} hook ${agent}`);
        lines.push(r.checked ? `checked: \`${r.command} --version\` ran here and answered ${r.checked}` : 'not checked (--no-verify): run it once where the agent runs to be sure it resolves');
        if (opts.command === undefined && !r.command.startsWith('npx ')) lines.push(`(paths on this machine: for a settings file others share, add ${PACKAGE_NAME} as a dev dependency and rerun init, or pass --command)`);
        lines.push(r.note);
        process.stdout.write(`${lines.join('\n')}\n`);
        setExit(0);
      } catch (e) {
        if (e instanceof InitError) throw new SurfaceUsageError(e.message);
        throw e;
      }
    });

  program
    .command('guard')
    .description('run an OpenAI-compatible proxy that scans the code in model responses')
    .requiredOption('--upstream <url>', 'the model server’s base URL, e.g. http://127.0.0.1:11434/v1 or https://api.openai.com/v1')
    .addOption(new Option('--policy <policy>', 'what to do with findings').choices([...POLICIES]).default('annotate'))
    .option('--fail-on <level>', 'lowest severity that blocks under --policy block', 'high')
    .option('--severity <level>', 'lowest severity reported', 'low')
    .option('--host <host>', 'address to listen on', GUARD_DEFAULTS.host)
    .option('--port <port>', 'port to listen on (0: any free port)', String(GUARD_DEFAULTS.port))
    .option('--max-request-bytes <n>', 'refuse larger request bodies', String(GUARD_DEFAULTS.maxRequestBytes))
    .option('--max-response-bytes <n>', 'cut off larger upstream responses', String(GUARD_DEFAULTS.maxResponseBytes))
    .option('--timeout <ms>', 'give up on an upstream silent this long', String(GUARD_DEFAULTS.timeoutMs))
    .option('--api-key-env <name>', 'environment variable holding the upstream API key (sent when the client sends none)')
    .option('--log-content', 'also log prompts, responses and code (off by default)')
    .option('-c, --config <pack|file|dir>', 'rules (repeatable; default: recommended)', collect)
    .action(async (opts: Record<string, string | boolean | string[] | undefined>) => {
      const host = String(opts.host);
      const apiKeyEnv = opts.apiKeyEnv as string | undefined;
      const apiKey = apiKeyEnv ? process.env[apiKeyEnv] : undefined;
      if (apiKeyEnv && !apiKey) throw new SurfaceUsageError(`environment variable ${apiKeyEnv} is not set`);
      const { isLoopback, startGuard } = await import('../guard/proxy.js');
      if (!isLoopback(host)) process.stderr.write(`redpen guard: warning: listening on ${host}, reachable from other machines; anyone who can reach it can use the upstream with the credentials it is given\n`);
      let guard;
      try {
        guard = await startGuard({
          upstream: String(opts.upstream),
          host,
          port: intOpt(opts.port as string, '--port'),
          policy: opts.policy as GuardPolicy,
          failOn: severityOpt(opts.failOn as string, '--fail-on') as Severity,
          severity: severityOpt(opts.severity as string, '--severity') as Severity,
          maxRequestBytes: intOpt(opts.maxRequestBytes as string, '--max-request-bytes'),
          maxResponseBytes: intOpt(opts.maxResponseBytes as string, '--max-response-bytes'),
          timeoutMs: intOpt(opts.timeout as string, '--timeout'),
          upstreamApiKey: apiKey,
          logContent: opts.logContent === true,
          scan: { config: opts.config as string[] | undefined },
        });
      } catch (e) {
        throw new SurfaceUsageError(`cannot start the guard: ${(e as Error).message}`);
      }
      process.stderr.write(`redpen guard: ${guard.url}/v1 -> ${String(opts.upstream)} (policy ${String(opts.policy)})\n`);
      await new Promise<void>((resolve) => {
        const stop = () => void guard.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      setExit(0);
    });
}

export { SurfaceUsageError };
