export interface Goal {
  goal: string;
  target: string;
  measured: string | null;
  status: 'met' | 'missed' | 'not measured';
  detail: string;
}
export function evaluateGoals(results: unknown): Goal[];
export function renderReport(results: unknown): string;
export function redactPaths(text: string): string;
