/**
 * Per-snippet latency through the library API in a warm process: createScanner once (the
 * recommended pack and secret detection), then scanner.scanText per snippet, as an IDE, a
 * hook server or a model gateway would. argv[2] is a JSON file:
 * { snippets: [{ language, size, text }], iterations, warmup }.
 * Prints one JSON line with the cold start and per-size/per-language samples summarised.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist');
const args = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));

const ext = { python: 'py', javascript: 'js', typescript: 'ts', tsx: 'tsx' };

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const t0 = performance.now();
const { createScanner } = await import(path.join(dist, 'api.js'));
const scanner = await createScanner({});
const coldMs = performance.now() - t0;

const samples = new Map();
let findings = 0;
const { snippets } = args;
for (let i = 0; i < args.warmup; i++) for (const s of snippets) scanner.scanText(`warm/snippet-${i}.${ext[s.language]}`, s.text, s.language);
for (let i = 0; i < args.iterations; i++) {
  // a different order each round, so no snippet always follows the same one
  const order = snippets.map((_, j) => j).sort((a, b) => ((a * 7919 + i * 104729) % 1009) - ((b * 7919 + i * 104729) % 1009));
  for (const j of order) {
    const s = snippets[j];
    const name = `snippets/s${j}-${i}.${ext[s.language]}`;
    const st = performance.now();
    const r = scanner.scanText(name, s.text, s.language);
    const dt = performance.now() - st;
    findings += r.findings.length;
    for (const key of [`${s.size}`, `${s.size}/${s.language}`]) {
      if (!samples.has(key)) samples.set(key, []);
      samples.get(key).push(dt);
    }
  }
}
const summary = {};
for (const [key, xs] of samples) summary[key] = { n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99), max: Math.max(...xs) };
process.stdout.write(JSON.stringify({ coldMs, rules: scanner.rules.length, summary, findings, maxRssKB: process.resourceUsage().maxRSS }) + '\n');
