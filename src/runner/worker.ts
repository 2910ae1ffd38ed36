/**
 * Worker thread entry (piscina): builds its scanner once from workerData, then scans targets.
 */
import { workerData } from 'node:worker_threads';
import type { FileResult } from '../core/types.js';
import type { Target } from '../files/walk.js';
import '../capabilities.js';
import { createTaskState, scanTarget, type TaskContext, type TaskState } from './task.js';

let state: Promise<TaskState> | null = null;

export default async function scan(target: Target): Promise<FileResult> {
  state ??= createTaskState(workerData as TaskContext);
  return scanTarget(await state, target);
}
