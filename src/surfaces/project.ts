/**
 * The project's own rule choice for surfaces that run inside a project (hooks, MCP server):
 * `--config` when given, else `.redpen.yml`'s rules and secrets setting (REDPEN_ENV applies
 * where it names an environment), else the recommended pack.
 */
import { effectivePolicy, findConfig, loadProjectConfig } from '../config/project.js';

export interface ProjectRules {
  config: string[];
  secrets: boolean;
  /** Dependency checks (`dependencies: false` in .redpen.yml turns them off). */
  dependencies: boolean;
}

export async function projectRules(start: string, explicit?: string[]): Promise<ProjectRules> {
  const file = await findConfig(start);
  const project = file ? await loadProjectConfig(file) : {};
  const envVar = process.env.REDPEN_ENV;
  const policy = effectivePolicy(project, envVar && project.environments?.[envVar] ? envVar : undefined);
  return { config: explicit?.length ? explicit : (policy.rules ?? ['recommended']), secrets: policy.secrets !== false, dependencies: policy.dependencies !== false };
}
