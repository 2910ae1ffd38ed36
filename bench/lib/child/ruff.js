/**
 * Ruff's security rules (the `S` rules, flake8-bandit) through Ruff's WebAssembly build, the
 * form of Ruff the npm registry carries. One Workspace checks one file at a time; with
 * jobs > 1 the files are spread over worker threads, one Workspace each.
 * argv[2] is JSON, or a JSON file: { module, dir, files, jobs, keep } (keep: list locations). Prints one JSON line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

function checker(modulePath) {
  const ruff = createRequire(import.meta.url)(modulePath);
  const ws = new ruff.Workspace({ lint: { select: ['S'] } }, ruff.PositionEncoding.Utf16);
  return { version: ruff.Workspace.version(), check: (text) => ws.check(text) };
}

function checkFiles(modulePath, dir, files, keep) {
  const c = checker(modulePath);
  const locations = keep ? [] : undefined;
  const byRule = {};
  let parseErrors = 0;
  let findings = 0;
  for (const f of files) {
    let text;
    try {
      text = fs.readFileSync(path.join(dir, f), 'utf8');
    } catch {
      parseErrors++;
      continue;
    }
    let diags;
    try {
      diags = c.check(text);
    } catch {
      parseErrors++;
      continue;
    }
    let syntax = false;
    for (const d of diags) {
      if (!d.code) {
        syntax = true;
        continue;
      }
      byRule[d.code] = (byRule[d.code] ?? 0) + 1;
      findings++;
      locations?.push({ path: f, line: d.start_location.row, endLine: d.end_location.row, ruleId: d.code });
    }
    if (syntax) parseErrors++;
  }
  return { byRule, parseErrors, findings, version: c.version, locations };
}

if (!isMainThread) {
  parentPort.postMessage(checkFiles(workerData.module, workerData.dir, workerData.files, workerData.keep));
} else {
  const a = process.argv[2];
  const args = JSON.parse(a.startsWith('{') ? a : fs.readFileSync(a, 'utf8'));
  const t0 = performance.now();
  let result;
  if (args.jobs <= 1) {
    result = checkFiles(args.module, args.dir, args.files, args.keep);
  } else {
    // interleaved slices balance big and small files without a queue
    const slices = Array.from({ length: args.jobs }, (_, i) => args.files.filter((_, j) => j % args.jobs === i));
    const parts = await Promise.all(
      slices.map(
        (files) =>
          new Promise((resolve, reject) => {
            const w = new Worker(fileURLToPath(import.meta.url), { workerData: { module: args.module, dir: args.dir, files, keep: args.keep } });
            w.once('message', resolve);
            w.once('error', reject);
          }),
      ),
    );
    result = { byRule: {}, parseErrors: 0, findings: 0, version: parts[0]?.version, locations: args.keep ? [] : undefined };
    for (const p of parts) {
      if (p.locations) result.locations.push(...p.locations);
      result.parseErrors += p.parseErrors;
      result.findings += p.findings;
      for (const [k, v] of Object.entries(p.byRule)) result.byRule[k] = (result.byRule[k] ?? 0) + v;
    }
  }
  result.ms = performance.now() - t0;
  process.stdout.write(JSON.stringify(result) + '\n');
}
