interface Req {
  q: string;
}

function typed(req: Req): void {
  const v: string = source() as string;
  // ruleid: taint.js-flow
  sink(v!);
  const n: number = 3;
  // ok: taint.js-flow
  sink(n);
}

export async function handler(): Promise<void> {
  const data = (await source()) satisfies unknown;
  // ruleid: taint.js-flow
  sink(data);
}

// an injected collaborator's method, defined by exactly one other class of the file
class NotesService {
  search(term: string) {
    // ruleid: taint.js-flow
    sink(term);
  }
  label(term: string) {
    return `[${term}]`;
  }
  fixed(term: string) {
    return 'fixed';
  }
}

class OtherService {
  label(term: string) {
    return 'fixed';
  }
}

class NotesController {
  constructor(private readonly notes: NotesService, private readonly other: OtherService) {}
  find() {
    this.notes.search(source());
    // ruleid: taint.js-flow
    sink(this.notes.label(source()));
    // ok: taint.js-flow
    sink(this.notes.fixed(source()));
  }
}
