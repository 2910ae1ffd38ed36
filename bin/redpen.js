#!/usr/bin/env node
// dist/ is built on install (the `prepare` script); a copy installed with scripts disabled
// (`npm ci --ignore-scripts`) has none, which deserves a sentence rather than a stack trace.
const entry = new URL('../dist/cli/main.js', import.meta.url);
let main;
try {
  ({ main } = await import(entry.href));
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !/dist[\\/]cli[\\/]main\.js/.test(String(e.message))) throw e;
  process.stderr.write('redpen: this copy is not built (dist/ is missing): run `npm run build` in its folder, or install it without --ignore-scripts\n');
  process.exit(2);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`redpen: fatal: ${e?.stack ?? e}\n`);
    process.exitCode = 2;
  },
);
