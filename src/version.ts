import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

/** The package version, read once from package.json (the single source of truth). */
export const VERSION: string = pkg.version;

/**
 * The npm package's name: not `redpen`, which on npm is an unrelated package, so every command
 * redpen writes or documents that goes through npx names this one (the command stays `redpen`).
 */
export const PACKAGE_NAME: string = pkg.name;
