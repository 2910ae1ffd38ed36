/**
 * The language registry: which languages exist, and which one a file or snippet is in.
 */
import type { LanguageId } from '../core/types.js';
import { javascript, tsx, typescript } from './javascript/index.js';
import { python } from './python/index.js';
import type { LanguageSupport } from './types.js';

export const LANGUAGES: readonly LanguageSupport[] = [python, javascript, typescript, tsx];

const byId = new Map<LanguageId, LanguageSupport>(LANGUAGES.map((l) => [l.id, l]));

export function languageById(id: LanguageId): LanguageSupport {
  const l = byId.get(id);
  if (!l) throw new Error(`unknown language ${id}`);
  return l;
}

/**
 * Languages a rule's `languages:` entry selects. `typescript` also selects TSX, and
 * `javascript` selects JSX (same grammar), as Semgrep's do.
 */
export function languagesForRuleName(name: string): LanguageId[] | null {
  const n = name.toLowerCase();
  if (n === 'typescript' || n === 'ts') return ['typescript', 'tsx'];
  for (const l of LANGUAGES) if (l.aliases.includes(n)) return [l.id];
  return null;
}

/** Language for a user-given name (`--lang`), or null. */
export function languageForName(name: string): LanguageId | null {
  const n = name.toLowerCase();
  for (const l of LANGUAGES) if (l.aliases.includes(n) || l.id === n) return l.id;
  return null;
}

export function languageForPath(path: string): LanguageId | null {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return null;
  const ext = path.slice(dot).toLowerCase();
  for (const l of LANGUAGES) if (l.extensions.includes(ext)) return l.id;
  return null;
}

export function languageForShebang(text: string): LanguageId | null {
  if (!text.startsWith('#!')) return null;
  const nl = text.indexOf('\n');
  const line = text.slice(2, nl < 0 ? undefined : nl).trim();
  const parts = line.split(/\s+/);
  // `#!/usr/bin/env -S node --flag` and `#!/usr/bin/python3`
  let prog = parts[0]?.split('/').pop() ?? '';
  if (prog === 'env') prog = parts.find((p, i) => i > 0 && !p.startsWith('-')) ?? '';
  // a version suffix (`python3.11`) comes off unless it is the whole name; trimmed by hand, as
  // `/[\d.]+$/` rescans a long run of digits from every start
  let end = prog.length;
  while (end > 0 && /[\d.]/.test(prog[end - 1])) end--;
  if (end > 0) prog = prog.slice(0, end);
  for (const l of LANGUAGES) if (l.interpreters.some((i) => i === prog || prog.startsWith(i))) return l.id;
  return null;
}

/** Best guess from content alone; null when nothing looks like code we know. */
export function sniffLanguage(text: string): LanguageId | null {
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const shebang = languageForShebang(sample);
  if (shebang) return shebang;
  let best: LanguageId | null = null;
  let bestScore = 0;
  for (const l of LANGUAGES) {
    const s = l.sniff(sample);
    if (s > bestScore) {
      best = l.id;
      bestScore = s;
    }
  }
  return bestScore >= 2 ? best : null;
}

/** Extension first, then shebang, then content. */
export function detectLanguage(path: string | undefined, text: string): LanguageId | null {
  if (path) {
    const byExt = languageForPath(path);
    if (byExt) return byExt;
  }
  return languageForShebang(text) ?? (path ? null : sniffLanguage(text));
}

export type { LanguageSupport };
