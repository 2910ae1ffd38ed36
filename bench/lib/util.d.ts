export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}
export function median(xs: number[]): number | null;
export function percentile(xs: number[], p: number): number | null;
export function summarize(xs: number[]): Summary | null;
export function countLines(text: string): number;
export function listFiles(dir: string, filter?: (rel: string) => boolean): Promise<string[]>;
