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
