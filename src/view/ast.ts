/**
 * The syntax tree as rules see it (the lowered tree), for `redpen ast`: text with the node at
 * a cursor and its ancestors marked, or JSON.
 */
import pc from 'picocolors';
import type { Node, Tree } from '../core/ast.js';

export interface AstJson {
  type: string;
  field?: string;
  start: { line: number; column: number };
  end: { line: number; column: number };
  text?: string;
  op?: string;
  /** The deepest node at the cursor. */
  cursor?: true;
  /** An ancestor of the cursor node. */
  ancestor?: true;
  children: AstJson[];
}

/** The deepest node containing the offset (ties go to the first child). */
export function nodeAt(tree: Tree, offset: number): Node {
  let cur = tree.root;
  for (;;) {
    const next = cur.children.find((c) => c.start <= offset && offset < Math.max(c.end, c.start + 1));
    if (!next) return cur;
    cur = next;
  }
}

function pathTo(n: Node | null): Set<Node> {
  const s = new Set<Node>();
  for (let x = n; x; x = x.parent) s.add(x);
  return s;
}

export function astToJson(tree: Tree, cursor?: Node): AstJson {
  const onPath = pathTo(cursor ?? null);
  const conv = (n: Node): AstJson => {
    const s = tree.lines.position(n.start);
    const e = tree.lines.position(n.end);
    const j: AstJson = {
      type: n.type,
      start: { line: s.line, column: s.column },
      end: { line: e.line, column: e.column },
      children: n.children.map(conv),
    };
    if (n.field) j.field = n.field;
    if (n.text !== null) j.text = n.text;
    if (n.op) j.op = n.op;
    if (cursor === n) j.cursor = true;
    else if (onPath.has(n)) j.ancestor = true;
    return j;
  };
  return conv(tree.root);
}

export function renderAst(tree: Tree, options: { cursor?: Node; color?: boolean; onlyPath?: boolean } = {}): string {
  const c = pc.createColors(options.color ?? false);
  const onPath = pathTo(options.cursor ?? null);
  const lines: string[] = [];
  const visit = (n: Node, depth: number) => {
    const isCursor = options.cursor === n;
    const isAncestor = !isCursor && onPath.has(n);
    const s = tree.lines.position(n.start);
    const e = tree.lines.position(n.end);
    const mark = isCursor ? '▶ ' : isAncestor ? '│ ' : '  ';
    let label = n.type;
    if (isCursor) label = c.bold(c.green(label));
    else if (isAncestor) label = c.bold(label);
    const parts = [`${'  '.repeat(depth)}${mark}${n.field ? c.dim(`${n.field}: `) : ''}${label}`, c.dim(`${s.line}:${s.column}-${e.line}:${e.column}`)];
    if (n.op) parts.push(c.yellow(`op=${JSON.stringify(n.op)}`));
    if (n.text !== null) parts.push(c.cyan(JSON.stringify(n.text.length > 60 ? `${n.text.slice(0, 57)}...` : n.text)));
    lines.push(parts.join(' '));
    for (const ch of n.children) {
      if (options.onlyPath && options.cursor && !onPath.has(ch) && !onPath.has(n)) continue;
      visit(ch, depth + 1);
    }
  };
  visit(tree.root, 0);
  return `${lines.join('\n')}\n`;
}
