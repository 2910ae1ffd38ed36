#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`redpen: fatal: ${e?.stack ?? e}\n`);
    process.exitCode = 2;
  },
);
