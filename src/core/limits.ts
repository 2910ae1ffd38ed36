/**
 * Files above this are reported and not analysed (as Semgrep's default): a lowered tree costs
 * memory in proportion to its file, and generated or vendored files this large are rarely
 * what a reviewer reads. `--max-file-size` raises it.
 */
export const DEFAULT_MAX_FILE_BYTES = 1_000_000;

/** Lockfiles: large by nature, cheap to read, and what the dependency checks need whole. */
const LOCKFILES = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|Pipfile\.lock|uv\.lock|composer\.lock|Cargo\.lock|Gemfile\.lock)$/;
const LOCKFILE_MAX_BYTES = 64_000_000;

/** The size limit for a path: lockfiles get a far larger one. */
export function maxBytesFor(path: string, base: number): number {
  return LOCKFILES.test(path) ? Math.max(base, LOCKFILE_MAX_BYTES) : base;
}
