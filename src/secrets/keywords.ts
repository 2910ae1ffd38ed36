/**
 * One pass over a document finds every detector keyword (case-insensitively): an
 * Aho-Corasick automaton over ASCII with a dense transition table, so the cost is one table
 * read per character whatever the number of keywords.
 *
 * Why not a package: the npm Aho-Corasick libraries we tried segment text into Unicode
 * graphemes (Intl.Segmenter) and ran orders of magnitude slower on megabyte inputs; keywords
 * here are ASCII, so folding case in the table is all we need.
 */

const ALPHABET = 128;

export class KeywordIndex {
  readonly keywords: readonly string[];
  private table: Int32Array;
  /** For each state, the keyword ids that end there (including via failure links). */
  private outputs: (number[] | null)[];

  constructor(keywords: string[]) {
    this.keywords = keywords;
    const next: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    keywords.forEach((kw, id) => {
      if (kw.length === 0) throw new Error('empty keyword');
      let s = 0;
      for (const ch of kw.toLowerCase()) {
        const c = ch.charCodeAt(0);
        if (c >= ALPHABET) throw new Error(`keyword ${kw} is not ASCII`);
        let t = next[s].get(c);
        if (t === undefined) {
          t = next.length;
          next.push(new Map());
          out.push([]);
          next[s].set(c, t);
        }
        s = t;
      }
      out[s].push(id);
    });
    const n = next.length;
    const fail = new Int32Array(n);
    const table = new Int32Array(n * ALPHABET);
    // breadth-first: a state's failure target is always complete before the state itself
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const t = next[0].get(c);
      table[c] = t ?? 0;
      if (t !== undefined) queue.push(t);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      if (out[fail[s]].length) out[s] = out[s].concat(out[fail[s]]);
      for (let c = 0; c < ALPHABET; c++) {
        const t = next[s].get(c);
        if (t !== undefined) {
          fail[t] = table[fail[s] * ALPHABET + c];
          table[s * ALPHABET + c] = t;
          queue.push(t);
        } else table[s * ALPHABET + c] = table[fail[s] * ALPHABET + c];
      }
    }
    // fold upper case into lower case
    for (let s = 0; s < n; s++) for (let c = 65; c <= 90; c++) table[s * ALPHABET + c] = table[s * ALPHABET + c + 32];
    this.table = table;
    this.outputs = out.map((o) => (o.length ? o : null));
  }

  /**
   * Positions (start offsets) of every keyword occurrence, grouped by keyword id. Keywords
   * never span a non-ASCII character.
   */
  scan(text: string): Map<number, number[]> {
    const hits = new Map<number, number[]>();
    const { table, outputs, keywords } = this;
    let s = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= ALPHABET) {
        s = 0;
        continue;
      }
      s = table[s * ALPHABET + c];
      const o = outputs[s];
      if (o !== null) {
        for (const id of o) {
          const start = i - keywords[id].length + 1;
          const list = hits.get(id);
          if (list) list.push(start);
          else hits.set(id, [start]);
        }
      }
    }
    return hits;
  }
}
