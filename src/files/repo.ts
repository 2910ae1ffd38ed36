/** Where the git repository holding a folder begins (a module of its own: cheap to import). */
import fs from 'node:fs';
import path from 'node:path';

/**
 * The root of the git repository holding `dir` (the nearest folder at or above it with a `.git`
 * folder or file), or null outside any repository. Read from the file system: git is not run.
 */
export function repositoryRoot(dir: string): string | null {
  let cur = path.resolve(dir);
  for (let i = 0; i < 256; i++) {
    if (fs.existsSync(path.join(cur, '.git'))) return cur;
    const up = path.dirname(cur);
    if (up === cur) return null;
    cur = up;
  }
  return null;
}
