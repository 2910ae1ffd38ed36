/**
 * Installing the peers the benchmark compares against, without touching the system:
 *
 * - Debian packages (bandit, gitleaks, trufflehog) come from Debian's unstable suite, whose
 *   versions are current (bookworm's bandit 1.6.2 silently skips its string-literal checks on
 *   Python 3.8+, and bookworm has no gitleaks or TruffleHog). apt runs with a private sources
 *   list, lists and cache under bench/work/apt; `apt-get download` fetches the .debs and
 *   `dpkg -x` unpacks them under bench/work/peers-debian/<peer>. Nothing is installed.
 * - npm peers (ESLint with eslint-plugin-security and @microsoft/eslint-plugin-sdl, Ruff's
 *   WebAssembly build, secretlint) come from bench/peers/package-lock.json via
 *   `npm ci --ignore-scripts` into bench/work/peers-npm.
 *
 * A peer that cannot be installed is returned with `error`, and the report says why.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { BENCH_DIR, WORK_DIR, errMsg, log, readJson, run, sha256, tail } from './util.js';

const APT_DIR = path.join(WORK_DIR, 'apt');
const DEB_ROOT = path.join(WORK_DIR, 'peers-debian');
export const NPM_PEERS_DIR = path.join(WORK_DIR, 'peers-npm');
const SUITE = 'sid';
const MIRROR = 'http://deb.debian.org/debian';

function aptOptions() {
  return [
    '-o', `Dir::Etc::SourceList=${path.join(APT_DIR, 'sources.list')}`,
    '-o', 'Dir::Etc::SourceParts=/dev/null',
    '-o', `Dir::State::Lists=${path.join(APT_DIR, 'lists')}`,
    '-o', `Dir::Cache=${path.join(APT_DIR, 'cache')}`,
    '-o', 'Debug::NoLocking=1',
    '-o', 'APT::Sandbox::User=root',
  ];
}

async function aptUpdate() {
  await fsp.mkdir(path.join(APT_DIR, 'lists', 'partial'), { recursive: true });
  await fsp.mkdir(path.join(APT_DIR, 'cache', 'archives', 'partial'), { recursive: true });
  await fsp.mkdir(path.join(APT_DIR, 'debs'), { recursive: true });
  const keyring = '/usr/share/keyrings/debian-archive-keyring.gpg';
  const signed = fs.existsSync(keyring) ? ` [signed-by=${keyring}]` : '';
  await fsp.writeFile(path.join(APT_DIR, 'sources.list'), `deb${signed} ${MIRROR} ${SUITE} main\n`);
  // lists fetched within the last day are reused: the suite moves, the report names versions
  const listed = (await fsp.readdir(path.join(APT_DIR, 'lists')).catch(() => [])).find((f) => f.endsWith('_Packages') || f.includes('_Packages.'));
  if (listed) {
    const age = Date.now() - (await fsp.stat(path.join(APT_DIR, 'lists', listed))).mtimeMs;
    if (age < 24 * 3600 * 1000) return null;
  }
  const r = await run('apt-get', [...aptOptions(), 'update'], { timeoutMs: 300_000 });
  if (r.code !== 0) return `apt-get update for Debian ${SUITE} failed: ${r.timedOut ? 'timed out' : tail(r.stderr || r.stdout)}`;
  return null;
}

/** The package and its python3-* dependencies, recursively (the interpreter itself excluded). */
async function pythonClosure(pkg) {
  const r = await run('apt-cache', [...aptOptions(), 'depends', '--recurse', '--no-recommends', '--no-suggests', '--no-conflicts', '--no-breaks', '--no-replaces', '--no-enhances', pkg]);
  if (r.code !== 0) throw new Error(`apt-cache depends ${pkg}: ${tail(r.stderr)}`);
  const names = new Set([pkg]);
  for (const line of r.stdout.split('\n')) {
    const m = /^(python3-[a-z0-9.+-]+)$/.exec(line.trim());
    if (m && !['python3-minimal', 'python3-distutils', 'python3-lib2to3'].includes(m[1])) names.add(m[1]);
  }
  return [...names].sort();
}

/** Download and unpack `packages` into DEB_ROOT/<name>; reused while versions are unchanged. */
async function unpack(name, packages) {
  const root = path.join(DEB_ROOT, name);
  const versions = {};
  const shown = await run('apt-cache', [...aptOptions(), 'show', '--no-all-versions', ...packages]);
  for (const para of shown.stdout.split(/\n\n+/)) {
    const name = /^Package: (.+)$/m.exec(para)?.[1];
    const v = /^Version: (.+)$/m.exec(para)?.[1];
    if (name && v && packages.includes(name)) versions[name] ??= v;
  }
  for (const p of packages) if (!versions[p]) throw new Error(`${p} is not in Debian ${SUITE}`);
  const key = sha256(JSON.stringify(versions));
  const stamp = await readJson(`${root}.json`);
  if (stamp?.key === key && fs.existsSync(root)) return { root, versions };
  await fsp.rm(root, { recursive: true, force: true });
  await fsp.mkdir(root, { recursive: true });
  const debs = path.join(APT_DIR, 'debs');
  const r = await run('apt-get', [...aptOptions(), 'download', ...packages.map((p) => `${p}=${versions[p]}`)], { cwd: debs, timeoutMs: 600_000 });
  if (r.code !== 0) throw new Error(`apt-get download failed: ${r.timedOut ? 'timed out' : tail(r.stderr || r.stdout)}`);
  const files = await fsp.readdir(debs);
  for (const p of packages) {
    const deb = files.find((f) => f.startsWith(`${p}_`) && f.includes(versions[p].replace(/^\d+:/, '').replace(/:/g, '%3a')));
    if (!deb) throw new Error(`downloaded ${p} not found`);
    const x = await run('dpkg', ['-x', path.join(debs, deb), root]);
    if (x.code !== 0) throw new Error(`dpkg -x ${deb}: ${tail(x.stderr)}`);
  }
  await fsp.writeFile(`${root}.json`, JSON.stringify({ key, versions }));
  return { root, versions };
}

async function debianPeer(name, setup) {
  try {
    return { name, ...(await setup()) };
  } catch (e) {
    return { name, error: errMsg(e) };
  }
}

async function checkVersion(peer, cmd, args, env, pick = (s) => s.trim().split('\n')[0]) {
  const r = await run(cmd, args, { env, timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`${peer} does not start: ${r.timedOut ? 'timed out' : tail(r.stderr || r.stdout)}`);
  return pick(r.stdout + r.stderr);
}

async function setupDebian() {
  const peers = {};
  const failed = await aptUpdate().catch((e) => errMsg(e));
  for (const name of ['bandit', 'gitleaks', 'trufflehog']) {
    if (failed) {
      peers[name] = { name, error: failed };
      continue;
    }
    log(`peer ${name} (Debian ${SUITE})`);
    peers[name] = await debianPeer(name, async () => {
      if (name === 'bandit') {
        const pkgs = await pythonClosure('python3-bandit');
        const { root, versions } = await unpack(name, pkgs);
        const env = { PYTHONPATH: path.join(root, 'usr', 'lib', 'python3', 'dist-packages'), PYTHONDONTWRITEBYTECODE: '1' };
        const script = path.join(root, 'usr', 'bin', 'bandit');
        const cmd = fs.existsSync(script) ? ['python3', script] : ['python3', '-m', 'bandit'];
        const version = await checkVersion(name, cmd[0], [...cmd.slice(1), '--version'], env, (s) => /bandit\s+([\d.]+)/.exec(s)?.[1] ?? s.trim().split('\n')[0]);
        return { version, debianVersion: versions['python3-bandit'], cmd, env, packages: versions, source: `Debian ${SUITE} python3-bandit with its Python dependencies, unpacked (not installed), run by the local python3` };
      }
      const { root, versions } = await unpack(name, [name]);
      const bin = path.join(root, 'usr', 'bin', name);
      // Debian's builds print no release number of their own ("dev"): the package's upstream version is it
      const reported = await checkVersion(name, bin, name === 'gitleaks' ? ['version'] : ['--version'], {});
      const version = versions[name].replace(/^\d+:/, '').replace(/-[^-]+$/, '');
      return { version, reported, debianVersion: versions[name], cmd: [bin], env: {}, bin, source: `Debian ${SUITE} ${name}, unpacked (not installed)` };
    });
  }
  return peers;
}

async function setupNpm() {
  const lock = await fsp.readFile(path.join(BENCH_DIR, 'peers', 'package-lock.json'), 'utf8');
  const hash = sha256(lock).slice(0, 16);
  const stampFile = path.join(NPM_PEERS_DIR, '.bench-lock-hash');
  let failed = null;
  if ((await fsp.readFile(stampFile, 'utf8').catch(() => '')) !== hash) {
    log('installing npm peers (npm ci --ignore-scripts)');
    await fsp.rm(NPM_PEERS_DIR, { recursive: true, force: true });
    await fsp.mkdir(NPM_PEERS_DIR, { recursive: true });
    await fsp.copyFile(path.join(BENCH_DIR, 'peers', 'package.json'), path.join(NPM_PEERS_DIR, 'package.json'));
    await fsp.writeFile(path.join(NPM_PEERS_DIR, 'package-lock.json'), lock);
    const r = await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: NPM_PEERS_DIR, timeoutMs: 600_000 });
    if (r.code !== 0) failed = `npm ci of bench/peers failed: ${r.timedOut ? 'timed out' : tail(r.stderr)}`;
    else await fsp.writeFile(stampFile, hash);
  }
  const nm = path.join(NPM_PEERS_DIR, 'node_modules');
  const version = async (pkg) => (await readJson(path.join(nm, pkg, 'package.json')))?.version;
  const peers = {};
  const def = async (name, pkgs, extra) => {
    if (failed) return (peers[name] = { name, error: failed });
    const versions = {};
    for (const p of pkgs) {
      const v = await version(p);
      if (!v) return (peers[name] = { name, error: `${p} is missing after npm ci` });
      versions[p] = v;
    }
    peers[name] = { name, version: versions[pkgs[0]], packages: versions, source: 'npm, pinned by bench/peers/package-lock.json', ...extra };
  };
  await def('eslint', ['eslint', 'eslint-plugin-security', '@microsoft/eslint-plugin-sdl', '@typescript-eslint/parser'], {
    cmd: [process.execPath, path.join(nm, 'eslint', 'bin', 'eslint.js')],
    config: path.join(NPM_PEERS_DIR, 'eslint.config.mjs'),
  });
  await def('ruff', ['@astral-sh/ruff-wasm-nodejs'], { module: path.join(nm, '@astral-sh', 'ruff-wasm-nodejs', 'ruff_wasm.js') });
  await def('secretlint', ['secretlint', '@secretlint/secretlint-rule-preset-recommend'], {
    cmd: [process.execPath, path.join(nm, 'secretlint', 'bin', 'secretlint.js')],
    config: path.join(NPM_PEERS_DIR, '.secretlintrc.json'),
  });
  if (peers.eslint.cmd) await fsp.writeFile(peers.eslint.config, ESLINT_CONFIG);
  if (peers.secretlint.cmd) await fsp.writeFile(peers.secretlint.config, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }, null, 2));
  return peers;
}

/** ESLint with both security plugins' recommended configs, on JavaScript and TypeScript. */
const ESLINT_CONFIG = `// Written by the redpen benchmark: the security plugins' recommended configurations.
import security from 'eslint-plugin-security';
import sdl from '@microsoft/eslint-plugin-sdl';
import tsParser from '@typescript-eslint/parser';

export default [
  { files: ['**/*.{js,cjs,mjs,jsx,ts,mts,cts,tsx}'] },
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  { languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tsParser } },
  security.configs.recommended,
  // the SDL plug-in registers its own older eslint-plugin-security (without enabling its
  // rules); the newer one above takes its place
  ...sdl.configs.recommended.map((config) => {
    if (!config.plugins?.security) return config;
    const { security: _older, ...others } = config.plugins;
    return { ...config, plugins: others };
  }),
];
`;

/** Install every peer; never throws. */
export async function setupPeers({ skip = false } = {}) {
  const notAvailable = {
    semgrep: { name: 'semgrep', error: 'not installable here: Semgrep ships on PyPI and as its own binaries; neither the npm registry nor Debian carries it' },
  };
  if (skip) {
    const why = { error: 'peers skipped (--no-peers)' };
    return { bandit: { name: 'bandit', ...why }, gitleaks: { name: 'gitleaks', ...why }, trufflehog: { name: 'trufflehog', ...why }, eslint: { name: 'eslint', ...why }, ruff: { name: 'ruff', ...why }, secretlint: { name: 'secretlint', ...why }, ...notAvailable };
  }
  let debian;
  try {
    debian = await setupDebian();
  } catch (e) {
    debian = Object.fromEntries(['bandit', 'gitleaks', 'trufflehog'].map((n) => [n, { name: n, error: errMsg(e) }]));
  }
  let npm;
  try {
    npm = await setupNpm();
  } catch (e) {
    npm = Object.fromEntries(['eslint', 'ruff', 'secretlint'].map((n) => [n, { name: n, error: errMsg(e) }]));
  }
  return { ...debian, ...npm, ...notAvailable };
}
