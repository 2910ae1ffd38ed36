/**
 * Parsing with web-tree-sitter and lowering into the plain tree of core/ast.ts.
 *
 * Invariants:
 * - Every tree-sitter Tree and TreeCursor is deleted before `parseText` returns, whatever
 *   happens (WebAssembly memory is not garbage collected).
 * - Every parse has a deadline; a parse past it is cancelled and reported as 'timeout'.
 * - Lowering is iterative (no recursion), so deep nesting cannot overflow the stack; the
 *   depth is measured and reported so later recursive passes can refuse pathological files.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { LineIndex, Node, type Comment, type SyntaxError, type Tree } from '../core/ast.js';
import type { LanguageId } from '../core/types.js';
import type { LanguageSupport } from './types.js';

const require = createRequire(import.meta.url);

/**
 * Tokens dropped from Node.op: they separate, they do not distinguish. (`->` only introduces a
 * Python return annotation, which is its own field: `def $F(...): ...` must match annotated defs.)
 */
const PUNCTUATION = new Set([
  '(', ')', '[', ']', '{', '}', ',', ';', ':', '.', '?.', '=', '=>', '"', "'", '`', '${',
  '\\', 'async', '\n', '->',
]);

export class ParseFailure extends Error {
  constructor(
    readonly kind: 'timeout' | 'nesting' | 'parse' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

interface Loaded {
  support: LanguageSupport;
  language: Language;
  parser: Parser;
  typeNames: string[];
  typeNamed: boolean[];
  /** Named types that never have named children (identifiers, numbers...). */
  typeLeaf: boolean[];
  fieldNames: (string | null)[];
  commentIds: Set<number>;
}

let initialised: Promise<void> | null = null;
const loaded = new Map<LanguageId, Loaded>();
const loading = new Map<LanguageId, Promise<Loaded>>();

function grammarPath(support: LanguageSupport, file = support.grammar.file): string {
  const pkg = require.resolve(`${support.grammar.pkg}/package.json`);
  return path.join(path.dirname(pkg), file);
}

/** Named node types with no possible named children, from the grammar's node-types.json. */
function leafTypes(support: LanguageSupport): Set<string> {
  try {
    const types = JSON.parse(fs.readFileSync(grammarPath(support, support.grammar.nodeTypes), 'utf8')) as {
      type: string;
      named: boolean;
      children?: unknown;
      fields?: Record<string, unknown>;
      subtypes?: unknown;
    }[];
    return new Set(types.filter((t) => t.named && !t.children && !t.subtypes && (!t.fields || Object.keys(t.fields).length === 0)).map((t) => t.type));
  } catch {
    return new Set(); // without it every node is looked into: slower, same result
  }
}

/** Load a grammar once per thread; later calls are free. */
export async function loadLanguage(support: LanguageSupport): Promise<void> {
  if (loaded.has(support.id)) return;
  let p = loading.get(support.id);
  if (!p) {
    p = (async () => {
      initialised ??= Parser.init();
      await initialised;
      const language = await Language.load(grammarPath(support));
      const parser = new Parser();
      parser.setLanguage(language);
      const typeNames: string[] = [];
      const typeNamed: boolean[] = [];
      const typeLeaf: boolean[] = [];
      const leaves = leafTypes(support);
      const commentIds = new Set<number>();
      for (let i = 0; i < language.nodeTypeCount; i++) {
        const name = language.nodeTypeForId(i) ?? 'ERROR';
        typeNames.push(name);
        typeNamed.push(language.nodeTypeIsNamed(i));
        typeLeaf.push(leaves.has(name));
        if (support.commentTypes.has(name)) commentIds.add(i);
      }
      const fieldNames: (string | null)[] = [null];
      for (let i = 1; i <= language.fieldCount; i++) fieldNames.push(language.fieldNameForId(i));
      const l: Loaded = { support, language, parser, typeNames, typeNamed, typeLeaf, fieldNames, commentIds };
      loaded.set(support.id, l);
      return l;
    })();
    loading.set(support.id, p);
  }
  await p;
}

export function isLoaded(id: LanguageId): boolean {
  return loaded.has(id);
}

export interface ParseOptions {
  /** Milliseconds before the parse is cancelled. */
  timeoutMs?: number;
  /** Deepest nesting accepted; deeper files fail with kind 'nesting'. */
  maxDepth?: number;
  /** Most nodes a lowered tree may have (its memory); larger files fail with kind 'too-large'. */
  maxNodes?: number;
}

/** About 250 bytes each once lowered: a 1 MB minified file has a few hundred thousand. */
export const DEFAULT_MAX_NODES = 2_000_000;

/** Parse only (benchmark baseline): parse and free, no lowering. */
export function parseOnly(id: LanguageId, text: string): boolean {
  const l = loaded.get(id);
  if (!l) throw new Error(`grammar for ${id} is not loaded`);
  l.parser.reset();
  const tree = l.parser.parse(text);
  const ok = tree !== null;
  tree?.delete();
  return ok;
}

/** Parse text and lower it. The grammar must have been loaded with loadLanguage. */
export function parseText(id: LanguageId, text: string, options: ParseOptions = {}): Tree {
  const l = loaded.get(id);
  if (!l) throw new Error(`grammar for ${id} is not loaded`);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxDepth = options.maxDepth ?? 2_000;
  const deadline = performance.now() + timeoutMs;
  l.parser.reset();
  let timedOut = false;
  const tsTree = l.parser.parse(text, null, {
    progressCallback: () => {
      if (performance.now() > deadline) {
        timedOut = true;
        return true;
      }
      return false;
    },
  } as never);
  if (!tsTree) {
    l.parser.reset();
    if (timedOut) throw new ParseFailure('timeout', `parsing took longer than ${timeoutMs} ms`);
    throw new ParseFailure('parse', 'the parser returned no tree');
  }
  try {
    return lower(l, tsTree, text, maxDepth, options.maxNodes ?? DEFAULT_MAX_NODES);
  } finally {
    tsTree.delete();
  }
}

function lower(l: Loaded, tsTree: import('web-tree-sitter').Tree, text: string, maxDepth: number, maxNodes: number): Tree {
  const { typeNames, typeNamed, typeLeaf, fieldNames, commentIds, support } = l;
  const cursor = tsTree.walk();
  const comments: Comment[] = [];
  const errors: SyntaxError[] = [];
  const lines = new LineIndex(text);
  const root = new Node(typeNames[cursor.nodeTypeId] ?? 'ERROR', cursor.startIndex, cursor.endIndex);
  // MISSING nodes exist only in trees with errors; asking every node costs a boundary crossing.
  const checkMissing = tsTree.rootNode.hasError;
  // stack[i] is the Node for the cursor's ancestor at depth i (null for anonymous nodes).
  const stack: (Node | null)[] = [root];
  let maxSeen = 0;
  let count = 1;
  try {
    if (!cursor.gotoFirstChild()) return finish(l, root, text, comments, errors, lines, 0);
    for (;;) {
      const typeId = cursor.nodeTypeId;
      const parent = stack[stack.length - 1]!;
      let descend = false;
      let created: Node | null = null;
      if (typeNamed[typeId]) {
        if (commentIds.has(typeId)) {
          const start = cursor.startIndex;
          const end = cursor.endIndex;
          comments.push({ start, end, text: text.slice(start, end), line: lines.lineOf(start) });
        } else {
          const type = typeNames[typeId] ?? 'ERROR';
          if (++count > maxNodes) throw new ParseFailure('too-large', `the syntax tree has more than ${maxNodes} nodes (the per-document budget)`);
          created = new Node(type, cursor.startIndex, cursor.endIndex);
          created.field = fieldNames[cursor.currentFieldId] ?? null;
          created.parent = parent;
          parent.children.push(created);
          if (type === 'ERROR') errors.push({ start: created.start, end: created.end, kind: 'error' });
          else if (checkMissing && cursor.nodeIsMissing) errors.push({ start: created.start, end: created.end, kind: 'missing' });
          descend = !typeLeaf[typeId];
        }
      } else {
        const type = typeNames[typeId];
        if (type !== undefined && !PUNCTUATION.has(type)) {
          parent.op = parent.op === null ? type : `${parent.op} ${type}`;
        }
        if (checkMissing && cursor.nodeIsMissing) errors.push({ start: cursor.startIndex, end: cursor.endIndex, kind: 'missing' });
        // an ERROR node is a syntax error even though it is flattened (a pattern like `foo(` must
        // not load as `foo`, and a file's report must say where its parse went wrong)
        else if (type === undefined) errors.push({ start: cursor.startIndex, end: cursor.endIndex, kind: 'error' });
        // tokens are leaves (Python's `is not` / `not in` hold their words, which the token's
        // type already names): not descending saves a WebAssembly call per token. ERROR (id
        // 65535, outside the type table) is the exception: its children are flattened in.
        descend = type === undefined;
      }
      if (descend && cursor.gotoFirstChild()) {
        stack.push(created ?? parent);
        if (stack.length > maxSeen) {
          maxSeen = stack.length;
          if (maxSeen > maxDepth) {
            throw new ParseFailure('nesting', `nesting deeper than ${maxDepth} levels`);
          }
        }
        continue;
      }
      if (created) closeNode(support, created, text);
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return finish(l, root, text, comments, errors, lines, maxSeen);
        const done = stack.pop()!;
        if (stack.length === 0) return finish(l, root, text, comments, errors, lines, maxSeen);
        // `done` is the parent we stepped out of: close it unless it was an anonymous passthrough
        if (done !== stack[stack.length - 1]) closeNode(support, done, text);
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Finalise a node once all its children are known. */
function closeNode(support: LanguageSupport, node: Node, text: string): void {
  if (node.children.length === 0) {
    node.text = text.slice(node.start, node.end);
  }
  if (node.type === 'call_expression') fixAwaitedGenericCall(node);
  if (support.unwrap.has(node.type) && node.children.length === 1 && node.parent) {
    // (expr) -> expr: the child takes the wrapper's place and field
    const child = node.children[0];
    const siblings = node.parent.children;
    const i = siblings.lastIndexOf(node);
    child.field = node.field;
    child.parent = node.parent;
    siblings[i] = child;
  }
}

/**
 * tree-sitter-typescript parses `await f<T>(x)` as `(await f)<T>(x)`: a call whose function is
 * the await. Lower it as TypeScript means it, `await (f<T>(x))`, so call patterns match.
 */
function fixAwaitedGenericCall(call: Node): void {
  const fn = call.children[0];
  if (!fn || fn.type !== 'await_expression' || fn.field !== 'function' || fn.children.length !== 1 || !call.parent) return;
  if (!call.children.some((c) => c.field === 'type_arguments')) return;
  const inner = fn.children[0];
  const parent = call.parent;
  // the call keeps its children, with the awaited expression as its function
  inner.field = 'function';
  inner.parent = call;
  call.children[0] = inner;
  // the await takes the call's place and span
  fn.start = call.start;
  fn.end = call.end;
  fn.field = call.field;
  fn.parent = parent;
  fn.children = [call];
  parent.children[parent.children.lastIndexOf(call)] = fn;
  call.start = inner.start;
  call.field = null;
  call.parent = fn;
}

function finish(
  l: Loaded,
  root: Node,
  text: string,
  comments: Comment[],
  errors: SyntaxError[],
  lines: LineIndex,
  maxDepth: number,
): Tree {
  closeNode(l.support, root, text);
  // Number nodes in preorder and index them by type (after unwrapping settled the shape).
  const nodes: Node[] = [];
  const byType = new Map<string, Node[]>();
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    n.id = nodes.length;
    nodes.push(n);
    let list = byType.get(n.type);
    if (!list) byType.set(n.type, (list = []));
    list.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return { language: l.support.id, text, root, comments, lines, byType, nodes, errors, maxDepth };
}
