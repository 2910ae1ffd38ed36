/**
 * Worker thread entry (piscina): builds its scanner once from workerData, then scans targets.
 */
import { workerData } from 'node:worker_threads';
import type { ScannedFile } from '../core/scanner.js';
import '../capabilities.js';
import { createTaskState, runTask, type Task, type TaskContext, type TaskState } from './task.js';

let state: Promise<TaskState> | null = null;

export default async function run(task: Task): Promise<ScannedFile> {
  state ??= createTaskState(workerData as TaskContext);
  return runTask(await state, task);
}
