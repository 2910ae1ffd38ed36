export interface PluginSection {
  name: string;
  title?: string;
  file: string;
  markdown?: string;
  json?: unknown;
  error?: string;
  ms?: number;
}
export interface LoadedPlugin {
  name: string;
  title?: string;
  file: string;
  run(ctx: unknown): unknown;
}
export function pluginFiles(): Promise<string[]>;
export function loadPlugin(file: string): Promise<LoadedPlugin>;
export function runPlugins(ctx: unknown, files?: string[] | null): Promise<PluginSection[]>;
