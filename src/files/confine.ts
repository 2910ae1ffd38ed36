/**
 * Confinement of reads to a set of folders, for surfaces that take paths from a model or a
 * client (the MCP server): a path is inside when its real path (symlinks resolved) is one of
 * the folders or below one. A path that does not exist is judged by its lexical form, so a
 * refusal does not depend on (or reveal) whether something exists outside.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The real paths of the folders that exist; the others are left out. */
export function realRoots(roots: string[]): string[] {
  const out: string[] = [];
  for (const r of roots) {
    try {
      const real = fs.realpathSync(r);
      if (fs.statSync(real).isDirectory() && !out.includes(real)) out.push(real);
    } catch {
      // a root that does not exist allows nothing
    }
  }
  return out;
}

function within(p: string, root: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

/** The real path of `abs` when it lies inside one of `roots` (real paths), else null. */
export function confined(abs: string, roots: string[]): string | null {
  let real: string;
  try {
    real = fs.realpathSync(abs);
  } catch {
    real = path.resolve(abs);
  }
  return roots.some((r) => within(real, r)) ? real : null;
}
