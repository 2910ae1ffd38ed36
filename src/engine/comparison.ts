/**
 * The expression language of `metavariable-comparison` (a Python subset, as Semgrep's):
 * numbers, strings, metavariables, `and`/`or`/`not`, comparisons (chained), `in`/`not in`,
 * arithmetic, lists, and the functions int(), float(), str(), len(), re.match(), today(),
 * strptime(). Parsed once per rule; evaluated per match.
 */

import { RuleRegex } from './regex.js';

/** re.match regexes of comparisons, compiled once (a comparison runs per candidate match). */
const matchRegexes = new Map<string, RuleRegex>();

export type Value = number | string | boolean | null | Value[];

type Expr =
  | { t: 'lit'; v: Value }
  | { t: 'mv'; name: string }
  | { t: 'name'; name: string }
  | { t: 'list'; items: Expr[] }
  | { t: 'un'; op: string; e: Expr }
  | { t: 'bin'; op: string; l: Expr; r: Expr }
  | { t: 'cmp'; ops: string[]; es: Expr[] }
  | { t: 'call'; fn: string; args: Expr[] };

export class ComparisonError extends Error {}

function tokenize(src: string): string[] {
  const re = /\s*(?:(\d+\.\d*|\d*\.\d+|0[xob][0-9a-f]+|\d+)|("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|(\$[A-Z_][A-Z0-9_]*)|([A-Za-z_][\w.]*)|(==|!=|<=|>=|\*\*|[-+*/%<>()[\],]))/giy;
  const out: string[] = [];
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < src.length) {
    re.lastIndex = pos;
    m = re.exec(src);
    if (!m || m[0].length === 0) {
      if (/^\s*$/.test(src.slice(pos))) break;
      throw new ComparisonError(`unexpected ${JSON.stringify(src.slice(pos, pos + 10))} in comparison`);
    }
    out.push(m[0].trim());
    pos = re.lastIndex;
  }
  return out;
}

export function parseComparison(src: string): Expr {
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i];
  const next = () => toks[i++];
  const expect = (t: string) => {
    if (toks[i] !== t) throw new ComparisonError(`expected ${t} in comparison ${JSON.stringify(src)}`);
    i++;
  };
  const or = (): Expr => {
    let l = and();
    while (peek() === 'or') {
      next();
      l = { t: 'bin', op: 'or', l, r: and() };
    }
    return l;
  };
  const and = (): Expr => {
    let l = not();
    while (peek() === 'and') {
      next();
      l = { t: 'bin', op: 'and', l, r: not() };
    }
    return l;
  };
  const not = (): Expr => {
    if (peek() === 'not') {
      next();
      return { t: 'un', op: 'not', e: not() };
    }
    return cmp();
  };
  const CMP = new Set(['==', '!=', '<', '<=', '>', '>=', 'in', 'not']);
  const cmp = (): Expr => {
    const es = [sum()];
    const ops: string[] = [];
    while (peek() !== undefined && CMP.has(peek()!)) {
      let op = next()!;
      if (op === 'not') {
        expect('in');
        op = 'not in';
      }
      ops.push(op);
      es.push(sum());
    }
    return ops.length === 0 ? es[0] : { t: 'cmp', ops, es };
  };
  const sum = (): Expr => {
    let l = term();
    while (peek() === '+' || peek() === '-') {
      const op = next()!;
      l = { t: 'bin', op, l, r: term() };
    }
    return l;
  };
  const term = (): Expr => {
    let l = unary();
    while (peek() === '*' || peek() === '/' || peek() === '%') {
      const op = next()!;
      l = { t: 'bin', op, l, r: unary() };
    }
    return l;
  };
  const unary = (): Expr => {
    if (peek() === '-') {
      next();
      return { t: 'un', op: '-', e: unary() };
    }
    return atom();
  };
  const atom = (): Expr => {
    const t = next();
    if (t === undefined) throw new ComparisonError(`comparison ${JSON.stringify(src)} ends too early`);
    if (t === '(') {
      const e = or();
      expect(')');
      return e;
    }
    if (t === '[') {
      const items: Expr[] = [];
      while (peek() !== ']') {
        items.push(or());
        if (peek() === ',') next();
        else break;
      }
      expect(']');
      return { t: 'list', items };
    }
    if (/^["']/.test(t)) return { t: 'lit', v: t.slice(1, -1).replace(/\\(.)/g, '$1') };
    if (/^[\d.]/.test(t)) return { t: 'lit', v: Number(t) };
    if (t.startsWith('$')) return { t: 'mv', name: t };
    if (t === 'True' || t === 'true') return { t: 'lit', v: true };
    if (t === 'False' || t === 'false') return { t: 'lit', v: false };
    if (t === 'None') return { t: 'lit', v: null };
    if (/^[A-Za-z_]/.test(t)) {
      if (peek() === '(') {
        next();
        const args: Expr[] = [];
        while (peek() !== ')') {
          args.push(or());
          if (peek() === ',') next();
          else break;
        }
        expect(')');
        return { t: 'call', fn: t, args };
      }
      return { t: 'name', name: t };
    }
    throw new ComparisonError(`unexpected ${t} in comparison ${JSON.stringify(src)}`);
  };
  const e = or();
  if (i !== toks.length) throw new ComparisonError(`unexpected ${toks[i]} in comparison ${JSON.stringify(src)}`);
  return e;
}

/** Value of a metavariable: its literal value where it is a literal, else its text. */
export type MetavarValue = (name: string) => Value | undefined;

function num(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const n = parseIntLiteral(v);
    if (n !== null) return n;
  }
  throw new ComparisonError(`${JSON.stringify(v)} is not a number`);
}

export function parseIntLiteral(s: string, base?: number): number | null {
  const t = s.trim().replace(/_/g, '');
  if (base) {
    const n = parseInt(t.replace(/^0[xob]/i, ''), base);
    return Number.isNaN(n) ? null : n;
  }
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t.slice(2), 16);
  if (/^0[oO][0-7]+$/.test(t)) return parseInt(t.slice(2), 8);
  if (/^0[bB][01]+$/.test(t)) return parseInt(t.slice(2), 2);
  if (/^0[0-7]+$/.test(t)) return parseInt(t.slice(1), 8); // legacy octal (JS `0755`, Python 2)
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(t)) return Number(t);
  return null;
}

export function evaluate(e: Expr, mv: MetavarValue): Value {
  switch (e.t) {
    case 'lit':
      return e.v;
    case 'mv': {
      const v = mv(e.name);
      if (v === undefined) throw new ComparisonError(`metavariable ${e.name} is not bound`);
      return v;
    }
    case 'name':
      throw new ComparisonError(`unknown name ${e.name} in comparison`);
    case 'list':
      return e.items.map((x) => evaluate(x, mv));
    case 'un': {
      const v = evaluate(e.e, mv);
      return e.op === 'not' ? !truthy(v) : -num(v);
    }
    case 'bin': {
      if (e.op === 'and') return truthy(evaluate(e.l, mv)) && truthy(evaluate(e.r, mv));
      if (e.op === 'or') return truthy(evaluate(e.l, mv)) || truthy(evaluate(e.r, mv));
      const l = evaluate(e.l, mv);
      const r = evaluate(e.r, mv);
      if (e.op === '+' && typeof l === 'string' && typeof r === 'string') return l + r;
      const a = num(l);
      const b = num(r);
      switch (e.op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
        case '%': return a % b;
      }
      throw new ComparisonError(`unknown operator ${e.op}`);
    }
    case 'cmp': {
      let left = evaluate(e.es[0], mv);
      for (let i = 0; i < e.ops.length; i++) {
        const right = evaluate(e.es[i + 1], mv);
        if (!compare(e.ops[i], left, right)) return false;
        left = right;
      }
      return true;
    }
    case 'call':
      return call(e.fn, e.args.map((a) => evaluate(a, mv)));
  }
}

function truthy(v: Value): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return Boolean(v);
}

function compare(op: string, l: Value, r: Value): boolean {
  switch (op) {
    case 'in':
      return Array.isArray(r) ? r.some((x) => equal(x, l)) : typeof r === 'string' && typeof l === 'string' && r.includes(l);
    case 'not in':
      return !compare('in', l, r);
    case '==':
      return equal(l, r);
    case '!=':
      return !equal(l, r);
  }
  const [a, b] = typeof l === 'string' && typeof r === 'string' ? [l, r] : [num(l), num(r)];
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
  }
  throw new ComparisonError(`unknown comparison ${op}`);
}

function equal(a: Value, b: Value): boolean {
  if (typeof a === 'number' || typeof b === 'number') {
    try {
      return num(a) === num(b);
    } catch {
      return false;
    }
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

function call(fn: string, args: Value[]): Value {
  switch (fn) {
    case 'int': {
      const n = typeof args[0] === 'string' ? parseIntLiteral(args[0], typeof args[1] === 'number' ? args[1] : undefined) : num(args[0]);
      if (n === null) throw new ComparisonError(`int(${JSON.stringify(args[0])}) is not a number`);
      return Math.trunc(n);
    }
    case 'float':
      return num(args[0]);
    case 'str':
      return String(args[0]);
    case 'len':
      return Array.isArray(args[0]) || typeof args[0] === 'string' ? args[0].length : 0;
    case 're.match': {
      const [re, s] = args;
      if (typeof re !== 'string' || typeof s !== 'string') return false;
      // the rule's (Python) regex dialect, inline flags included, anchored as re.match is
      let rr = matchRegexes.get(re);
      if (!rr) matchRegexes.set(re, (rr = RuleRegex.compile(re, { anchored: true })));
      return rr.test(s);
    }
    case 'today':
      return Math.floor(Date.now() / 86_400_000);
    case 'strptime': {
      const t = Date.parse(String(args[0]));
      if (Number.isNaN(t)) throw new ComparisonError(`strptime cannot read ${JSON.stringify(args[0])}`);
      return Math.floor(t / 86_400_000);
    }
  }
  throw new ComparisonError(`unknown function ${fn}() in comparison`);
}
