/**
 * The lowered syntax tree: what rules match against and taint flows over.
 *
 * A tree-sitter tree lives in WebAssembly memory and every property read crosses the
 * boundary, so each file's tree is walked once into these plain objects and freed at once.
 *
 * Invariants:
 * - Only named tree-sitter nodes become Nodes; anonymous tokens that carry meaning
 *   (operators, `const`/`let`) are kept in `op`. Punctuation is dropped.
 * - Parenthesised expressions are unwrapped, comments are collected aside (`Tree.comments`).
 * - `start`/`end` are UTF-16 offsets into `Tree.text`; positions come from `LineIndex`.
 * - Leaves (no named children) keep their source text in `text`.
 */
import type { LanguageId, Position } from './types.js';

export class Node {
  /** Preorder index within the tree; stable identity for sets and maps. */
  id = 0;
  parent: Node | null = null;
  children: Node[] = [];
  /** Field name in the parent, as the grammar names it. */
  field: string | null = null;
  /** Source text for leaves; null for inner nodes. */
  text: string | null = null;
  /** Operator / keyword tokens that distinguish nodes of the same type ("+", "const"). */
  op: string | null = null;

  constructor(
    public type: string,
    public start: number,
    public end: number,
  ) {}

  /** The first child in a field. */
  get(field: string): Node | undefined {
    for (const c of this.children) if (c.field === field) return c;
    return undefined;
  }

  /** All children in a field. */
  getAll(field: string): Node[] {
    return this.children.filter((c) => c.field === field);
  }

  /** Children without a field name. */
  unnamed(): Node[] {
    return this.children.filter((c) => c.field === null);
  }

  /** True when `other` lies within this node (inclusive). */
  contains(other: Node): boolean {
    return this.start <= other.start && other.end <= this.end;
  }
}

export interface Comment {
  start: number;
  end: number;
  text: string;
  /** 1-based line of the comment's start. */
  line: number;
}

/** Maps offsets to 1-based lines and columns. */
export class LineIndex {
  /** Offset of the first character of each line. */
  readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    let i = text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line containing offset. */
  lineOf(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  position(offset: number): Position {
    const line = this.lineOf(offset);
    return { line, column: offset - this.starts[line - 1] + 1, offset };
  }

  /** Offset of a 1-based line and column. */
  offsetOf(line: number, column: number): number {
    const start = this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1];
    return start + Math.max(column, 1) - 1;
  }

  /** Text of a 1-based line, without its newline. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const next = this.starts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }
}

export interface SyntaxError {
  start: number;
  end: number;
  /** 'error' for unparsable text, 'missing' for a token the parser had to invent. */
  kind: 'error' | 'missing';
}

export interface Tree {
  language: LanguageId;
  text: string;
  root: Node;
  comments: Comment[];
  lines: LineIndex;
  /** Nodes by type, in document order: the matcher's candidate index. */
  byType: Map<string, Node[]>;
  /** All nodes in preorder (index = Node.id). */
  nodes: Node[];
  errors: SyntaxError[];
  /** Deepest nesting seen while lowering. */
  maxDepth: number;
}

/** Text of a node. */
export function nodeText(tree: Tree, node: Node): string {
  return node.text ?? tree.text.slice(node.start, node.end);
}

/** Descendants of a node (not the node) with the given type, in document order. */
export function descendantsOfType(node: Node, type: string): Node[] {
  const out: Node[] = [];
  walk(node, (n) => {
    if (n !== node && n.type === type) out.push(n);
  });
  return out;
}

/** Preorder traversal; `visit` returns false to skip a subtree. */
export function walk(node: Node, visit: (n: Node) => boolean | void): void {
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (visit(n) === false) continue;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
}
