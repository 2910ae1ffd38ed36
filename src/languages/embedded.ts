/**
 * The forms AI-generated code arrives in besides source files: markdown and chat transcripts
 * with fenced code blocks, and Jupyter notebooks. Each is split into units of code with a map
 * from unit positions back to the original document, so findings point at the lines the
 * reviewer sees.
 */
import { parseTree, findNodeAtLocation, type Node as JsonNode } from 'jsonc-parser';
import { createRequire } from 'node:module';
import type MarkdownIt from 'markdown-it';
import { LineIndex } from '../core/ast.js';
import type { LanguageId } from '../core/types.js';
import { languageForName, sniffLanguage } from './index.js';
import { isLoaded, parseText } from './treesitter.js';

/**
 * An untagged block too short to sniff: the first language that parses it without a syntax
 * error (Python first: assistants' untagged snippets are most often Python).
 */
function guessByParsing(content: string): LanguageId | null {
  for (const id of ['python', 'javascript', 'typescript'] as LanguageId[]) {
    if (!isLoaded(id)) continue;
    try {
      if (parseText(id, content, { timeoutMs: 500 }).errors.length === 0) return id;
    } catch {
      // try the next language
    }
  }
  return null;
}

export interface Unit {
  /** The code. */
  text: string;
  /** Language of the code; null when it is not code we parse (shell, JSON, prose...). */
  language: LanguageId | null;
  /** The fence's tag or the notebook's language, as written. */
  tag: string;
  /** Maps a 1-based (line, column) in `text` to the original document. */
  map(line: number, column: number): { line: number; column: number };
  /** Notebook cell index (0-based). */
  cell?: number;
  /** Notebook cell outputs are scanned for secrets only. */
  kind: 'code' | 'output';
  /**
   * A markdown code block with no tag (fenced or indented) whose language could not be inferred:
   * checked for secrets only, and reported so (the 1-based line where its code starts).
   */
  untypedAt?: number;
}

// the markdown parser loads with the first markdown document, not with the scanner
const require = createRequire(import.meta.url);
let md: MarkdownIt | null = null;
function markdown(): MarkdownIt {
  if (!md) {
    const Ctor = require('markdown-it') as typeof MarkdownIt;
    md = new Ctor();
  }
  return md;
}

/** Tags that name a language we parse, and tags we know are something else. */
function languageForTag(tag: string, content: string): LanguageId | null {
  const t = tag.trim().split(/[\s{]/)[0].toLowerCase();
  if (t === '') return sniffLanguage(content) ?? guessByParsing(content);
  if (t === 'ipython' || t === 'ipython3' || t === 'py3') return 'python';
  if (t === 'mjs' || t === 'cjs' || t === 'nodejs') return 'javascript';
  return languageForName(t);
}

export function markdownUnits(text: string): Unit[] {
  const units: Unit[] = [];
  const lines = new LineIndex(text);
  let tokens: ReturnType<MarkdownIt["parse"]>;
  try {
    tokens = markdown().parse(text, {});
  } catch {
    return units;
  }
  const isCode = (t: { type: string; map: [number, number] | null }) => (t.type === 'fence' || t.type === 'code_block') && t.map !== null;
  for (const t of tokens) {
    if (!isCode(t) || !t.map) continue;
    if (t.type === 'code_block') {
      // an indented block: its language is inferred as for an untagged fence; CommonMark strips
      // the indentation (and any blockquote marker), so each line keeps its own column shift
      const first = t.map[0] + 1;
      const shifts = t.content.split('\n').map((l, i) => {
        const orig = lines.lineText(first + i);
        return l && orig.endsWith(l) ? orig.length - l.length : 4;
      });
      const language = languageForTag('', t.content);
      units.push({
        text: t.content,
        language,
        tag: '',
        kind: 'code',
        map: (line, column) => ({ line: first + line - 1, column: column + (shifts[line - 1] ?? 4) }),
        ...(language ? {} : { untypedAt: first }),
      });
      continue;
    }
    const fenceLine = t.map[0] + 1; // 1-based line of the opening fence
    const opening = lines.lineText(fenceLine);
    const indent = opening.length - opening.trimStart().length;
    const firstContentLine = fenceLine + 1;
    const language = languageForTag(t.info, t.content);
    units.push({
      text: t.content,
      language,
      tag: t.info.trim(),
      kind: 'code',
      map: (line, column) => ({ line: firstContentLine + line - 1, column: column + indent }),
      ...(language || t.info.trim() || !t.content.trim() ? {} : { untypedAt: firstContentLine }),
    });
  }
  // the prose itself (code blocks blanked, offsets kept) for detectors: keys pasted in a README
  const pieces: string[] = [];
  let at = 0;
  for (const t of tokens) {
    if (!isCode(t) || !t.map) continue;
    const from = lines.starts[t.map[0]];
    const to = t.map[1] < lines.lineCount ? lines.starts[t.map[1]] : text.length;
    if (from < at) continue;
    pieces.push(text.slice(at, from), text.slice(from, to).replace(/[^\n]/g, ' '));
    at = to;
  }
  pieces.push(text.slice(at));
  const prose = pieces.join('');
  units.push({ text: prose, language: null, tag: 'markdown', kind: 'output', map: (line, column) => ({ line, column }) });
  return units;
}

export interface Notebook {
  units: Unit[];
  language: LanguageId | null;
  error?: string;
}

/** IPython magics and shell escapes are not Python; blank them out keeping every offset. */
export function maskMagics(code: string): string {
  return code.replace(/^([ \t]*)([%!])/gm, (_m, ws: string) => `${ws}#`);
}

export function notebookUnits(text: string): Notebook {
  const errors: { error: number; offset: number }[] = [];
  const root = parseTree(text, errors as never, { allowTrailingComma: true });
  if (!root || errors.length > 0) return { units: [], language: null, error: 'not valid notebook JSON' };
  const lines = new LineIndex(text);
  const langNode =
    findNodeAtLocation(root, ['metadata', 'kernelspec', 'language']) ??
    findNodeAtLocation(root, ['metadata', 'language_info', 'name']);
  const langName = typeof langNode?.value === 'string' ? langNode.value : 'python';
  const language = languageForName(langName);
  const cells = findNodeAtLocation(root, ['cells']);
  if (!cells || cells.type !== 'array') return { units: [], language, error: 'notebook has no cells list' };
  const units: Unit[] = [];
  cells.children?.forEach((cell, index) => {
    const type = findNodeAtLocation(cell, ['cell_type'])?.value;
    if (type === 'code') {
      const src = findNodeAtLocation(cell, ['source']);
      if (src) units.push(cellUnit(src, lines, index, language, langName, 'code'));
      const outputs = findNodeAtLocation(cell, ['outputs']);
      for (const out of outputs?.children ?? []) {
        for (const key of [['text'], ['data', 'text/plain'], ['data', 'text/html'], ['traceback']]) {
          const n = findNodeAtLocation(out, key);
          if (n) units.push(cellUnit(n, lines, index, null, 'output', 'output'));
        }
      }
    } else if (type === 'markdown' || type === 'raw') {
      const src = findNodeAtLocation(cell, ['source']);
      if (src) units.push(cellUnit(src, lines, index, null, type, 'output'));
    }
  });
  return { units, language };
}

/** A cell's source (a string or a list of strings) with a line map into the .ipynb file. */
function cellUnit(src: JsonNode, lines: LineIndex, cell: number, language: LanguageId | null, tag: string, kind: Unit['kind']): Unit {
  const parts: { text: string; offset: number }[] = [];
  if (src.type === 'string') parts.push({ text: String(src.value), offset: src.offset });
  else for (const c of src.children ?? []) if (c.type === 'string') parts.push({ text: String(c.value), offset: c.offset });
  let code = parts.map((p) => p.text).join('');
  // each line of the joined code starts in some part; remember where
  const lineStarts: { line: number; column: number }[] = [];
  for (const p of parts) {
    const pos = lines.position(p.offset + 1); // after the opening quote
    const n = p.text.split('\n').length - (p.text.endsWith('\n') ? 1 : 0);
    // lines inside one JSON string share its file line; their columns are approximate
    for (let i = 0; i < Math.max(n, 1); i++) lineStarts.push(pos);
  }
  if (language === 'python') code = maskMagics(code);
  return {
    text: code,
    language,
    tag,
    cell,
    kind,
    map: (line, column) => {
      const at = lineStarts[Math.min(line - 1, lineStarts.length - 1)] ?? { line: 1, column: 1 };
      return { line: at.line, column: at.column + column - 1 };
    },
  };
}
