/**
 * A manifest's text with positions: every dependency points at the line that declares it
 * (the shortest span naming the package), so reports and SARIF land on that line.
 */
import { LineIndex } from '../../core/ast.js';
import type { Location } from '../../core/types.js';
import type { Dependency, Ecosystem } from '../types.js';

export class SourceFile {
  readonly lines: LineIndex;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    this.lines = new LineIndex(text);
  }

  location(offset: number, length: number): Location {
    const start = this.lines.position(Math.max(0, Math.min(offset, this.text.length)));
    const end = this.lines.position(Math.max(0, Math.min(offset + length, this.text.length)));
    return { path: this.path, start, end };
  }

  /** The trimmed line at an offset. */
  lineAt(offset: number): string {
    return this.lines.lineText(this.lines.lineOf(offset)).trimEnd();
  }

  /** Offset of the first line at or after `from` matching `re` (anchored per line), or -1. */
  findLine(re: RegExp, from = 0): number {
    let line = this.lines.lineOf(Math.max(0, from));
    const count = this.lines.lineCount;
    for (; line <= count; line++) {
      const text = this.lines.lineText(line);
      const m = re.exec(text);
      if (m) return this.lines.starts[line - 1] + m.index;
    }
    return -1;
  }

  /** Offset of `needle` at or after `from`, or -1. */
  find(needle: string, from = 0): number {
    return this.text.indexOf(needle, Math.max(0, from));
  }

  /** A dependency declared at [offset, offset+length); an offset of -1 points at the first line. */
  dep(ecosystem: Ecosystem, name: string, offset: number, length: number, extra: Partial<Dependency> & Pick<Dependency, 'source'>): Dependency {
    const at = offset < 0 ? 0 : offset;
    const len = offset < 0 ? 0 : length;
    return { ecosystem, name, file: this.path, location: this.location(at, len), snippet: this.lineAt(at), ...extra };
  }
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The result of parsing one manifest: dependencies, plus problems that did not stop it. */
export interface ManifestResult {
  deps: Dependency[];
  errors: { message: string; offset?: number }[];
  /** Other files this one includes (`-r`, `-c` in requirements files), relative to its folder. */
  includes?: { path: string; constraint: boolean }[];
  /** The names this manifest declares directly (for undeclared-import checks). */
  declares?: { ecosystem: Ecosystem; names: string[] };
}
