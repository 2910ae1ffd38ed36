#!/usr/bin/env node
// Regenerates docs/rules.md from rules/**/*.yaml (run after `npm run build`).
import fs from 'node:fs/promises';
import { BUNDLED_RULES } from '../dist/config/rules.js';
import { readPack, rulesMarkdown } from '../dist/testing/pack.js';

const pack = await readPack(BUNDLED_RULES);
await fs.writeFile(new URL('../docs/rules.md', import.meta.url), rulesMarkdown(pack));
console.log(`docs/rules.md: ${pack.length} rules`);
