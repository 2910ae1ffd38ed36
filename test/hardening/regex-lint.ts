/**
 * A structural lint for regexes that must run in linear time on any input. Two properties:
 * no quantified group (repeated more than once) that itself contains a quantifier (the shape of
 * exponential backtracking, `(a+)+`), and, for the patterns that run at every keyword of every
 * file (`bounded`), no unbounded quantifier at all (`*`, `+`, `{n,}`), so one attempt reads a
 * bounded number of characters. The ReDoS analysis (test/hardening/redos.test.ts) is the
 * semantic check; this one is cheap, exact about what it checks, and needs no time limit.
 */
export function lintRegex(source: string, options: { bounded?: boolean } = {}): string[] {
  const bounded = options.bounded ?? true;
  const problems: string[] = [];
  const groups: { hasQuant: boolean }[] = [];
  let i = 0;
  let inClass = false;
  const quantAt = (j: number): { len: number; max: number } | null => {
    const c = source[j];
    if (c === '*' || c === '+') return { len: 1, max: Infinity };
    if (c === '?') return { len: 1, max: 1 };
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(j));
      if (!m) return null;
      return { len: m[0].length, max: m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]) };
    }
    return null;
  };
  const afterAtom = (j: number, wasGroup: { hasQuant: boolean } | null): number => {
    const q = quantAt(j);
    if (!q) return j;
    if (bounded && q.max === Infinity) problems.push(`unbounded quantifier at ${j}`);
    if (wasGroup?.hasQuant && q.max > 1) problems.push(`nested quantifier at ${j}`);
    if (groups.length) groups[groups.length - 1].hasQuant = true;
    let k = j + q.len;
    if (source[k] === '?') k++;
    return k;
  };
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      i = afterAtom(i + 2, null);
      continue;
    }
    if (inClass) {
      if (c === ']') {
        inClass = false;
        i = afterAtom(i + 1, null);
      } else i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      i++;
      if (source[i] === '^') i++;
      if (source[i] === ']') i++;
      continue;
    }
    if (c === '(') {
      groups.push({ hasQuant: false });
      i++;
      if (source[i] === '?') {
        const m = /^\?(:|=|!|<=|<!|<[A-Za-z]\w*>)/.exec(source.slice(i));
        i += m ? m[0].length : 1;
      }
      continue;
    }
    if (c === ')') {
      const g = groups.pop()!;
      const k = afterAtom(i + 1, g);
      if (g.hasQuant && groups.length) groups[groups.length - 1].hasQuant = true;
      i = k;
      continue;
    }
    i = afterAtom(i + 1, null);
  }
  return problems;
}
