/**
 * Flow-sensitive taint interpretation of one file, for all its taint rules at once.
 *
 * Each function (and the module itself) is interpreted in execution order over the lowered
 * tree with an environment from names (and one level of fields: `x.f`, `x["f"]`, `self.f`) to
 * taint. Branches run on copies that are merged afterwards; loops run until the environment
 * stops changing (bounded); assigning a clean value kills taint. Parameters carry symbolic
 * "param" origins, so one pass yields both findings and the function's summary: which
 * parameters reach its return value and which reach a sink, and through which rules'
 * sanitizers. Calls to functions of the same file (or, given summaries, of other files) use
 * those summaries; summaries are recomputed until they stop changing, so functions defined
 * after use and recursion both work (recursion terminates with the bounded rounds).
 *
 * What is not followed: dynamic dispatch on unknown receivers (`obj.m()` where obj's class is
 * unknown uses default propagation: receiver and arguments flow to the result; an injected
 * collaborator `this.svc.m()` resolves to `m` when exactly one other class of the file defines it), reflection
 * (getattr, eval'd names), aliasing through containers beyond one field level.
 */
import { descendantsOfType, type Node, type Tree } from '../../core/ast.js';
import type { BoundMetavar, LanguageId, Location, Suppression } from '../../core/types.js';
import type { Env } from '../pattern/match.js';
import { extend, liveFor, sameTaint, sanitize, union, unionAll, type Origin, type RawStep, type Taint, type Trace } from './values.js';

// ---------------------------------------------------------------------------------------------
// What the rules matched, by node range

export interface SourceHit {
  rule: number;
  label: string;
  requires?: string;
  bySideEffect: boolean | 'only';
  env: Env;
  description: string;
}

export interface SinkHit {
  rule: number;
  requires?: string;
  env: Env;
  /**
   * The spec narrowed the match with focus-metavariable: the sink is that expression's value
   * (a call there, `os.system(input())`, is checked as a whole), not a call's arguments.
   */
  focused?: boolean;
}

export interface SanitizerHit {
  rule: number;
  start: number;
  end: number;
  exact: boolean;
  bySideEffect: boolean | 'only';
}

export interface PropagatorHit {
  rule: number;
  from: Node;
  to: Node;
}

export interface RuleOptions {
  assumeSafeFunctions: boolean;
  assumeSafeIndexes: boolean;
  onlyAssignments: boolean;
}

export interface Matches {
  sources: Map<string, SourceHit[]>;
  sinks: Map<string, SinkHit[]>;
  sanitizers: SanitizerHit[];
  sanitizersExact: Map<string, SanitizerHit[]>;
  propagators: Map<string, PropagatorHit[]>;
  options: RuleOptions[];
  ruleCount: number;
}

export const rangeKey = (start: number, end: number) => `${start}:${end}`;
const keyOf = (n: Node) => rangeKey(n.start, n.end);

// ---------------------------------------------------------------------------------------------
// Summaries

export interface ParamInfo {
  name: string;
  index: number;
  /** Absent for functions of other files. */
  node?: Node;
  /** *args / ...rest: receives every remaining positional argument. */
  rest?: boolean;
  /** **kwargs: receives unmatched keyword arguments. */
  kwrest?: boolean;
}

/** Where a sink is: in this file (a node and its match), or in another file (serialized). */
export type SinkRef =
  | { kind: 'local'; node: Node; env: Env }
  | { kind: 'foreign'; loc: Location; text: string; snippet: string; metavars: Record<string, BoundMetavar>; suppressed?: Suppression };

export function sinkKey(s: SinkRef): string {
  return s.kind === 'local' ? `${s.node.start}:${s.node.end}` : `${s.loc.path}@${s.loc.start.offset}:${s.loc.end.offset}`;
}

export interface SummarySink {
  param: number;
  rule: number;
  blocked: readonly number[];
  sink: SinkRef;
  trace: Trace | null;
}

export interface Summary {
  params: ParamInfo[];
  /** Origins reaching the return value: params (to substitute) and sources. */
  ret: Taint;
  sinks: SummarySink[];
  /** For methods: parameters stored into fields of self/this (`self.query = query`). */
  fields: { field: string; param: number; blocked: readonly number[] }[];
}

/** A finding: a source origin reaching a sink of its rule. */
export interface TaintHit {
  rule: number;
  sink: SinkRef;
  origin: Origin;
}

/** Functions of other files, for cross-file calls: resolve a callee node to a summary. */
export type ExternalResolver = (callee: Node, tree: Tree) => Summary | null;

// ---------------------------------------------------------------------------------------------

type VarEnv = Map<string, Taint>;

const PY_FUNCS = new Set(['function_definition', 'lambda']);
const JS_FUNCS = new Set(['function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition', 'generator_function', 'generator_function_declaration']);
const CLASS_TYPES = new Set(['class_definition', 'class_declaration', 'class']);

/** Calls whose result carries no taint (numbers, booleans, lengths). */
const SAFE_CALLS = new Set([
  'int', 'float', 'bool', 'len', 'hash', 'id', 'isinstance', 'issubclass', 'ord', 'abs', 'round', 'callable', 'hasattr', 'type',
  'Number', 'parseInt', 'parseFloat', 'Boolean', 'isNaN', 'isFinite', 'Math.floor', 'Math.round', 'Math.ceil', 'Math.abs',
  'Array.isArray', 'Number.isInteger', 'Number.parseInt', 'Number.parseFloat', 'typeof',
]);

/** Methods that put their arguments into their receiver. */
const MUTATORS = new Set(['append', 'extend', 'insert', 'add', 'update', 'push', 'unshift', 'setdefault', 'set', 'write', 'writelines', 'appendleft']);

const MEMBER_CALLEE = new Set(['attribute', 'member_expression']);

/** Iteration methods whose result is what their callback returns. */
const CALLBACK_RESULT = new Set(['map', 'flatMap', 'then', 'reduce', 'reduceRight']);

/** Methods whose callback receives the receiver's elements (or resolved value). */
const ELEMENT_CALLBACKS = new Set([
  'map', 'forEach', 'filter', 'find', 'findIndex', 'findLast', 'some', 'every', 'flatMap', 'reduce', 'reduceRight', 'then', 'sort', 'each',
]);

/** Comparisons and tests produce booleans. */
const BOOLEAN_TYPES = new Set(['comparison_operator', 'not_operator']);
const BOOLEAN_OPS = new Set(['==', '!=', '===', '!==', '<', '>', '<=', '>=', 'instanceof', 'in', '!']);

export function isFunctionNode(n: Node): boolean {
  return PY_FUNCS.has(n.type) || JS_FUNCS.has(n.type);
}

function paramsOf(fn: Node, text: (n: Node) => string): ParamInfo[] {
  const out: ParamInfo[] = [];
  const p = fn.get('parameters') ?? fn.get('parameter');
  if (!p) return out;
  const list = p.type === 'parameters' || p.type === 'formal_parameters' || p.type === 'lambda_parameters' ? p.children : [p];
  let index = 0;
  for (const c of list) {
    const add = (nameNode: Node | undefined, extra: Partial<ParamInfo> = {}) => {
      if (!nameNode) return;
      out.push({ name: text(nameNode), index: index++, node: nameNode, ...extra });
    };
    switch (c.type) {
      case 'identifier':
        add(c);
        break;
      case 'typed_parameter':
      case 'list_splat_pattern':
      case 'dictionary_splat_pattern': {
        const id = c.children.find((x) => x.type === 'identifier') ?? c.children[0];
        const inner = c.type === 'typed_parameter' ? c.children[0] : id;
        if (inner?.type === 'list_splat_pattern') add(inner.children[0], { rest: true });
        else if (inner?.type === 'dictionary_splat_pattern') add(inner.children[0], { kwrest: true });
        else add(c.type === 'typed_parameter' ? inner : id, c.type === 'list_splat_pattern' ? { rest: true } : c.type === 'dictionary_splat_pattern' ? { kwrest: true } : {});
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter':
        add(c.get('name'));
        break;
      case 'required_parameter':
      case 'optional_parameter': {
        const pat = c.get('pattern');
        if (pat?.type === 'rest_pattern') add(pat.children[0], { rest: true });
        else add(pat);
        break;
      }
      case 'assignment_pattern':
        add(c.get('left'));
        break;
      case 'rest_pattern':
        add(c.children[0], { rest: true });
        break;
      case 'object_pattern':
      case 'array_pattern':
        // destructured parameter: named after its text; fields read through it
        out.push({ name: text(c), index: index++, node: c });
        break;
      default:
        break;
    }
  }
  return out;
}

interface FnState {
  fn: Node;
  params: ParamInfo[];
  ret: Taint;
  sinks: SummarySink[];
  fields: Summary['fields'];
  parent: VarEnv | null;
  /** The class a method belongs to. */
  cls: Node | null;
}

export class TaintInterpreter {
  readonly hits: TaintHit[] = [];
  readonly summaries = new Map<Node, Summary>();
  private functions: Node[] = [];
  private closureEnv = new Map<Node, VarEnv>();
  private byName = new Map<string, Node[]>();
  private methods = new Map<Node, Map<string, Node>>();
  private classFields = new Map<Node, Map<string, Taint>>();
  /** Source taint each method writes into self/this fields. */
  private fieldWritesByFn = new Map<Node, Map<string, Taint>>();
  /** Source taint each function passes into constructors' field writes, by class. */
  private ctorFieldsByFn = new Map<Node, Map<Node, Map<string, Taint>>>();
  /** Local functions each function calls (their summary changes re-run it). */
  private calleesByFn = new Map<Node, Set<Node>>();
  /** Functions directly nested in each function. */
  private nested = new Map<Node, Node[]>();
  /** Findings by the function they were found in (replaced when it is re-run). */
  private hitsByFn = new Map<Node, Map<string, TaintHit>>();
  private state: FnState | null = null;
  private moduleEnd: VarEnv = new Map();
  private argCache = new Map<Node, Taint>();
  /** The taint each node evaluated to most recently (propagators read their operands here). */
  private lastValue = new Map<Node, Taint>();
  private steps = 0;
  private readonly py: boolean;

  constructor(
    private tree: Tree,
    private language: LanguageId,
    private m: Matches,
    private external: ExternalResolver | null = null,
    private budget = 3_000_000,
  ) {
    this.py = language === 'python';
    for (const n of tree.nodes) {
      if (!isFunctionNode(n)) continue;
      this.functions.push(n);
      for (let p = n.parent; p; p = p.parent) {
        if (isFunctionNode(p)) {
          const list = this.nested.get(p) ?? [];
          list.push(n);
          this.nested.set(p, list);
          break;
        }
      }
      const name = this.functionName(n);
      if (name) {
        const list = this.byName.get(name) ?? [];
        list.push(n);
        this.byName.set(name, list);
      }
      const cls = this.enclosingClass(n);
      if (cls && name) {
        let mm = this.methods.get(cls);
        if (!mm) this.methods.set(cls, (mm = new Map()));
        mm.set(name, n);
      }
    }
  }

  private text(n: Node): string {
    return n.text ?? this.tree.text.slice(n.start, n.end);
  }

  private tick(): void {
    if (++this.steps > this.budget) throw new TaintBudgetExceeded();
  }

  functionName(fn: Node): string | null {
    const name = fn.get('name');
    if (name) return this.text(name);
    // const f = (...) => ...   /   f = function () {}
    const p = fn.parent;
    if (p?.type === 'variable_declarator' && p.get('value') === fn) return this.text(p.get('name')!);
    if ((p?.type === 'assignment_expression' || p?.type === 'assignment') && p.get('right') === fn) {
      const left = p.get('left')!;
      return this.text(left.get('property') ?? left.get('attribute') ?? left);
    }
    if (p?.type === 'pair' && p.get('value') === fn) return this.text(p.get('key')!).replace(/^['"]|['"]$/g, '');
    return null;
  }

  private enclosingClass(fn: Node): Node | null {
    let p = fn.parent;
    // a method sits in the class body directly (Python: through a decorated_definition)
    while (p && (p.type === 'block' || p.type === 'class_body' || p.type === 'decorated_definition')) p = p.parent;
    return p && CLASS_TYPES.has(p.type) ? p : null;
  }

  /**
   * Interpret every function, then re-interpret only what a changed summary can affect (its
   * callers, the methods of a class whose fields changed, nested functions of a re-run
   * function), until nothing changes or the round bound is hit (recursion terminates there).
   */
  run(maxRounds = 6): void {
    let work: Set<Node> | null = null;
    for (let round = 0; round < maxRounds; round++) {
      const next = this.round(work);
      if (next.size === 0) break;
      work = next;
    }
    // one finding per rule and sink over the whole file: the shortest explanation wins
    const best = new Map<string, TaintHit>();
    for (const hits of this.hitsByFn.values()) {
      for (const [k, h] of hits) {
        const prev = best.get(k);
        if (!prev || (h.origin.trace?.length ?? 0) < (prev.origin.trace?.length ?? 0)) best.set(k, h);
      }
    }
    this.hits.length = 0;
    this.hits.push(...best.values());
  }

  private analyse(fn: Node): { summaryChanged: boolean } {
    const params = paramsOf(fn, (n) => this.text(n));
    const st: FnState = { fn, params, ret: null, sinks: [], fields: [], parent: this.closureEnv.get(fn) ?? this.moduleEnd, cls: this.enclosingClass(fn) };
    this.hitsByFn.set(fn, new Map());
    this.calleesByFn.set(fn, new Set());
    this.ctorFieldsByFn.delete(fn);
    const env: VarEnv = new Map();
    params.forEach((p) => {
      let t: Taint = [{ kind: 'param', rule: -1, label: '', param: p.index, blocked: [], trace: null }];
      // a parameter a source pattern matches (FastAPI query params, NestJS @Body()) is a source
      if (p.node) {
        t = union(t, this.sourceTaint(p.node, null));
        if (p.node.parent && p.node.parent !== fn.get('parameters')) t = union(t, this.sourceTaint(p.node.parent, null));
      }
      env.set(p.name, t);
    });
    const body = fn.get('body');
    if (body) {
      if (body.type === 'block' || body.type === 'statement_block') this.execFunctionBody(st, body, env);
      else {
        // expression-bodied lambda / arrow function
        const saved = this.state;
        this.state = st;
        const t = this.evalExpr(body, env);
        st.ret = union(st.ret, extend(t, { kind: 'return', node: body, message: 'returned' }));
        this.state = saved;
      }
    }
    const summary: Summary = { params, ret: st.ret, sinks: st.sinks, fields: st.fields };
    const prev = this.summaries.get(fn);
    this.summaries.set(fn, summary);
    return { summaryChanged: !prev || !sameSummary(prev, summary) };
  }

  /** One round over `work` (null: everything); returns what must run again. */
  private round(work: Set<Node> | null): Set<Node> {
    const changed = new Set<Node>();
    const root = this.tree.root;
    let rerunAll = false;
    if (!work || work.has(root)) {
      // the module body first: it is the closure environment of top-level functions
      const modState: FnState = { fn: root, params: [], ret: null, sinks: [], fields: [], parent: null, cls: null };
      this.hitsByFn.set(root, new Map());
      this.calleesByFn.set(root, new Set());
      this.ctorFieldsByFn.delete(root);
      const before = this.moduleEnd;
      this.moduleEnd = this.execFunctionBody(modState, root, new Map());
      if (work && !sameEnv(before, this.moduleEnd)) rerunAll = true;
    }
    const todo = work && !rerunAll ? new Set(work) : null;
    for (const fn of this.functions) {
      if (todo && !todo.has(fn)) continue;
      // functions nested in a re-run function see its new environment
      if (todo) for (const inner of this.nested.get(fn) ?? []) todo.add(inner);
      if (this.analyse(fn).summaryChanged) changed.add(fn);
    }
    // field taint written by one method (or passed to a constructor) is visible to the others
    const fieldsBefore = this.classFields;
    this.classFields = this.collectClassFields();
    const next = new Set<Node>();
    for (const [cls, fields] of this.classFields) {
      const prev = fieldsBefore.get(cls);
      let differs = !prev || prev.size !== fields.size;
      if (!differs) for (const [f, t] of fields) if (!sameTaint(prev!.get(f) ?? null, t)) differs = true;
      if (differs) for (const m of this.methods.get(cls)?.values() ?? []) next.add(m);
    }
    for (const [fn, callees] of this.calleesByFn) {
      for (const c of callees) if (changed.has(c)) next.add(fn);
    }
    this.lastValue.clear();
    this.argCache.clear();
    return next;
  }

  private collectClassFields(): Map<Node, Map<string, Taint>> {
    const out = new Map<Node, Map<string, Taint>>();
    const add = (cls: Node, field: string, t: Taint) => {
      let m = out.get(cls);
      if (!m) out.set(cls, (m = new Map()));
      m.set(field, union(m.get(field) ?? null, t));
    };
    for (const [fn, fields] of this.fieldWritesByFn) {
      const cls = this.enclosingClass(fn);
      if (cls) for (const [f, t] of fields) add(cls, f, t);
    }
    for (const byCls of this.ctorFieldsByFn.values()) for (const [cls, fields] of byCls) for (const [f, t] of fields) add(cls, f, t);
    return out;
  }

  private execFunctionBody(st: FnState, body: Node, env: VarEnv): VarEnv {
    const saved = this.state;
    this.state = st;
    this.execBlock(body.children, env);
    // field writes on self/this flow to the class's other methods
    if (st.cls) {
      const fields = new Map<string, Taint>();
      this.fieldWritesByFn.set(st.fn, fields);
      for (const [k, t] of env) {
        const m = /^(self|this)\.([\w$]+)$/.exec(k);
        if (!m || !t) continue;
        // sources are visible to the other methods; parameters become the method's field summary
        const sources = t.filter((o) => o.kind === 'source');
        if (sources.length > 0) fields.set(m[2], union(fields.get(m[2]) ?? null, sources));
        for (const o of t) if (o.kind === 'param') st.fields.push({ field: m[2], param: o.param, blocked: o.blocked });
      }
    }
    this.state = saved;
    return env;
  }

  // -------------------------------------------------------------------------------------------
  // Statements

  private execBlock(stmts: Node[], env: VarEnv): void {
    for (const s of stmts) this.exec(s, env);
  }

  private exec(s: Node, env: VarEnv): void {
    this.tick();
    this.checkSinkStatement(s, env);
    switch (s.type) {
      case 'expression_statement':
        for (const c of s.children) this.evalExpr(c, env);
        return;
      case 'lexical_declaration':
      case 'variable_declaration':
        for (const d of s.children) if (d.type === 'variable_declarator') this.evalExpr(d, env);
        return;
      case 'return_statement': {
        const e = s.children[0];
        if (e && this.state) {
          const t = this.evalExpr(e, env);
          this.state.ret = union(this.state.ret, extend(t, { kind: 'return', node: e, message: 'returned' }));
        }
        return;
      }
      case 'if_statement':
        return this.execIf(s, env);
      case 'for_statement':
      case 'for_in_statement':
      case 'while_statement':
      case 'do_statement':
        return this.execLoop(s, env);
      case 'try_statement':
        return this.execTry(s, env);
      case 'with_statement': {
        // with open(p) as f: binds f to the value of open(p)
        for (const item of descendantsOfType(s, 'with_item')) {
          const value = item.get('value') ?? item.children[0];
          if (!value) continue;
          if (value.type === 'as_pattern') {
            const t = this.evalExpr(value.children[0], env);
            const alias = value.get('alias');
            if (alias) this.assign(alias, t, env);
          } else this.evalExpr(value, env);
        }
        const body = s.get('body');
        if (body) this.execBlock(body.children, env);
        return;
      }
      case 'block':
      case 'statement_block':
      case 'else_clause':
      case 'finally_clause':
        return this.execBlock(s.children, env);
      case 'decorated_definition': {
        const def = s.get('definition');
        for (const c of s.children) if (c.type === 'decorator') this.evalExpr(c.children[0] ?? c, env);
        if (def) this.exec(def, env);
        return;
      }
      case 'function_definition':
      case 'function_declaration':
      case 'generator_function_declaration':
      case 'method_definition':
        // a function's body runs when it is called: analysed on its own, seeing this scope
        this.closureEnv.set(s, new Map(env));
        return;
      case 'class_definition':
      case 'class_declaration': {
        const body = s.get('body');
        if (body) {
          for (const c of body.children) {
            if (isFunctionNode(c) || c.type === 'decorated_definition') this.exec(c, env);
            else this.exec(c, new Map(env));
          }
        }
        return;
      }
      case 'export_statement':
        for (const c of s.children) {
          if (c.field === 'declaration' || isStatementLike(c)) this.exec(c, env);
          else this.evalExpr(c, env);
        }
        return;
      case 'switch_statement': {
        this.evalExpr(s.get('value') ?? s, env);
        const body = s.get('body');
        const branches: VarEnv[] = [];
        for (const c of body?.children ?? []) {
          const e = new Map(env);
          this.execBlock(c.children.filter((x) => x.field !== 'value'), e);
          branches.push(e);
        }
        mergeInto(env, branches);
        return;
      }
      case 'match_statement': {
        const subject = s.get('subject');
        if (subject) this.evalExpr(subject, env);
        const branches: VarEnv[] = [];
        for (const c of descendantsOfType(s, 'case_clause')) {
          const e = new Map(env);
          const body = c.get('consequence') ?? c.children[c.children.length - 1];
          if (body) this.execBlock(body.children, e);
          branches.push(e);
        }
        branches.push(new Map(env));
        mergeInto(env, branches);
        return;
      }
      case 'labeled_statement':
        for (const c of s.children) if (c.field === 'body' || isStatementLike(c)) this.exec(c, env);
        return;
      case 'raise_statement':
      case 'throw_statement':
      case 'assert_statement':
      case 'delete_statement':
      case 'print_statement':
      case 'exec_statement':
        for (const c of s.children) this.evalExpr(c, env);
        return;
      default:
        // imports, pass, break, continue, global, type declarations, comments: no flow
        if (isExpressionLike(s)) this.evalExpr(s, env);
    }
  }

  private execIf(s: Node, env: VarEnv): void {
    const cond = s.get('condition');
    const constant = cond ? constantTruth(cond, this.text(cond)) : null;
    if (cond) this.evalExpr(cond, env);
    const branches: VarEnv[] = [];
    const then = s.get('consequence');
    if (constant !== false) {
      const e = new Map(env);
      if (then) this.exec(then, e);
      branches.push(e);
    }
    if (constant !== true) {
      const alts = s.getAll('alternative');
      if (alts.length === 0) branches.push(new Map(env));
      else {
        // Python: elif clauses then an else; JS: one else_clause (possibly holding an if)
        let rest = new Map(env);
        let sawElse = false;
        for (const alt of alts) {
          if (alt.type === 'elif_clause') {
            const c = alt.get('condition');
            if (c) this.evalExpr(c, rest);
            const e = new Map(rest);
            const body = alt.get('consequence');
            if (body) this.exec(body, e);
            branches.push(e);
          } else {
            sawElse = true;
            const e = new Map(rest);
            this.execBlock(alt.children, e);
            branches.push(e);
          }
        }
        if (!sawElse) branches.push(rest);
        rest = new Map();
      }
    }
    mergeInto(env, branches);
  }

  private execLoop(s: Node, env: VarEnv): void {
    const body = s.get('body');
    const before = new Map(env);
    const iter = s.get('right');
    const left = s.get('left');
    const cond = s.get('condition');
    const init = s.get('initializer');
    if (init) this.exec(init, env);
    for (let i = 0; i < 3; i++) {
      const snapshot = new Map(env);
      if (iter && left) {
        // the loop variable takes the iterable's elements
        const t = this.evalExpr(iter, env);
        this.assign(left, extend(t, { kind: 'step', node: left, message: `iterates over ${clip(this.text(iter))}` }), env);
      }
      if (cond) this.evalExpr(cond, env);
      if (body) this.exec(body, env);
      const inc = s.get('increment');
      if (inc) this.evalExpr(inc, env);
      if (sameEnv(snapshot, env)) break;
      mergeInto(env, [snapshot, new Map(env)]);
    }
    const alt = s.get('alternative');
    if (alt) this.execBlock(alt.children, env);
    // the body may not run at all
    mergeInto(env, [before, new Map(env)]);
  }

  private execTry(s: Node, env: VarEnv): void {
    const before = new Map(env);
    const body = s.get('body');
    if (body) this.exec(body, env);
    const branches: VarEnv[] = [new Map(env)];
    for (const c of s.children) {
      if (c.type === 'except_clause' || c.type === 'catch_clause' || c.type === 'except_group_clause') {
        // a handler starts from any point of the try body: before or after it
        const e = new Map(before);
        mergeInto(e, [before, new Map(env)]);
        const blk = c.get('body') ?? c.children.find((x) => x.type === 'block' || x.type === 'statement_block');
        if (blk) this.exec(blk, e);
        branches.push(e);
      } else if (c.type === 'else_clause' && c.field !== 'handler') {
        this.execBlock(c.children, branches[0]);
      }
    }
    mergeInto(env, branches);
    const fin = s.get('finalizer') ?? s.children.find((c) => c.type === 'finally_clause');
    if (fin) this.exec(fin, env);
  }

  // -------------------------------------------------------------------------------------------
  // Assignment

  private lvalueKey(target: Node): string | null {
    switch (target.type) {
      case 'identifier':
      case 'shorthand_property_identifier_pattern':
      case 'this':
        return this.text(target);
      case 'attribute':
      case 'member_expression': {
        const obj = target.get('object');
        const prop = target.get('attribute') ?? target.get('property');
        if (!obj || !prop) return null;
        const base = this.lvalueKey(obj);
        return base && !base.includes('.') ? `${base}.${this.text(prop)}` : base;
      }
      case 'subscript':
      case 'subscript_expression': {
        const obj = target.get('value') ?? target.get('object');
        const idx = target.get('subscript') ?? target.get('index');
        if (!obj) return null;
        const base = this.lvalueKey(obj);
        const k = idx ? constantKey(idx, this.text(idx)) : null;
        if (base && k !== null && !base.includes('.')) return `${base}.${k}`;
        return base;
      }
      default:
        return null;
    }
  }

  /** Bind a target (name, field, pattern) to a taint. Clean values kill taint. */
  private assign(target: Node, t: Taint, env: VarEnv, weak = false): void {
    switch (target.type) {
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'array_pattern':
      case 'expression_list':
        for (const c of target.children) this.assign(c, t, env, weak);
        return;
      case 'list_splat_pattern':
      case 'rest_pattern':
      case 'spread_element':
        if (target.children[0]) this.assign(target.children[0], t, env, weak);
        return;
      case 'object_pattern':
        for (const c of target.children) {
          if (c.type === 'shorthand_property_identifier_pattern') this.assign(c, t, env, weak);
          else if (c.type === 'pair_pattern') {
            const v = c.get('value');
            if (v) this.assign(v, t, env, weak);
          } else if (c.type === 'object_assignment_pattern' || c.type === 'assignment_pattern') {
            const l = c.get('left');
            if (l) this.assign(l, union(t, this.evalExpr(c.get('right') ?? l, env)), env, weak);
          } else this.assign(c, t, env, weak);
        }
        return;
      case 'assignment_pattern': {
        const l = target.get('left');
        if (l) this.assign(l, union(t, this.evalExpr(target.get('right') ?? l, env)), env, weak);
        return;
      }
      case 'as_pattern_target':
        if (target.children[0]) this.assign(target.children[0], t, env, weak);
        return;
      default: {
        const k = this.lvalueKey(target);
        if (!k) {
          this.evalExpr(target, env);
          return;
        }
        this.evalIndexes(target, env);
        const isField = k.includes('.');
        if (isField) {
          // a field write taints the field; a clean write cleans only that field
          env.set(k, weak ? union(env.get(k) ?? null, t) : t);
          return;
        }
        if (weak) {
          env.set(k, union(env.get(k) ?? null, t));
          return;
        }
        env.set(k, t);
        for (const key of [...env.keys()]) if (key.startsWith(`${k}.`)) env.delete(key);
      }
    }
  }

  /** The computed keys of an assignment target (`o[a][b] = v`): sinks and sources inside them. */
  private evalIndexes(target: Node, env: VarEnv): void {
    for (let t: Node | undefined = target; t && (t.type === 'subscript' || t.type === 'subscript_expression' || MEMBER_CALLEE.has(t.type)); t = t.get('object') ?? t.get('value')) {
      const idx = t.get('subscript') ?? t.get('index');
      if (idx && constantKey(idx, this.text(idx)) === null) this.evalExpr(idx, env);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Expressions

  private lookup(name: string, env: VarEnv): Taint {
    if (env.has(name)) return env.get(name) ?? null;
    const st = this.state;
    if (st?.parent?.has(name)) return st.parent.get(name) ?? null;
    if (st && st.parent !== this.moduleEnd && this.moduleEnd.has(name)) return this.moduleEnd.get(name) ?? null;
    return null;
  }

  private readField(key: string, baseName: string, env: VarEnv): Taint {
    if (env.has(key)) return env.get(key) ?? null;
    const st = this.state;
    if (st?.parent?.has(key)) return st.parent.get(key) ?? null;
    const m = /^(self|this)\.([\w$]+)$/.exec(key);
    if (m && st?.cls) {
      const f = this.classFields.get(st.cls)?.get(m[2]);
      if (f) return f;
    }
    // a tainted object taints its fields
    return this.lookup(baseName, env);
  }

  evalExpr(n: Node, env: VarEnv): Taint {
    this.tick();
    let t = this.evalInner(n, env);
    const k = keyOf(n);
    // sanitizers: the matched expression (and, unless exact, what is inside it) is clean
    const exact = this.m.sanitizersExact.get(k);
    if (exact) t = sanitize(t, exact.filter((h) => h.bySideEffect !== 'only').map((h) => h.rule));
    if (this.m.sanitizers.length > 0 && t) {
      const rules = this.m.sanitizers.filter((h) => !h.exact && h.bySideEffect !== 'only' && h.start <= n.start && n.end <= h.end).map((h) => h.rule);
      if (rules.length > 0) t = sanitize(t, rules);
    }
    // by-side-effect sanitizers clean the variable itself from here on
    if (exact && exact.some((h) => h.bySideEffect)) {
      const key = this.lvalueKey(n);
      if (key) env.set(key, sanitize(this.lookup(key, env), exact.filter((h) => h.bySideEffect).map((h) => h.rule)));
    }
    // sources: a sanitizer of the same rule on the same expression wins (as in Semgrep, where
    // `not-conflicting` exists to opt out of exactly this)
    let src = this.sourceTaint(n, t);
    if (src && exact) {
      const clean = new Set(exact.filter((h) => h.bySideEffect !== 'only').map((h) => h.rule));
      const kept = src.filter((o) => !clean.has(o.rule));
      src = kept.length > 0 ? kept : null;
    }
    if (src) {
      const se = this.m.sources.get(k)!;
      if (se.some((h) => h.bySideEffect)) {
        const key = this.lvalueKey(n);
        if (key) env.set(key, union(env.get(key) ?? null, src));
      }
      if (se.some((h) => h.bySideEffect !== 'only')) t = union(t, src);
    }
    // propagators
    const props = this.m.propagators.get(k);
    if (props) {
      for (const p of props) {
        const from = this.evalQuiet(p.from, env);
        if (!from) continue;
        const live = from.filter((o) => liveFor(o, p.rule));
        if (live.length === 0) continue;
        const toKey = this.lvalueKey(p.to);
        if (toKey) env.set(toKey, union(env.get(toKey) ?? null, extend(live, { kind: 'step', node: n, message: `propagates into ${clip(this.text(p.to))}` })));
      }
    }
    this.checkSink(n, t, env);
    this.lastValue.set(n, t);
    return t;
  }

  /** An operand's value without evaluating it again (it was evaluated as part of the match). */
  private evalQuiet(n: Node, env: VarEnv): Taint {
    if (this.lastValue.has(n)) return this.lastValue.get(n) ?? null;
    const k = this.lvalueKey(n);
    if (k) return k.includes('.') ? this.readField(k, k.split('.')[0], env) : this.lookup(k, env);
    return null;
  }

  sourceTaint(n: Node, current: Taint): Taint {
    const hits = this.m.sources.get(keyOf(n));
    if (!hits) return null;
    let out: Taint = null;
    for (const h of hits) {
      if (h.requires && !labelsSatisfy(h.requires, current, h.rule)) continue;
      const o: Origin = {
        kind: 'source',
        rule: h.rule,
        label: h.label,
        param: -1,
        blocked: [],
        trace: { step: { kind: 'source', node: n, message: h.description }, prev: null, length: 1 },
        sourceEnv: h.env,
      };
      out = union(out, [o]);
    }
    return out;
  }

  private evalInner(n: Node, env: VarEnv): Taint {
    switch (n.type) {
      // --- names and fields
      case 'identifier':
      case 'shorthand_property_identifier':
        return this.lookup(this.text(n), env);
      case 'this':
      case 'self':
        return this.lookup(this.text(n), env);
      case 'attribute':
      case 'member_expression': {
        const obj = n.get('object');
        const key = this.lvalueKey(n);
        if (obj) {
          const base = this.evalExpr(obj, env);
          if (key && key.includes('.')) return union(this.readField(key, key.split('.')[0], env), key.split('.')[0] === this.text(obj) ? null : base);
          return base;
        }
        return null;
      }
      case 'subscript':
      case 'subscript_expression': {
        const obj = n.get('value') ?? n.get('object');
        const idx = n.get('subscript') ?? n.get('index');
        const key = this.lvalueKey(n);
        const base = obj ? this.evalExpr(obj, env) : null;
        const it = idx ? this.evalExpr(idx, env) : null;
        const fromIndex = this.ruleSafe('assumeSafeIndexes') ? null : it;
        if (key && key.includes('.') && obj && key.split('.')[0] === this.text(obj)) {
          return union(this.readField(key, key.split('.')[0], env), fromIndex);
        }
        return union(base, fromIndex);
      }
      // --- assignments (JS expressions; Python statements evaluated here too)
      case 'assignment':
      case 'assignment_expression': {
        const left = n.get('left');
        const right = n.get('right');
        const t = right ? this.evalExpr(right, env) : null;
        if (left) {
          if (right && isFunctionNode(right)) this.closureEnv.set(right, new Map(env));
          this.assign(left, extend(t, { kind: 'step', node: left, message: `assigned to ${clip(this.text(left))}` }), env);
        }
        return t;
      }
      case 'augmented_assignment':
      case 'augmented_assignment_expression': {
        const left = n.get('left');
        const right = n.get('right');
        const t = union(left ? this.evalExpr(left, env) : null, right ? this.evalExpr(right, env) : null);
        if (left) this.assign(left, extend(t, { kind: 'step', node: left, message: `appended to ${clip(this.text(left))}` }), env);
        return t;
      }
      case 'variable_declarator': {
        const name = n.get('name');
        const value = n.get('value');
        if (value && isFunctionNode(value)) this.closureEnv.set(value, new Map(env));
        const t = value ? this.evalExpr(value, env) : null;
        if (name) this.assign(name, extend(t, { kind: 'step', node: name, message: `assigned to ${clip(this.text(name))}` }), env);
        return t;
      }
      case 'named_expression': {
        const name = n.get('name');
        const t = this.evalExpr(n.get('value') ?? n, env);
        if (name) this.assign(name, t, env);
        return t;
      }
      // --- calls
      case 'call':
      case 'call_expression':
      case 'new_expression':
        return this.evalCall(n, env);
      case 'decorator':
        return this.evalAll(n.children, env);
      // --- strings
      case 'string':
      case 'template_string':
      case 'concatenated_string':
        return this.evalAll(n.children, env);
      case 'interpolation':
      case 'template_substitution':
        return this.evalAll(n.children.filter((c) => c.type !== 'format_specifier' && c.type !== 'type_conversion'), env);
      case 'string_content':
      case 'string_fragment':
      case 'string_start':
      case 'string_end':
      case 'escape_sequence':
      case 'integer':
      case 'float':
      case 'number':
      case 'true':
      case 'false':
      case 'none':
      case 'null':
      case 'undefined':
      case 'regex':
      case 'ellipsis':
        return null;
      // --- operators
      case 'binary_operator':
      case 'binary_expression': {
        const l = n.get('left');
        const r = n.get('right');
        const lt = l ? this.evalExpr(l, env) : null;
        const rt = r ? this.evalExpr(r, env) : null;
        if (n.op && BOOLEAN_OPS.has(n.op)) return null;
        if (this.onlyAssignments()) return null;
        return union(lt, rt);
      }
      case 'comparison_operator':
      case 'not_operator':
        this.evalAll(n.children, env);
        return null;
      case 'unary_operator':
      case 'unary_expression': {
        const t = this.evalAll(n.children, env);
        return n.op === '!' || n.op === 'typeof' || n.op === 'not' || n.op === 'void' ? null : t;
      }
      case 'update_expression':
        this.evalAll(n.children, env);
        return null;
      case 'boolean_operator':
        return this.evalAll(n.children, env);
      case 'conditional_expression':
      case 'ternary_expression': {
        const cond = n.get('condition');
        if (cond) this.evalExpr(cond, env);
        const parts = n.children.filter((c) => c !== cond);
        return this.evalAll(parts, env);
      }
      // --- functions: values carry no taint; their bodies are analysed on their own
      case 'lambda':
      case 'arrow_function':
      case 'function_expression':
      case 'function':
      case 'generator_function':
      case 'method_definition':
      case 'function_definition':
      case 'function_declaration':
        this.closureEnv.set(n, new Map(env));
        return null;
      case 'await':
      case 'await_expression':
      case 'yield':
      case 'yield_expression':
      case 'spread_element':
      case 'list_splat':
      case 'dictionary_splat':
      case 'parenthesized_expression':
      case 'non_null_expression':
      case 'as_expression':
      case 'satisfies_expression':
      case 'type_assertion':
      case 'expression_list':
      case 'sequence_expression':
      case 'keyword_argument':
        return this.evalAll(n.children.filter((c) => c.field !== 'name' && !isTypeNode(c)), env);
      // --- containers: tainted when an element is
      case 'list':
      case 'tuple':
      case 'set':
      case 'array':
      case 'dictionary':
      case 'object':
      case 'pair':
        return this.evalAll(n.children.filter((c) => !(n.type === 'pair' && c.field === 'key' && c.type !== 'computed_property_name')), env);
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
      case 'dictionary_comprehension': {
        const inner = new Map(env);
        for (const c of n.children) {
          if (c.type === 'for_in_clause') {
            const right = c.get('right');
            const left = c.get('left');
            const t = right ? this.evalExpr(right, inner) : null;
            if (left) this.assign(left, t, inner);
          }
        }
        for (const c of n.children) if (c.type === 'if_clause') this.evalAll(c.children, inner);
        const body = n.get('body');
        return body ? this.evalExpr(body, inner) : null;
      }
      // --- JSX: expressions inside are evaluated (sinks such as dangerouslySetInnerHTML)
      case 'jsx_element':
      case 'jsx_self_closing_element':
      case 'jsx_opening_element':
      case 'jsx_attribute':
      case 'jsx_expression':
      case 'jsx_fragment':
        return this.evalAll(n.children, env);
      default:
        if (isStatementLike(n)) {
          this.exec(n, env);
          return null;
        }
        return this.evalAll(n.children.filter((c) => !isTypeNode(c)), env);
    }
  }

  private evalAll(list: Node[], env: VarEnv): Taint {
    let t: Taint = null;
    for (const c of list) t = union(t, this.evalExpr(c, env));
    return t;
  }

  private ruleSafe(opt: keyof RuleOptions): boolean {
    // options apply per rule; a value safe for every rule is clean
    return this.m.options.length > 0 && this.m.options.every((o) => o[opt]);
  }

  private onlyAssignments(): boolean {
    return this.ruleSafe('onlyAssignments');
  }

  private calleeName(fnNode: Node): string {
    return this.text(fnNode).replace(/\s+/g, '');
  }

  /** Resolve a call's callee to a function of this file (or a summary from another file). */
  private resolve(callee: Node): { fn?: Node; summary?: Summary; method: boolean } | null {
    if (callee.type === 'identifier') {
      const defs = this.byName.get(this.text(callee));
      if (defs && defs.length > 0) {
        // prefer a non-method definition with that name
        const fn = defs.find((d) => !this.enclosingClass(d)) ?? defs[0];
        return { fn, method: false };
      }
    } else if (callee.type === 'attribute' || callee.type === 'member_expression') {
      const obj = callee.get('object');
      const prop = callee.get('attribute') ?? callee.get('property');
      if (obj && prop && (this.text(obj) === 'self' || this.text(obj) === 'this' || this.text(obj) === 'cls') && this.state?.cls) {
        const fn = this.methods.get(this.state.cls)?.get(this.text(prop));
        if (fn) return { fn, method: true };
      }
      // an injected collaborator (`this.users.find(...)`, `self.repo.save(...)`): the method of
      // that name when exactly one other class of the file defines it (NestJS controller ->
      // service); anything else stays dynamic dispatch
      if (obj && prop && MEMBER_CALLEE.has(obj.type) && ['this', 'self'].includes(this.text(obj.get('object') ?? obj))) {
        const name = this.text(prop);
        const defs = [...this.methods].filter(([cls, mm]) => cls !== this.state?.cls && mm.has(name));
        if (defs.length === 1) return { fn: defs[0][1].get(name)!, method: true };
      }
    }
    if (this.external) {
      const s = this.external(callee, this.tree);
      if (s) return { summary: s, method: false };
    }
    return null;
  }

  private evalCall(n: Node, env: VarEnv): Taint {
    const callee = n.get('function') ?? n.get('constructor');
    const argsNode = n.get('arguments');
    // receiver of a method call
    let receiver: Taint = null;
    let receiverNode: Node | undefined;
    if (callee && (callee.type === 'attribute' || callee.type === 'member_expression')) {
      receiverNode = callee.get('object');
      if (receiverNode) receiver = this.evalExpr(receiverNode, env);
    } else if (callee && callee.type !== 'identifier') {
      receiver = this.evalExpr(callee, env);
    }
    // arguments (positional and keyword)
    const positional: { node: Node; t: Taint; spread: boolean }[] = [];
    const keyword = new Map<string, { node: Node; t: Taint }>();
    let argsTaint: Taint = null;
    const argList = argsNode ? (argsNode.type === 'argument_list' || argsNode.type === 'arguments' ? argsNode.children : [argsNode]) : [];
    for (const a of argList) {
      const t = this.evalExpr(a, env);
      argsTaint = union(argsTaint, t);
      if (a.type === 'keyword_argument') {
        const name = a.get('name');
        const v = a.get('value');
        if (name && v) keyword.set(this.text(name), { node: v, t });
      } else positional.push({ node: a, t, spread: a.type === 'list_splat' || a.type === 'spread_element' || a.type === 'dictionary_splat' });
    }
    this.argCache.set(n, argsTaint);
    const name = callee ? this.calleeName(callee) : '';
    const short = name.split('.').pop() ?? name;
    if (SAFE_CALLS.has(name) || SAFE_CALLS.has(short)) return null;
    // mutating methods put their arguments into the receiver: lst.append(x)
    if (receiverNode && MUTATORS.has(short) && argsTaint) {
      const key = this.lvalueKey(receiverNode);
      if (key) env.set(key, union(env.get(key) ?? null, extend(argsTaint, { kind: 'step', node: n, message: `added to ${clip(this.text(receiverNode))}` })));
    }
    // constructing an object: its constructor's field writes taint the class's fields
    if (callee?.type === 'identifier' && argsTaint) this.constructorFields(this.text(callee), positional, keyword);
    const target = callee ? this.resolve(callee) : null;
    if (target?.fn) this.calleesByFn.get(this.state?.fn ?? this.tree.root)?.add(target.fn);
    const summary = target?.summary ?? (target?.fn ? this.summaries.get(target.fn) : undefined);
    if (target && (summary || target.fn)) {
      if (!summary) return null; // not analysed yet this round: the fixpoint will come back
      const argFor = (p: ParamInfo): { node: Node; t: Taint } | null => {
        // methods called on self/this skip the receiver parameter
        const shift = target.method && this.py && summary.params[0] && (summary.params[0].name === 'self' || summary.params[0].name === 'cls') ? 1 : 0;
        if (p.index < shift) return receiverNode ? { node: receiverNode, t: receiver } : null;
        const kw = keyword.get(p.name);
        if (kw) return kw;
        if (p.kwrest) return keyword.size > 0 ? { node: n, t: unionAll([...keyword.values()].map((k) => k.t)) } : null;
        const i = p.index - shift;
        if (p.rest) {
          const rest = positional.slice(i);
          return rest.length > 0 ? { node: rest[0].node, t: unionAll(rest.map((r) => r.t)) } : null;
        }
        const direct = positional[i];
        if (direct && !direct.spread) return { node: direct.node, t: direct.t };
        const spread = positional.find((x, j) => j <= i && x.spread);
        return spread ? { node: spread.node, t: spread.t } : null;
      };
      this.applySummarySinks(n, summary, argFor);
      return this.substitute(summary.ret, summary, argFor, n);
    }
    // an inline callback of an iteration method receives the receiver's elements:
    // `rows.forEach((row) => sink(row))`, `messages.map((m) => ...)`, `promise.then((v) => ...)`
    let mapped: { t: Taint } | null = null;
    if (receiverNode && ELEMENT_CALLBACKS.has(short)) {
      const index = short === 'reduce' || short === 'reduceRight' ? 1 : 0;
      const elementArg = (p: ParamInfo) => (p.index === index && receiver ? { node: receiverNode!, t: receiver } : null);
      for (const a of positional) {
        const cb = isFunctionNode(a.node) ? this.callbackSummary(a.node) : undefined;
        if (cb && receiver) this.applySummarySinks(n, cb, elementArg);
        // map, flatMap, then, reduce return what the callback returns, not the receiver
        if (cb && a === positional[0] && CALLBACK_RESULT.has(short)) {
          const rest = positional.slice(1).map((x) => x.t);
          mapped = { t: unionAll([this.substitute(cb.ret, cb, elementArg, n), ...rest]) };
        }
      }
    }
    if (mapped && !this.ruleSafe('assumeSafeFunctions') && !this.onlyAssignments()) return mapped.t;
    if (this.ruleSafe('assumeSafeFunctions') || this.onlyAssignments()) return null;
    // default: what goes in comes out (arguments and receiver), and what an inline callback
    // returns from a source (`items.map((i) => `<li>${i.name}</li>`)`, `.then((r) => r.data)`)
    return union(union(receiver, argsTaint), this.callbackSources(positional));
  }

  /** An inline callback's summary; the calling function is re-analysed when it changes. */
  private callbackSummary(fn: Node): Summary | undefined {
    this.calleesByFn.get(this.state?.fn ?? this.tree.root)?.add(fn);
    return this.summaries.get(fn);
  }

  private callbackSources(args: { node: Node }[]): Taint {
    let out: Taint = null;
    for (const a of args) {
      if (!isFunctionNode(a.node)) continue;
      const ret = this.callbackSummary(a.node)?.ret;
      const sources = ret?.filter((o) => o.kind === 'source');
      if (sources && sources.length > 0) out = union(out, sources);
    }
    return out;
  }

  private constructorFields(name: string, positional: { t: Taint }[], keyword: Map<string, { t: Taint }>): void {
    for (const [cls, methods] of this.methods) {
      const clsName = cls.get('name');
      if (!clsName || this.text(clsName) !== name) continue;
      const ctor = methods.get('__init__') ?? methods.get('constructor');
      if (!ctor) continue;
      const caller = this.state?.fn ?? this.tree.root;
      // when the constructor's summary changes, this caller runs again
      this.calleesByFn.get(caller)?.add(ctor);
      const summary = this.summaries.get(ctor);
      if (!summary) continue;
      const shift = this.py ? 1 : 0;
      let byCls = this.ctorFieldsByFn.get(caller);
      if (!byCls) this.ctorFieldsByFn.set(caller, (byCls = new Map()));
      let fields = byCls.get(cls);
      if (!fields) byCls.set(cls, (fields = new Map()));
      for (const w of summary.fields) {
        const p = summary.params.find((x) => x.index === w.param);
        const arg = p ? (keyword.get(p.name) ?? positional[w.param - shift]) : undefined;
        const t = sanitize(arg?.t ?? null, w.blocked);
        const sources = t?.filter((o) => o.kind === 'source');
        if (sources && sources.length > 0) fields.set(w.field, union(fields.get(w.field) ?? null, sources));
      }
    }
  }

  /** The callee's return origins in terms of this call's arguments. */
  private substitute(ret: Taint, summary: Summary, argFor: (p: ParamInfo) => { node: Node; t: Taint } | null, call: Node): Taint {
    if (!ret) return null;
    let out: Taint = null;
    for (const o of ret) {
      if (o.kind === 'source') {
        out = union(out, [{ ...o, trace: prependCall(o.trace, call, this.text(call)) }]);
        continue;
      }
      const p = summary.params.find((x) => x.index === o.param);
      const a = p ? argFor(p) : null;
      if (!a?.t) continue;
      let t = sanitize(a.t, o.blocked);
      t = t ? t.map((x) => ({ ...x, trace: concatTrace(x.trace, { kind: 'call', node: a.node, message: `passed to ${clip(this.text(call.get('function') ?? call))}` }, o.trace) })) : null;
      out = union(out, t);
    }
    return out;
  }

  private applySummarySinks(call: Node, summary: Summary, argFor: (p: ParamInfo) => { node: Node; t: Taint } | null): void {
    for (const s of summary.sinks) {
      const p = summary.params.find((x) => x.index === s.param);
      const a = p ? argFor(p) : null;
      if (!a?.t) continue;
      for (const o of a.t) {
        if (!liveFor(o, s.rule) || s.blocked.includes(o.rule)) continue;
        const blocked = [...new Set([...o.blocked, ...s.blocked])].sort((x, y) => x - y);
        if (blocked.includes(s.rule)) continue;
        const trace = concatTrace(o.trace, { kind: 'call', node: a.node, message: `passed to ${clip(this.text(call.get('function') ?? call))}` }, s.trace);
        if (o.kind === 'source') this.recordHit(s.rule, s.sink, { ...o, blocked, trace });
        else this.pushSummarySink({ param: o.param, rule: s.rule, blocked, sink: s.sink, trace });
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Sinks

  private sinkValue(n: Node, t: Taint, focused: boolean): Taint {
    // a sink call (`exec(...)`) is reached by its arguments; a call that is itself the focused
    // dangerous argument (`exec(path.basename(x))`) by its value, after sanitizers and summaries
    if (!focused && (n.type === 'call' || n.type === 'call_expression' || n.type === 'new_expression')) return this.argCache.get(n) ?? null;
    if (n.type === 'assignment_expression' || n.type === 'assignment' || n.type === 'augmented_assignment_expression') {
      return t;
    }
    return t;
  }

  private checkSink(n: Node, t: Taint, _env: VarEnv): void {
    const hits = this.m.sinks.get(keyOf(n));
    if (!hits) return;
    const args = this.sinkValue(n, t, false);
    for (const h of hits) {
      const value = h.focused ? t : args;
      if (value) this.reachSink(h, n, value);
    }
  }

  /** Statement-shaped sinks (`return $X`): the taint of the statement's expressions. */
  private checkSinkStatement(s: Node, env: VarEnv): void {
    const hits = this.m.sinks.get(keyOf(s));
    if (!hits || isExpressionLike(s)) return;
    if (s.type === 'expression_statement') return; // its expression is checked
    const value = this.evalAll(s.children.filter((c) => isExpressionLike(c)), new Map(env));
    if (!value) return;
    for (const h of hits) this.reachSink(h, s, value);
  }

  private reachSink(h: SinkHit, sink: Node, value: Taint): void {
    if (!value) return;
    for (const o of value) {
      if (!liveFor(o, h.rule)) continue;
      if (o.kind === 'source') {
        if (h.requires && !labelsSatisfy(h.requires, [o], h.rule)) continue;
        this.recordHit(h.rule, { kind: 'local', node: sink, env: h.env }, o);
      } else if (this.state && this.state.fn !== this.tree.root) {
        this.pushSummarySink({ param: o.param, rule: h.rule, blocked: o.blocked, sink: { kind: 'local', node: sink, env: h.env }, trace: o.trace });
      }
    }
  }

  private recordHit(rule: number, sink: SinkRef, origin: Origin): void {
    const hits = this.hitsByFn.get(this.state?.fn ?? this.tree.root);
    if (!hits) return;
    const k = `${rule}|${sinkKey(sink)}`;
    const prev = hits.get(k);
    // one finding per sink and rule: keep the shortest explanation
    if (!prev || (origin.trace?.length ?? 0) < (prev.origin.trace?.length ?? 0)) hits.set(k, { rule, sink, origin });
  }

  /** Record that a parameter reaches a sink (once per parameter, rule, sanitizers and sink). */
  private pushSummarySink(s: SummarySink): void {
    const st = this.state;
    if (!st) return;
    const k = `${s.param}|${s.rule}|${s.blocked.join(',')}|${sinkKey(s.sink)}`;
    if (st.sinks.some((x) => `${x.param}|${x.rule}|${x.blocked.join(',')}|${sinkKey(x.sink)}` === k)) return;
    st.sinks.push(s);
  }
}

export class TaintBudgetExceeded extends Error {
  constructor() {
    super('taint analysis exceeded its step budget on this file');
  }
}

// ---------------------------------------------------------------------------------------------

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 37)}...` : one;
}

function prependCall(trace: Trace | null, call: Node, text: string): Trace | null {
  return concatTrace(null, { kind: 'call', node: call, message: `returned by ${clip(text)}` }, trace);
}

/** prefix + step + suffix (suffix steps copied onto the new chain). */
function concatTrace(prefix: Trace | null, step: RawStep, suffix: Trace | null): Trace {
  let t: Trace = { step, prev: prefix, length: (prefix?.length ?? 0) + 1 };
  const rest: RawStep[] = [];
  for (let s = suffix; s; s = s.prev) rest.push(s.step);
  for (let i = rest.length - 1; i >= 0; i--) t = { step: rest[i], prev: t, length: t.length + 1 };
  return t;
}

function mergeInto(env: VarEnv, branches: VarEnv[]): void {
  if (branches.length === 0) return;
  const keys = new Set<string>();
  for (const b of branches) for (const k of b.keys()) keys.add(k);
  env.clear();
  for (const k of keys) {
    let t: Taint = null;
    for (const b of branches) t = union(t, b.get(k) ?? null);
    env.set(k, t);
  }
}

function sameEnv(a: VarEnv, b: VarEnv): boolean {
  const keys = new Set([...a.keys(), ...b.keys()]);
  for (const k of keys) if (!sameTaint(a.get(k) ?? null, b.get(k) ?? null)) return false;
  return true;
}

function sameSummary(a: Summary, b: Summary): boolean {
  if (!sameTaint(a.ret, b.ret)) return false;
  if (a.fields.length !== b.fields.length) return false;
  if (a.sinks.length !== b.sinks.length) return false;
  const key = (s: SummarySink) => `${s.param}|${s.rule}|${s.blocked.join(',')}|${sinkKey(s.sink)}`;
  const ka = new Set(a.sinks.map(key));
  return b.sinks.every((s) => ka.has(key(s)));
}

const STATEMENT_TYPES = new Set([
  'expression_statement', 'return_statement', 'if_statement', 'for_statement', 'for_in_statement', 'while_statement', 'do_statement',
  'try_statement', 'with_statement', 'block', 'statement_block', 'lexical_declaration', 'variable_declaration', 'decorated_definition',
  'function_definition', 'function_declaration', 'class_definition', 'class_declaration', 'export_statement', 'switch_statement',
  'match_statement', 'raise_statement', 'throw_statement', 'assert_statement', 'import_statement', 'import_from_statement',
  'pass_statement', 'break_statement', 'continue_statement', 'global_statement', 'nonlocal_statement', 'delete_statement',
  'labeled_statement', 'empty_statement', 'generator_function_declaration', 'print_statement', 'exec_statement',
  'future_import_statement', 'type_alias_statement', 'interface_declaration', 'type_alias_declaration', 'enum_declaration',
  'abstract_class_declaration', 'module', 'internal_module', 'ambient_declaration',
]);

function isStatementLike(n: Node): boolean {
  return STATEMENT_TYPES.has(n.type);
}

function isExpressionLike(n: Node): boolean {
  return !isStatementLike(n) && n.type !== 'comment';
}

function isTypeNode(n: Node): boolean {
  return n.field === 'type' || n.field === 'type_arguments' || n.field === 'return_type' || n.type === 'type_annotation' || n.type === 'type_arguments';
}

/** A constant subscript key: x["name"] / x[0]. */
function constantKey(idx: Node, text: string): string | null {
  if (idx.type === 'string') {
    const inner = text.replace(/^[rbuRBU]*(['"`])/, '').replace(/['"`]$/, '');
    return /^[\w$-]+$/.test(inner) ? inner : null;
  }
  if (idx.type === 'integer' || idx.type === 'number') return text;
  return null;
}

/** `if False:` / `if (false)`: branches that cannot run. */
function constantTruth(cond: Node, text: string): boolean | null {
  const t = text.replace(/^\(|\)$/g, '').trim();
  if (t === 'False' || t === 'false' || t === '0' || t === 'None' || t === 'null' || t === 'undefined') return false;
  if (t === 'True' || t === 'true' || t === '1') return true;
  void cond;
  return null;
}

/**
 * Label expressions of `requires:`: labels, `and`, `or`, `not`, parentheses. True when the
 * taint's live labels for the rule satisfy it.
 */
export function labelsSatisfy(expr: string, t: Taint, rule: number): boolean {
  const labels = new Set((t ?? []).filter((o) => o.kind === 'source' && liveFor(o, rule)).map((o) => o.label));
  const toks = expr.match(/\(|\)|[A-Za-z_][\w-]*/g) ?? [];
  let i = 0;
  const or = (): boolean => {
    let v = and();
    while (toks[i] === 'or') {
      i++;
      const r = and();
      v = v || r;
    }
    return v;
  };
  const and = (): boolean => {
    let v = not();
    while (toks[i] === 'and') {
      i++;
      const r = not();
      v = v && r;
    }
    return v;
  };
  const not = (): boolean => {
    if (toks[i] === 'not') {
      i++;
      return !not();
    }
    if (toks[i] === '(') {
      i++;
      const v = or();
      i++;
      return v;
    }
    return labels.has(toks[i++] ?? '');
  };
  return or();
}
