export interface Label {
  line: number;
  kind: 'vuln' | 'safe';
  cwes: string[];
}
export interface PathLabel extends Label {
  path: string;
}
export interface Located {
  path: string;
  line: number;
  endLine?: number;
  ruleId: string;
  cwe?: string[];
}
export interface Score {
  vulnerable: number;
  safe: number;
  detected: number;
  falseAlarms: number;
  recall: number | null;
  precision: number | null;
  unlabelled: number;
  missed: string[];
  alarms: string[];
}
export function labelsOf(text: string): Label[];
export function corpusLabels(dir: string, files: string[]): Promise<PathLabel[]>;
export function score(labels: PathLabel[], findings: Located[], options?: { cweMatch?: boolean }): Score;
export function normaliseCwe(c: string): string;
