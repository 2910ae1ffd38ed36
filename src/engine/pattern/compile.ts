/**
 * Compile a Semgrep pattern into a PNode tree for one language.
 *
 * The pattern is preprocessed (preprocess.ts), parsed with the language's grammar, lowered
 * like code, and its placeholders turned back into operators. A pattern is either an
 * expression (matches expressions anywhere), a statement (matches statements of its type
 * anywhere), or a sequence of statements (matches within any statement list).
 */
import type { Node, Tree } from '../../core/ast.js';
import type { LanguageId } from '../../core/types.js';
import { languageById } from '../../languages/index.js';
import { parseText } from '../../languages/treesitter.js';
import type { LanguageSupport } from '../../languages/types.js';
import { DEEP, ELLIPSIS, MV_PREFIX, preprocessPattern, SEQ_PREFIX, TYPED_PREFIX } from './preprocess.js';
import { RuleRegex } from '../regex.js';

export type PNode = PMetavar | PSeqMetavar | PEllipsis | PDeep | PString | PTree;

export interface PMetavar {
  k: 'mv';
  /** With the dollar: "$X". "$_" never unifies. */
  name: string;
  /** Typed metavariable: the declared type text. */
  type?: string;
}
export interface PSeqMetavar {
  k: 'mvseq';
  name: string;
}
export interface PEllipsis {
  k: 'ellipsis';
}
export interface PDeep {
  k: 'deep';
  inner: PNode;
}
export interface PString {
  k: 'str';
  /** any: "..."; exact: "text"; regex: "=~/re/"; mv: "$X" (binds the literal). */
  mode: 'any' | 'exact' | 'regex' | 'mv';
  value: string;
  re?: RuleRegex;
  /** f"..." / `...`: matches interpolated strings too. */
  interpolatedOk: boolean;
  node: Node;
}
export interface PTree {
  k: 'node';
  type: string;
  /** Leaf text (identifiers, numbers, operators-as-leaves). */
  text: string | null;
  op: string | null;
  /** Children with a field name, grouped by field (in order). */
  fields: [string, PNode[]][];
  /** Children without a field name, in order. */
  unnamed: PNode[];
  /** Whether any unnamed child is an ellipsis or sequence metavariable. */
  open: boolean;
  node: Node;
}

export interface CompiledPattern {
  source: string;
  language: LanguageId;
  kind: 'expr' | 'stmt' | 'seq';
  /** For expr/stmt. */
  root: PNode;
  /** For seq. */
  items: PNode[];
  /** Words that must all occur in a file for the pattern to possibly match. */
  words: string[];
  /** Code node types that can match the root (null: any node). */
  rootTypes: string[] | null;
  /** Metavariables the pattern binds. */
  metavars: string[];
}

export class PatternError extends Error {}

const NUMBER_TYPES = new Set(['integer', 'float', 'number']);
/** Text parts of template literals. */
const INTERPOLATED_TEXT = new Set(['string_fragment']);

function isErrorFree(tree: Tree): boolean {
  return tree.errors.length === 0;
}

/**
 * A syntax error that tree-sitter's recovery kept inside one of the pattern's top-level nodes
 * (a metavariable inside an f-string's braces) leaves the pattern's shape intact; one outside
 * them means part of the pattern was dropped (`foo(` would load as `foo` and match every `foo`).
 */
function firstDroppedError(tree: Tree, stmts: Node[] | null): Tree['errors'][number] | undefined {
  if (!stmts || stmts.length === 0) return tree.errors[0];
  return tree.errors.find((e) => !stmts.some((s) => s.start <= e.start && Math.max(e.end, e.start + 1) <= s.end));
}

interface Attempt {
  wrap: (p: string) => string;
  unwrap: (tree: Tree) => Node[] | null;
}

function pythonAttempts(): Attempt[] {
  return [
    { wrap: (p) => p, unwrap: (t) => t.root.children },
    {
      // a method or a class-level statement
      wrap: (p) => `class __RPW:\n${p.split('\n').map((l) => `    ${l}`).join('\n')}`,
      unwrap: (t) => t.root.children[0]?.get('body')?.children ?? null,
    },
  ];
}

function jsAttempts(): Attempt[] {
  return [
    { wrap: (p) => p, unwrap: (t) => t.root.children },
    {
      // a property: `$KEY: $VALUE`
      wrap: (p) => `({${p}})`,
      unwrap: (t) => {
        const obj = t.root.children[0]?.children[0];
        return obj && obj.type === 'object' ? obj.children : null;
      },
    },
    {
      // a class member: method, field
      wrap: (p) => `class __RPW {\n${p}\n}`,
      unwrap: (t) => t.root.children[0]?.get('body')?.children ?? null,
    },
  ];
}

export function compilePattern(source: string, language: LanguageId): CompiledPattern {
  const support = languageById(language);
  const flavour = language === 'python' ? 'python' : 'js';
  const pre = preprocessPattern(dedent(source), flavour);
  const attempts = flavour === 'python' ? pythonAttempts() : jsAttempts();
  let firstError = '';
  // every wrapping parsed cleanly first; then, failing that, with errors recovered inside the pattern
  const passes = [...attempts.map((a) => [a, false] as const), ...attempts.map((a) => [a, true] as const)];
  for (const [attempt, tolerant] of passes) {
    const wrapped = attempt.wrap(pre.text.trim());
    let tree: Tree;
    try {
      tree = parseText(language, wrapped, { timeoutMs: 2000 });
    } catch (e) {
      firstError ||= (e as Error).message;
      continue;
    }
    if (!isErrorFree(tree) && !(tolerant && !firstDroppedError(tree, attempt.unwrap(tree)))) {
      if (!firstError) {
        const err = firstDroppedError(tree, attempt.unwrap(tree)) ?? tree.errors[0];
        const at = tree.lines.position(err.start);
        firstError = `syntax error at line ${at.line}, column ${at.column}: ${JSON.stringify(
          wrapped.slice(err.start, Math.max(err.end, err.start + 1)).slice(0, 40),
        )}`;
      }
      continue;
    }
    const stmts = attempt.unwrap(tree);
    if (!stmts || stmts.length === 0) continue;
    const conv = new Converter(support, tree.text, pre.types);
    let kind: CompiledPattern['kind'];
    let root: PNode;
    let items: PNode[] = [];
    if (stmts.length === 1) {
      const s = stmts[0];
      if (isExpressionStatement(s) && s.children.length === 1) {
        root = conv.convert(s.children[0]);
        kind = 'expr';
      } else {
        root = conv.convert(s);
        kind = root.k === 'node' && isExpressionLike(root.type) ? 'expr' : 'stmt';
      }
    } else {
      items = stmts.map((s) => conv.convert(s));
      root = items[0];
      kind = 'seq';
    }
    const words = new Set<string>();
    const metavars = new Set<string>();
    const all = kind === 'seq' ? items : [root];
    for (const p of all) collect(p, words, metavars);
    return {
      source,
      language,
      kind,
      root,
      items,
      words: [...words],
      rootTypes: kind === 'seq' ? null : rootTypes(root, support),
      metavars: [...metavars],
    };
  }
  throw new PatternError(`cannot parse pattern as ${language}: ${firstError || 'empty pattern'}`);
}

function isExpressionStatement(n: Node): boolean {
  return n.type === 'expression_statement';
}

function isExpressionLike(type: string): boolean {
  return type === 'pair' || type === 'keyword_argument' || type === 'decorator';
}

/** Remove common indentation so YAML block scalars parse as top-level code. */
export function dedent(s: string): string {
  const lines = s.replace(/\r\n/g, '\n').split('\n');
  let min = Infinity;
  for (const l of lines) {
    if (l.trim() === '') continue;
    const ind = l.length - l.trimStart().length;
    if (ind < min) min = ind;
  }
  if (!Number.isFinite(min) || min === 0) return s.trim();
  return lines.map((l) => l.slice(min)).join('\n').trim();
}

class Converter {
  constructor(
    private support: LanguageSupport,
    private text: string,
    private types: string[],
  ) {}

  convert(n: Node): PNode {
    const leaf = n.children.length === 0 ? (n.text ?? '') : null;
    if (leaf !== null) {
      const special = this.placeholder(leaf);
      if (special) return special;
      // `...${$X}...`: a text part of an interpolated string that is just `...` stands for any parts
      if (leaf === '...' && INTERPOLATED_TEXT.has(n.type) && n.parent && this.support.stringTypes.has(n.parent.type)) return { k: 'ellipsis' };
    }
    // A wrapper around a lone placeholder (`$X;`, a Python block holding only `...`) is the placeholder.
    if (n.children.length === 1) {
      const own = this.text.slice(n.start, n.end).trim().replace(/[;,]$/, '').trim();
      const child = n.children[0];
      const childText = this.text.slice(child.start, child.end).trim();
      if (own === childText) {
        const inner = this.convert(child);
        if (inner.k === 'mv' || inner.k === 'ellipsis' || inner.k === 'mvseq') return inner;
      }
    }
    // `...` inside a dict/object literal was given entry shape: `__RPELL: __RPELL`
    if ((n.type === 'pair' || n.type === 'pair_pattern') && n.children.length === 2 && n.children.every((c) => c.text === ELLIPSIS)) {
      return { k: 'ellipsis' };
    }
    if (this.support.stringTypes.has(n.type)) {
      const s = this.string(n);
      if (s) return s;
    }
    // <... e ...>
    if ((n.type === 'call' || n.type === 'call_expression') && n.get('function')?.text === DEEP) {
      const args = n.get('arguments');
      if (args && args.children.length === 1) return { k: 'deep', inner: this.convert(args.children[0]) };
    }
    const fields = new Map<string, PNode[]>();
    const unnamed: PNode[] = [];
    let open = false;
    for (const c of n.children) {
      const p = this.convert(c);
      if (c.field === null) {
        unnamed.push(p);
        if (p.k === 'ellipsis' || p.k === 'mvseq') open = true;
      } else {
        let list = fields.get(c.field);
        if (!list) fields.set(c.field, (list = []));
        list.push(p);
      }
    }
    let text = leaf;
    if (text !== null && NUMBER_TYPES.has(n.type)) text = normaliseNumber(text);
    return { k: 'node', type: n.type, text, op: n.op, fields: [...fields], unnamed, open, node: n };
  }

  private placeholder(t: string): PNode | null {
    if (t === ELLIPSIS) return { k: 'ellipsis' };
    if (t.startsWith(MV_PREFIX)) return { k: 'mv', name: `$${t.slice(MV_PREFIX.length)}` };
    if (t.startsWith(SEQ_PREFIX)) return { k: 'mvseq', name: `$...${t.slice(SEQ_PREFIX.length)}` };
    if (t.startsWith(TYPED_PREFIX)) {
      const m = /^(.*)__(\d+)$/.exec(t.slice(TYPED_PREFIX.length));
      if (m) return { k: 'mv', name: `$${m[1]}`, type: this.types[Number(m[2])] };
    }
    return null;
  }

  private string(n: Node): PString | null {
    const info = this.support.stringInfo(n, this.text);
    if (!info) return null;
    const fprefix = info.prefix.includes('f') || info.prefix === '`';
    if (info.interpolated) return null; // structural match on the parts
    const v = info.value;
    if (v === '...' || v === ELLIPSIS) return { k: 'str', mode: 'any', value: v, interpolatedOk: fprefix, node: n };
    const re = /^=~\/(.*)\/([a-z]*)$/s.exec(v);
    if (re) {
      return { k: 'str', mode: 'regex', value: v, re: RuleRegex.compile(re[1], { flags: re[2] }), interpolatedOk: false, node: n };
    }
    if (/^\$[A-Z_][A-Z0-9_]*$/.test(v)) return { k: 'str', mode: 'mv', value: v, interpolatedOk: fprefix, node: n };
    return { k: 'str', mode: 'exact', value: v, interpolatedOk: false, node: n };
  }
}

export function normaliseNumber(t: string): string {
  const clean = t.replace(/_/g, '').toLowerCase().replace(/[ln]$/, '');
  const v = Number(clean);
  return Number.isFinite(v) ? String(v) : t;
}

/**
 * Translate the PCRE/Python regex dialect of Semgrep rules to JavaScript: named groups
 * `(?P<n>...)`, a leading inline flag group `(?i)`, `\A` and `\Z`.
 */
export function toJsRegex(src: string, flags = ''): RegExp {
  let s = src;
  let f = new Set(flags.split('').filter((c) => 'imsu'.includes(c)));
  const lead = /^\(\?([imsx]+)\)/.exec(s);
  if (lead) {
    for (const c of lead[1]) if (c !== 'x') f.add(c);
    s = s.slice(lead[0].length);
  }
  s = s.replace(/\(\?P<(\w+)>/g, '(?<$1>').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
  s = s.replace(/\\A/g, '^').replace(/\\[Zz]/g, '$');
  // possessive quantifiers and atomic groups have no JS form; their greedy forms match a superset
  s = s.replace(/([*+?}])\+/g, '$1').replace(/\(\?>/g, '(?:');
  return new RegExp(s, [...f].join(''));
}

function collect(p: PNode, words: Set<string>, metavars: Set<string>): void {
  switch (p.k) {
    case 'mv':
    case 'mvseq':
      if (p.name !== '$_') metavars.add(p.name);
      return;
    case 'ellipsis':
      return;
    case 'deep':
      collect(p.inner, words, metavars);
      return;
    case 'str':
      if (p.mode === 'exact') for (const w of p.value.match(/[A-Za-z_$][\w$]*/g) ?? []) words.add(w);
      if (p.mode === 'mv') metavars.add(p.value);
      return;
    case 'node':
      if (p.text !== null && /^[A-Za-z_$][\w$]*$/.test(p.text)) words.add(p.text);
      for (const [field, list] of p.fields) {
        // `require('m')` also matches names imported from m, where the word `require` never occurs
        if (field === 'function' && isRequireCall(p)) continue;
        for (const c of list) collect(c, words, metavars);
      }
      for (const c of p.unnamed) collect(c, words, metavars);
  }
}

export function isRequireCall(p: PTree): boolean {
  if (p.type !== 'call_expression') return false;
  const fn = p.fields.find(([f]) => f === 'function')?.[1][0];
  return fn !== undefined && fn.k === 'node' && fn.text === 'require';
}

/** Equivalent code types a pattern root of this type can match. */
export const EQUIVALENT_TYPES: Record<string, string[]> = {
  assignment_expression: ['assignment_expression', 'variable_declarator'],
  function_expression: ['function_expression', 'arrow_function', 'function_declaration', 'generator_function', 'generator_function_declaration', 'function'],
  function: ['function_expression', 'arrow_function', 'function_declaration', 'function'],
  arrow_function: ['function_expression', 'arrow_function', 'function_declaration', 'function'],
  function_declaration: ['function_declaration', 'function_expression', 'arrow_function', 'function'],
  attribute: ['attribute', 'identifier'],
  member_expression: ['member_expression', 'identifier'],
  identifier: ['identifier'],
};

function rootTypes(root: PNode, support: LanguageSupport): string[] | null {
  switch (root.k) {
    case 'node':
      return EQUIVALENT_TYPES[root.type] ?? [root.type];
    case 'str':
      // a name holding a constant string matches a string pattern (constant propagation)
      return [...support.stringTypes, 'identifier'];
    default:
      return null;
  }
}
