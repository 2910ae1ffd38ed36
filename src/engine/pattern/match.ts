/**
 * Structural matching of compiled patterns against lowered code.
 *
 * Matching is written in continuation-passing style: `k(env)` is called once for every way
 * the pattern matches, so later filters (metavariable-regex, pattern-not...) can pick among
 * all bindings, as Semgrep's do. Environments are immutable linked lists.
 *
 * Equivalences (what makes a pattern match more than its literal text):
 * - parentheses (unwrapped while lowering), quotes, keyword-argument order, decorator order;
 * - imports: a code name bound by an import matches its canonical dotted name
 *   (`sp.call` after `import subprocess as sp` matches `subprocess.call`);
 * - JavaScript: `$X = e` matches `const x = e`; function expressions match arrow functions;
 *   `require('m')` matches a name bound to module m;
 * - constant propagation: a string pattern matches a name assigned exactly one string literal.
 */
import { Node, type Tree } from '../../core/ast.js';
import type { LanguageSupport, StringInfo } from '../../languages/types.js';
import { EQUIVALENT_TYPES, isRequireCall, normaliseNumber, type CompiledPattern, type PNode, type PString, type PTree } from './compile.js';

export interface Binding {
  name: string;
  nodes: Node[];
  next: Binding | null;
}
export type Env = Binding | null;

export class MatchBudgetExceeded extends Error {
  constructor(message = 'pattern matching exceeded its step budget on this file') {
    super(message);
  }
}

const NUMBER_TYPES = new Set(['integer', 'float', 'number']);
const MEMBER_TYPES = new Set(['attribute', 'member_expression']);
const FUNCTION_TYPES = new Set(EQUIVALENT_TYPES.function_expression);
const STATEMENT_CONTAINERS = new Set(['module', 'block', 'program', 'statement_block', 'class_body']);
const SCOPE_TYPES = new Set([
  'function_definition', 'lambda', 'class_definition',
  'function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'class_declaration', 'function',
  'generator_function', 'generator_function_declaration',
]);
const ARGUMENT_LISTS = new Set(['argument_list']);
const UNORDERED = new Set(['dictionary', 'object', 'decorated_definition', 'set']);
const KEYWORD_ARGUMENT = 'keyword_argument';

/**
 * Whether an identifier names a variable (so an import alias applies to it). The attribute in
 * `csrf.csrf_exempt`, keyword names, and the names inside import statements do not.
 */
function refersToBinding(n: Node): boolean {
  const parent = n.parent;
  if (!parent) return true;
  if (n.field === 'attribute' && parent.type === 'attribute') return false;
  if (n.field === 'name' && parent.type === 'keyword_argument') return false;
  for (let a: Node | null = parent; a; a = a.parent) {
    if (a.type === 'import_statement' || a.type === 'import_from_statement' || a.type === 'future_import_statement') return false;
    if (STATEMENT_CONTAINERS.has(a.type)) break;
  }
  return true;
}

/** Per-file state shared by all patterns matched against one tree. */
export class MatchContext {
  steps = 0;
  /** Rule option `constant_propagation` (Semgrep's default: on). */
  constantPropagation = true;
  private strings = new Map<number, StringInfo | null>();
  private canon = new Map<Node, string[] | null>();
  private synthetic = new Map<Node, Node | null>();
  private constantsCache: Map<string, Node> | null = null;
  private aliasesCache: Map<string, string[]> | null = null;

  constructor(
    readonly tree: Tree,
    readonly support: LanguageSupport,
    /** Steps allowed per pattern and file before giving up (bounded cost on hostile input). */
    readonly budget = 2_000_000,
  ) {}

  get aliases(): Map<string, string[]> {
    return (this.aliasesCache ??= this.support.imports(this.tree));
  }

  tick(): void {
    if (++this.steps > this.budget) throw new MatchBudgetExceeded();
  }

  /** Candidate matches (ranges with their bindings) the current rule holds on this file. */
  bindings = 0;
  /** Bindings one rule may hold on one file: bounded memory however a formula multiplies them. */
  bindingBudget = 1_000_000;

  bind(n: number): void {
    this.bindings += n;
    if (this.bindings > this.bindingBudget) throw new MatchBudgetExceeded(`more than ${this.bindingBudget} candidate matches on this file (the per-document budget)`);
  }

  stringInfo(n: Node): StringInfo | null {
    if (!this.support.stringTypes.has(n.type)) return null;
    let v = this.strings.get(n.id);
    if (v === undefined) {
      v = this.support.stringInfo(n, this.tree.text);
      this.strings.set(n.id, v);
    }
    return v;
  }

  text(n: Node): string {
    return n.text ?? this.tree.text.slice(n.start, n.end);
  }

  /** Canonical dotted path of a name or member chain, resolving imports. */
  canonicalPath(n: Node): string[] | null {
    let v = this.canon.get(n);
    if (v !== undefined) return v;
    v = null;
    if (this.support.identifierTypes.has(n.type) && n.children.length === 0) {
      const t = this.text(n);
      v = n.type === 'identifier' && refersToBinding(n) ? (this.aliases.get(t) ?? [t]) : [t];
    } else if (MEMBER_TYPES.has(n.type)) {
      const obj = n.get('object');
      const prop = n.get('attribute') ?? n.get('property');
      if (obj && prop && this.support.identifierTypes.has(prop.type)) {
        const base = this.canonicalPath(obj);
        if (base) v = [...base, this.text(prop)];
      }
    } else if (n.type === 'call_expression') {
      const fn = n.get('function');
      const args = n.get('arguments');
      if (fn?.type === 'identifier' && fn.text === 'require' && args?.children.length === 1) {
        const s = this.stringInfo(args.children[0]);
        if (s && !s.interpolated) v = [s.value.startsWith('node:') ? s.value.slice(5) : s.value];
      }
    }
    this.canon.set(n, v);
    return v;
  }

  /**
   * For a name imported under a dotted path (`c` from `from subprocess import call as c`),
   * a member chain `subprocess.call` built in the language's own node types, so member
   * patterns can match it.
   */
  syntheticMember(n: Node): Node | null {
    let v = this.synthetic.get(n);
    if (v !== undefined) return v;
    v = null;
    const path = n.type === 'identifier' && refersToBinding(n) ? this.aliases.get(this.text(n)) : undefined;
    // the first segment may be a module name that is no identifier (`fs/promises`, `fs-extra`):
    // it still matches a `require("fs/promises").readFile` pattern
    if (path && path.length >= 2 && path.slice(1).every((p) => /^[A-Za-z_$][\w$]*$/.test(p))) {
      const py = this.tree.language === 'python';
      let cur = leaf('identifier', path[0], n);
      for (let i = 1; i < path.length; i++) {
        const m = new Node(py ? 'attribute' : 'member_expression', n.start, n.end);
        m.id = -1;
        cur.field = 'object';
        cur.parent = m;
        const prop = leaf(py ? 'identifier' : 'property_identifier', path[i], n);
        prop.field = py ? 'attribute' : 'property';
        prop.parent = m;
        m.children = [cur, prop];
        cur = m;
      }
      cur.parent = n.parent;
      v = cur;
    }
    this.synthetic.set(n, v);
    return v;
  }

  /** Names assigned exactly once in the file, to a plain string literal. */
  constants(): Map<string, Node> {
    if (this.constantsCache) return this.constantsCache;
    const counts = new Map<string, number>();
    const values = new Map<string, Node>();
    const note = (name: Node | undefined, value: Node | undefined) => {
      if (!name || name.type !== 'identifier') return;
      const t = this.text(name);
      counts.set(t, (counts.get(t) ?? 0) + 1);
      if (value) values.set(t, value);
    };
    for (const a of this.tree.byType.get('assignment') ?? []) note(a.get('left'), a.get('right'));
    for (const a of this.tree.byType.get('augmented_assignment') ?? []) note(a.get('left'), undefined);
    for (const a of this.tree.byType.get('variable_declarator') ?? []) note(a.get('name'), a.get('value'));
    for (const a of this.tree.byType.get('assignment_expression') ?? []) note(a.get('left'), a.get('right'));
    for (const a of this.tree.byType.get('augmented_assignment_expression') ?? []) note(a.get('left'), undefined);
    const out = new Map<string, Node>();
    for (const [name, count] of counts) {
      const v = values.get(name);
      if (count !== 1 || !v) continue;
      const info = this.stringInfo(v);
      if (info && !info.interpolated) out.set(name, v);
    }
    return (this.constantsCache = out);
  }
}

function leaf(type: string, text: string, at: Node): Node {
  const n = new Node(type, at.start, at.end);
  n.text = text;
  n.id = -1;
  return n;
}

export function lookup(env: Env, name: string): Binding | null {
  for (let b = env; b; b = b.next) if (b.name === name) return b;
  return null;
}

function bind(ctx: MatchContext, env: Env, name: string, nodes: Node[], k: (e: Env) => void): void {
  if (name === '$_' || name === '$..._') {
    k(env);
    return;
  }
  const prev = lookup(env, name);
  if (prev) {
    if (sameNodes(ctx, prev.nodes, nodes)) k(env);
    return;
  }
  k({ name, nodes, next: env });
}

function sameNodes(ctx: MatchContext, a: Node[], b: Node[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameCode(ctx, a[i], b[i])) return false;
  return true;
}

/** Structural equality of two code nodes (for metavariable unification). */
export function sameCode(ctx: MatchContext, a: Node, b: Node): boolean {
  if (a === b) return true;
  const idA = ctx.support.identifierTypes.has(a.type);
  const idB = ctx.support.identifierTypes.has(b.type);
  if (idA || idB) return idA && idB && ctx.text(a) === ctx.text(b);
  if (a.type !== b.type || a.op !== b.op) return false;
  const sa = ctx.stringInfo(a);
  if (sa) {
    const sb = ctx.stringInfo(b);
    return sb !== null && sa.value === sb.value && sa.interpolated === sb.interpolated && !sa.interpolated;
  }
  if (a.children.length !== b.children.length) return false;
  if (a.children.length === 0) {
    if (NUMBER_TYPES.has(a.type)) return normaliseNumber(ctx.text(a)) === normaliseNumber(ctx.text(b));
    return ctx.text(a) === ctx.text(b);
  }
  for (let i = 0; i < a.children.length; i++) {
    if (a.children[i].field !== b.children[i].field) return false;
    if (!sameCode(ctx, a.children[i], b.children[i])) return false;
  }
  return true;
}

export function matchNode(ctx: MatchContext, p: PNode, c: Node, env: Env, k: (e: Env) => void): void {
  ctx.tick();
  switch (p.k) {
    case 'mv':
      if (p.type !== undefined && !typeMatches(ctx, c, p.type)) return;
      bind(ctx, env, p.name, [c], k);
      return;
    case 'mvseq':
      bind(ctx, env, p.name, [c], k);
      return;
    case 'ellipsis':
      k(env);
      return;
    case 'deep': {
      // the inner pattern anywhere within c, c included (not into nested functions' bodies twice)
      const stack: Node[] = [c];
      while (stack.length > 0) {
        const d = stack.pop()!;
        matchNode(ctx, p.inner, d, env, k);
        for (let i = d.children.length - 1; i >= 0; i--) stack.push(d.children[i]);
      }
      return;
    }
    case 'str':
      matchString(ctx, p, c, env, k);
      return;
    case 'node':
      matchTree(ctx, p, c, env, k);
  }
}

function matchString(ctx: MatchContext, p: PString, c: Node, env: Env, k: (e: Env) => void): void {
  let target = c;
  let info = ctx.stringInfo(c);
  if (!info && c.type === 'identifier' && ctx.constantPropagation) {
    // constant propagation: a name assigned exactly one string literal
    const v = ctx.constants().get(ctx.text(c));
    if (v && v !== c && !(c.parent && (c.parent.get('left') === c || c.parent.get('name') === c))) {
      target = v;
      info = ctx.stringInfo(v);
    }
  }
  if (!info) return;
  switch (p.mode) {
    case 'any':
      if (p.interpolatedOk) {
        if (info.prefix.includes('f') || info.prefix === '`') k(env);
      } else if (!info.interpolated) k(env);
      return;
    case 'exact':
      if (!info.interpolated && info.value === p.value) k(env);
      return;
    case 'regex':
      if (!info.interpolated && p.re!.test(info.value)) k(env);
      return;
    case 'mv':
      if (!info.interpolated || p.interpolatedOk) bind(ctx, env, p.value, [target], k);
  }
}

function isLeafPattern(p: PTree): boolean {
  return p.text !== null && p.fields.length === 0 && p.unnamed.length === 0;
}

function matchTree(ctx: MatchContext, p: PTree, c: Node, env: Env, k: (e: Env) => void): void {
  const { support } = ctx;
  if (isLeafPattern(p)) {
    if (support.identifierTypes.has(p.type)) {
      if (support.identifierTypes.has(c.type) && c.children.length === 0) {
        if (ctx.text(c) === p.text) {
          k(env);
          return;
        }
      }
      const path = c.type === 'identifier' ? ctx.canonicalPath(c) : null;
      if (path && path.length === 1 && path[0] === p.text) k(env);
      return;
    }
    if (c.children.length !== 0) return;
    if (NUMBER_TYPES.has(p.type)) {
      if (NUMBER_TYPES.has(c.type) && normaliseNumber(ctx.text(c)) === p.text) k(env);
      return;
    }
    if (c.type === p.type && ctx.text(c).replace(/\s+/g, '') === p.text!.replace(/\s+/g, '')) k(env);
    return;
  }
  if (isRequireCall(p)) {
    // require('m') matches any name bound to module m
    const mod = requiredModulePattern(p);
    if (mod !== null) {
      const path = ctx.canonicalPath(c);
      if (path && path.length === 1 && path[0] === mod) k(env);
      return;
    }
  }
  if (p.type !== c.type) {
    if (MEMBER_TYPES.has(p.type) && c.type === 'identifier') {
      const syn = ctx.syntheticMember(c);
      if (syn) matchTree(ctx, p, syn, env, k);
      return;
    }
    // a statement `$X = e;` in a sequence matches `const x = e;` (one declarator)
    if (p.type === 'expression_statement' && (c.type === 'lexical_declaration' || c.type === 'variable_declaration')) {
      const inner = p.unnamed.length === 1 && p.fields.length === 0 ? p.unnamed[0] : undefined;
      const decls = c.children.filter((x) => x.type === 'variable_declarator');
      if (inner?.k === 'node' && inner.type === 'assignment_expression' && decls.length === 1) matchNode(ctx, inner, decls[0], env, k);
      return;
    }
    if (p.type === 'assignment_expression' && c.type === 'variable_declarator') {
      const left = field(p, 'left');
      const right = field(p, 'right');
      const name = c.get('name');
      const value = c.get('value');
      if (!left || !right || !name || !value) return;
      matchNode(ctx, left, name, env, (e) => matchNode(ctx, right, value, e, k));
      return;
    }
    if (FUNCTION_TYPES.has(p.type) && FUNCTION_TYPES.has(c.type)) {
      matchFunctionAcross(ctx, p, c, env, k);
      return;
    }
    if (p.type === 'expression_statement' && (c.type === 'lexical_declaration' || c.type === 'variable_declaration')) {
      // the statement `$X = e;` in a sequence matches `const x = e;` (one declarator)
      const inner = p.unnamed.length === 1 ? p.unnamed[0] : undefined;
      const decls = c.unnamed().filter((d) => d.type === 'variable_declarator');
      if (inner?.k === 'node' && inner.type === 'assignment_expression' && decls.length === 1) matchNode(ctx, inner, decls[0], env, k);
      return;
    }
    if (p.type === 'pair' && c.type === 'shorthand_property_identifier') {
      // `{ iv }` is `{ iv: iv }`: the key and the value are both the name
      const key = field(p, 'key');
      const value = field(p, 'value');
      if (!key || !value) return;
      matchNode(ctx, key, c, env, (e) => matchNode(ctx, value, c, e, k));
      return;
    }
    return;
  }
  if (p.op !== null && p.op !== c.op) return;
  matchFields(ctx, p, c, 0, env, (e) => matchUnnamed(ctx, p, c, e, k));
}

function requiredModulePattern(p: PTree): string | null {
  const args = field(p, 'arguments');
  if (args?.k !== 'node' || args.unnamed.length !== 1) return null;
  const s = args.unnamed[0];
  return s.k === 'str' && s.mode === 'exact' ? s.value.replace(/^node:/, '') : null;
}

function field(p: PTree, name: string): PNode | undefined {
  for (const [f, list] of p.fields) if (f === name) return list[0];
  return undefined;
}

function matchFields(ctx: MatchContext, p: PTree, c: Node, i: number, env: Env, k: (e: Env) => void): void {
  if (i === p.fields.length) {
    k(env);
    return;
  }
  const [name, plist] = p.fields[i];
  const clist = c.getAll(name);
  const next = (e: Env) => matchFields(ctx, p, c, i + 1, e, k);
  if (name === 'decorator') {
    matchUnordered(ctx, plist, clist, true, env, next);
    return;
  }
  matchSeq(ctx, plist, 0, clist, 0, env, (e, j) => j === clist.length && next(e), false);
}

function matchUnnamed(ctx: MatchContext, p: PTree, c: Node, env: Env, k: (e: Env) => void): void {
  const cs = c.unnamed();
  if (ARGUMENT_LISTS.has(c.type)) {
    const pPos = p.unnamed.filter((x) => !(x.k === 'node' && x.type === KEYWORD_ARGUMENT));
    const pKw = p.unnamed.filter((x) => x.k === 'node' && x.type === KEYWORD_ARGUMENT);
    const cPos = cs.filter((x) => x.type !== KEYWORD_ARGUMENT);
    const cKw = cs.filter((x) => x.type === KEYWORD_ARGUMENT);
    matchSeq(ctx, pPos, 0, cPos, 0, env, (e, j) => {
      if (j === cPos.length) matchUnordered(ctx, pKw, cKw, p.open, e, k);
    }, false);
    return;
  }
  if (UNORDERED.has(c.type)) {
    const extras = p.open || c.type === 'decorated_definition';
    matchUnordered(ctx, p.unnamed.filter((x) => x.k !== 'ellipsis' && x.k !== 'mvseq'), cs, extras, env, k);
    return;
  }
  const deep = STATEMENT_CONTAINERS.has(c.type);
  matchSeq(ctx, p.unnamed, 0, cs, 0, env, (e, j) => j === cs.length && k(e), deep);
}

/** Each pattern element matches a distinct code element, in any order. */
function matchUnordered(ctx: MatchContext, ps: PNode[], cs: Node[], extrasAllowed: boolean, env: Env, k: (e: Env) => void): void {
  if (!extrasAllowed && ps.length !== cs.length) return;
  if (ps.length > cs.length) return;
  const used = new Array<boolean>(cs.length).fill(false);
  const go = (i: number, e: Env): void => {
    if (i === ps.length) {
      k(e);
      return;
    }
    for (let j = 0; j < cs.length; j++) {
      if (used[j]) continue;
      used[j] = true;
      matchNode(ctx, ps[i], cs[j], e, (e2) => go(i + 1, e2));
      used[j] = false;
    }
  };
  go(0, env);
}

/**
 * Match pattern elements ps[i..] against code elements cs[j..]; k receives the bindings, the
 * index after the last code element consumed and, for deep statement matches, the end offset.
 */
export function matchSeq(
  ctx: MatchContext,
  ps: PNode[],
  i: number,
  cs: Node[],
  j: number,
  env: Env,
  k: (e: Env, j: number, end?: number) => void,
  deep: boolean,
): void {
  ctx.tick();
  if (i === ps.length) {
    k(env, j);
    return;
  }
  const p = ps[i];
  if (p.k === 'ellipsis') {
    if (i === ps.length - 1) {
      k(env, cs.length);
      return;
    }
    for (let t = j; t <= cs.length; t++) matchSeq(ctx, ps, i + 1, cs, t, env, k, deep);
    // deep statement matching: after `...`, the last statement may sit inside a later statement
    const rest = ps.length - (i + 1);
    const trailing = rest === 2 && ps[ps.length - 1].k === 'ellipsis';
    if (deep && (rest === 1 || trailing)) {
      const target = ps[i + 1];
      for (let t = j; t < cs.length; t++) {
        forNestedStatements(cs[t], (s) =>
          matchNode(ctx, target, s, env, (e) => k(e, trailing ? cs.length : t + 1, trailing ? undefined : s.end)),
        );
      }
    }
    return;
  }
  if (p.k === 'mvseq') {
    for (let t = j; t <= cs.length; t++) {
      bind(ctx, env, p.name, cs.slice(j, t), (e) => matchSeq(ctx, ps, i + 1, cs, t, e, k, deep));
    }
    return;
  }
  if (j >= cs.length) return;
  matchNode(ctx, p, cs[j], env, (e) => matchSeq(ctx, ps, i + 1, cs, j + 1, e, k, deep));
}

/** Statements nested in blocks below `n` (not `n` itself), not entering nested functions or classes. */
function forNestedStatements(n: Node, f: (s: Node) => void): void {
  const stack: Node[] = [...n.children].reverse();
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (SCOPE_TYPES.has(d.type)) continue;
    if (d.parent && STATEMENT_CONTAINERS.has(d.parent.type)) f(d);
    for (let i = d.children.length - 1; i >= 0; i--) stack.push(d.children[i]);
  }
}

/** `function (a, b) {...}` against `(a, b) => ...` and friends. */
function matchFunctionAcross(ctx: MatchContext, p: PTree, c: Node, env: Env, k: (e: Env) => void): void {
  const pName = field(p, 'name');
  const pParams = field(p, 'parameters');
  const pBody = field(p, 'body');
  const cName = c.get('name');
  const stepName = (e: Env, next: (e: Env) => void) => {
    if (!pName) return next(e);
    if (cName) matchNode(ctx, pName, cName, e, next);
  };
  const stepParams = (e: Env, next: (e: Env) => void) => {
    if (!pParams) return next(e);
    const cParams = c.get('parameters');
    if (cParams) {
      matchNode(ctx, pParams, cParams, e, next);
      return;
    }
    const single = c.get('parameter');
    if (single && pParams.k === 'node') {
      matchSeq(ctx, pParams.unnamed, 0, [single], 0, e, (e2, j) => j === 1 && next(e2), false);
    } else if (pParams.k !== 'node') {
      next(e);
    }
  };
  const stepBody = (e: Env, next: (e: Env) => void) => {
    const cBody = c.get('body');
    if (!pBody || !cBody) return next(e);
    if (cBody.type !== 'statement_block' && pBody.k === 'node' && pBody.type === 'statement_block') {
      // expression body: only `{...}` matches it
      if (pBody.unnamed.length === 1 && pBody.unnamed[0].k === 'ellipsis') next(e);
      return;
    }
    matchNode(ctx, pBody, cBody, e, next);
  };
  stepName(env, (e1) => stepParams(e1, (e2) => stepBody(e2, k)));
}

/** Typed metavariables: literal types, declared annotations, `new T()` initialisers. */
export function typeMatches(ctx: MatchContext, c: Node, type: string): boolean {
  const t = type.replace(/\s+/g, '');
  const info = ctx.stringInfo(c);
  if (info) return ['string', 'String', 'str'].includes(t);
  if (NUMBER_TYPES.has(c.type)) return ['number', 'int', 'float', 'Number'].includes(t);
  if (c.type === 'true' || c.type === 'false') return ['boolean', 'bool', 'Boolean'].includes(t);
  if (c.type === 'new_expression') return ctx.text(c.get('constructor') ?? c) === t;
  if (c.type !== 'identifier') return false;
  const name = ctx.text(c);
  for (const type of ['variable_declarator', 'required_parameter', 'optional_parameter']) {
    for (const d of ctx.tree.byType.get(type) ?? []) {
      const id = d.get('name') ?? d.get('pattern');
      if (!id || ctx.text(id) !== name) continue;
      const ann = d.get('type');
      if (ann && ctx.text(ann).replace(/^:\s*/, '').replace(/\s+/g, '') === t) return true;
      const value = d.get('value');
      if (value?.type === 'new_expression' && ctx.text(value.get('constructor') ?? value) === t) return true;
    }
  }
  return false;
}

export interface PatternMatch {
  start: number;
  end: number;
  env: Env;
  /** The code node matched by the pattern root (absent for statement sequences). */
  node?: Node;
}

/**
 * Nodes (not the root) starting in [start, end): a contiguous run of the preorder list, found
 * by binary search, so a lone-metavariable pattern inside a small range (metavariable-pattern)
 * does not visit the whole file.
 */
function nodesStartingIn(nodes: Node[], start: number, end: number): Node[] {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  const out: Node[] = [];
  for (let i = lo; i < nodes.length && nodes[i].start < end; i++) if (nodes[i].parent !== null) out.push(nodes[i]);
  return out;
}

/** All matches of a compiled pattern in a tree, optionally only within [from, to). */
export function findMatches(ctx: MatchContext, pat: CompiledPattern, within?: { start: number; end: number }): PatternMatch[] {
  const out: PatternMatch[] = [];
  const inRange = (n: Node) => !within || (n.start >= within.start && n.end <= within.end);
  ctx.steps = 0;
  if (pat.kind === 'seq') {
    let items = pat.items;
    while (items.length > 0 && items[0].k === 'ellipsis') items = items.slice(1);
    if (items.length === 0) return out;
    for (const type of STATEMENT_CONTAINERS) {
      for (const block of ctx.tree.byType.get(type) ?? []) {
        if (within && (block.end <= within.start || block.start >= within.end)) continue;
        const cs = block.unnamed();
        for (let s = 0; s < cs.length; s++) {
          if (!inRange(cs[s])) continue;
          matchSeq(ctx, items, 0, cs, s, null, (env, j, end) => {
            const last = cs[Math.max(j - 1, s)];
            out.push({ start: cs[s].start, end: end ?? last.end, env });
          }, true);
        }
      }
    }
    return out;
  }
  const candidates = pat.rootTypes
    ? pat.rootTypes.flatMap((t) => ctx.tree.byType.get(t) ?? [])
    : within
      ? nodesStartingIn(ctx.tree.nodes, within.start, within.end)
      : ctx.tree.nodes.filter((n) => n.parent !== null);
  for (const c of candidates) {
    if (!inRange(c)) continue;
    matchNode(ctx, pat.root, c, null, (env) => out.push({ start: c.start, end: c.end, env, node: c }));
  }
  if (pat.rootTypes && pat.rootTypes.length > 1) out.sort((a, b) => a.start - b.start || b.end - a.end);
  return out;
}
