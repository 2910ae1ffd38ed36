/** Where the dependency capability keeps its files (a module of its own: cheap to import). */
import path from 'node:path';
import { defaultCacheDir } from '../runner/cache.js';

/** The advisory database: $REDPEN_DB, else osv.sqlite in redpen's cache folder. */
export function defaultDbPath(): string {
  return process.env.REDPEN_DB || path.join(defaultCacheDir(), 'osv.sqlite');
}
