// Speed of the dependency checks (run after `npm run build`): manifest parsing, typosquat
// lookups, advisory database import and lookups, and a full check of many packages against a
// local server (requests batched and bounded). `node bench/deps.js` prints the results as JSON.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PYPA = path.join(ROOT, 'test', 'data', 'deps', 'osv-pypi', 'pypa-advisory-database-2024-10-10.jsonl.gz');

const time = async (fn) => {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
};

/** Returns [{ name, value, unit }]. */
export async function benchDeps({ packages = 300 } = {}) {
  const { parseManifest } = await import('../dist/deps/manifests/index.js');
  const { popularIndex } = await import('../dist/deps/typosquat.js');
  const { AdvisoryDb } = await import('../dist/deps/db.js');
  const { checkPackages } = await import('../dist/deps/check.js');
  const out = [];

  // a package-lock.json with 5,000 entries
  const lock = { lockfileVersion: 3, packages: { '': { name: 'x' } } };
  for (let i = 0; i < 5000; i++) lock.packages[`node_modules/pkg-${i}`] = { version: `1.${i % 50}.0`, resolved: `https://registry.npmjs.org/pkg-${i}/-/pkg-${i}-1.0.0.tgz` };
  const lockText = JSON.stringify(lock, null, 2);
  const [parseMs, parsed] = await time(() => parseManifest('package-lock.json', 'package-lock.json', lockText));
  out.push({ name: 'parse package-lock.json (5,000 packages)', value: Math.round(parseMs), unit: 'ms', note: `${parsed.deps.length} deps` });

  const [indexMs, npm] = await time(() => popularIndex('npm'));
  out.push({ name: 'load npm popularity index (20,000 names)', value: Math.round(indexMs), unit: 'ms' });
  const names = Array.from({ length: 2000 }, (_, i) => (i % 4 === 0 ? `expresss${i}` : i % 4 === 1 ? 'loadsh' : i % 4 === 2 ? `my-internal-lib-${i}` : 'react-domm'));
  const [squatMs] = await time(() => names.forEach((n) => npm.resemble(n)));
  out.push({ name: 'typosquat lookups', value: Math.round((squatMs / names.length) * 1000), unit: 'µs/name' });

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'redpen-bench-'));
  try {
    const db = AdvisoryDb.open(path.join(tmp, 'osv.sqlite'));
    const [importMs, stats] = await time(() => db.importPath(PYPA));
    out.push({ name: 'import OSV records (PyPA, jsonl.gz)', value: Math.round(stats.imported / (importMs / 1000)), unit: 'records/s', note: `${stats.imported} in ${Math.round(importMs)} ms` });
    const lookups = ['django', 'requests', 'pillow', 'jinja2', 'pyyaml', 'numpy', 'flask', 'urllib3'];
    const [lookupMs] = await time(() => { for (let i = 0; i < 500; i++) db.recordsFor('PyPI', lookups[i % lookups.length]); });
    out.push({ name: 'database lookups', value: Math.round((lookupMs / 500) * 1000), unit: 'µs/package' });
    db.close();

    // many packages against a local server: one querybatch, bounded registry requests
    let inFlight = 0;
    let maxInFlight = 0;
    const counts = { querybatch: 0, registry: 0 };
    const server = http.createServer((req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'application/json' });
        if (req.url.endsWith('/querybatch')) {
          counts.querybatch++;
          const q = JSON.parse(Buffer.concat(chunks).toString()).queries;
          res.end(JSON.stringify({ results: q.map(() => ({})) }));
        } else {
          counts.registry++;
          const name = decodeURIComponent(req.url.split('/').pop());
          res.end(JSON.stringify({ name, 'dist-tags': { latest: '1.0.0' }, time: { created: '2015-01-01T00:00:00Z' }, repository: 'git+https://github.com/x/y', versions: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`1.${i}.0`, {}])) }));
        }
      }, 5));
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${server.address().port}`;
    const pkgs = Array.from({ length: packages }, (_, i) => ({ ecosystem: 'npm', name: `bench-pkg-${i}`, version: '1.0.0' }));
    const [checkMs, report] = await time(() => checkPackages(pkgs, { osvUrl: url, npmRegistry: url, cacheDir: false, concurrency: 8 }));
    server.close();
    out.push({ name: `check ${packages} packages (local server, 5 ms per answer)`, value: Math.round(checkMs), unit: 'ms', note: `${counts.querybatch} querybatch, ${counts.registry} registry requests, at most ${maxInFlight} at once, ${report.unchecked.length} unchecked` });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(JSON.stringify(await benchDeps(), null, 2));
}
