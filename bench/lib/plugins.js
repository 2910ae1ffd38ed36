/**
 * Plug-ins: other capabilities put their figures into the same report.
 *
 * Convention: every `bench/plugins/*.js` module (and `bench/secrets/score.js` when present)
 * has a default export `{ name, title?, run(ctx) }`, or is a function `(ctx) => section`
 * (then its file name is its name). `run` returns (or resolves to)
 * `{ markdown: string, json: any }`; the markdown lands under its own heading, the JSON
 * under `plugins[name]` in the JSON report. A plug-in that throws or returns nothing usable
 * is reported as failed with its reason; the rest of the benchmark still runs.
 *
 * ctx (read-only): see `pluginContext` in run.js and bench/README.md.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR, errMsg, log } from './util.js';

export async function pluginFiles() {
  const dir = path.join(BENCH_DIR, 'plugins');
  const files = (await fsp.readdir(dir).catch(() => [])).filter((f) => /\.m?js$/.test(f) && !f.startsWith('_')).sort().map((f) => path.join(dir, f));
  const secrets = path.join(BENCH_DIR, 'secrets', 'score.js');
  if (fs.existsSync(secrets)) files.push(secrets);
  return files;
}

export async function loadPlugin(file) {
  const mod = await import(pathToFileURL(file).href);
  const exp = mod.default ?? mod.score ?? mod.run;
  const rel = path.relative(BENCH_DIR, file).split(path.sep).join('/');
  const base = path.basename(file).replace(/\.m?js$/, '');
  // bench/secrets/score.js is named after its folder
  const fallbackName = base === 'score' ? path.basename(path.dirname(file)) : base;
  if (typeof exp === 'function') return { name: fallbackName, file: rel, run: exp };
  if (exp && typeof exp.run === 'function') return { name: exp.name ?? fallbackName, title: exp.title, file: rel, run: (ctx) => exp.run(ctx) };
  throw new Error(`${rel} exports neither a function nor { name, run(ctx) }`);
}

/** Run every plug-in; each ends as a section or as an error with its reason. */
export async function runPlugins(ctx, files = null) {
  const sections = [];
  for (const file of files ?? (await pluginFiles())) {
    const rel = path.relative(BENCH_DIR, file).split(path.sep).join('/');
    const started = performance.now();
    let plugin;
    try {
      plugin = await loadPlugin(file);
    } catch (e) {
      sections.push({ name: rel, file: rel, error: `cannot load: ${errMsg(e)}` });
      continue;
    }
    log(`plug-in ${plugin.name}`);
    try {
      const out = await plugin.run(ctx);
      if (!out || typeof out.markdown !== 'string') throw new Error('returned no { markdown, json } section');
      sections.push({ name: plugin.name, title: plugin.title ?? out.title ?? plugin.name, file: rel, markdown: out.markdown, json: out.json ?? null, ms: performance.now() - started });
    } catch (e) {
      sections.push({ name: plugin.name, title: plugin.title ?? plugin.name, file: rel, error: errMsg(e), ms: performance.now() - started });
    }
  }
  return sections;
}
