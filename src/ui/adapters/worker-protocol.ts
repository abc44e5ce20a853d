/**
 * The postMessage protocol between the dashboard and its background worker (core.worker.ts),
 * which runs the heavy synchronous core functions (router analysis, zip export) off the page's
 * main thread. One request per worker run: the page sends `{ id, job, bundles }`; the worker
 * answers with any number of `progress` messages, then exactly one `result` or `error`.
 * Cancel = terminate the worker (a synchronous core call cannot be interrupted any other way).
 *
 * Both sides live here as plain functions so they are unit-tested without a real Worker.
 * This file imports only types: the worker's job table (work-jobs.ts) is injected.
 */
import type { ConversationBundle } from '../../core/model/types.ts';
import type { RouterReport } from '../../core/router/types.ts';
import { CancelledError } from '../components/cancel.ts';
import type { ProgressReport } from './services.ts';

/** What each job returns. */
export interface WorkResults {
  router: RouterReport;
  zip: Uint8Array;
  /** The annotation-tools zip (Label Studio, Argilla, Prodigy, Hugging Face). */
  annotation: Uint8Array;
}
export type JobName = keyof WorkResults;
const JOB_NAMES: readonly JobName[] = ['router', 'zip', 'annotation'];

export interface WorkRequest {
  id: number;
  job: JobName;
  bundles: ConversationBundle[];
}

export type WorkResponse =
  | { id: number; type: 'progress'; progress: ProgressReport }
  | { id: number; type: 'result'; result: WorkResults[JobName] }
  | { id: number; type: 'error'; message: string };

/** A job as the worker runs it: synchronous, may report progress. */
export type JobTable = { [J in JobName]: (bundles: ConversationBundle[], onProgress: (p: ProgressReport) => void) => WorkResults[J] };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

export function parseWorkRequest(raw: unknown): WorkRequest | null {
  if (!isRecord(raw) || typeof raw.id !== 'number' || !Array.isArray(raw.bundles)) return null;
  if (!JOB_NAMES.includes(raw.job as JobName)) return null;
  return { id: raw.id, job: raw.job as JobName, bundles: raw.bundles as ConversationBundle[] };
}

export function parseWorkResponse(raw: unknown): WorkResponse | null {
  if (!isRecord(raw) || typeof raw.id !== 'number') return null;
  if (
    raw.type === 'progress' &&
    isRecord(raw.progress) &&
    typeof raw.progress.done === 'number' &&
    (raw.progress.total === null || typeof raw.progress.total === 'number')
  ) {
    return { id: raw.id, type: 'progress', progress: { done: raw.progress.done, total: raw.progress.total } };
  }
  if (raw.type === 'result' && isRecord(raw.result)) return { id: raw.id, type: 'result', result: raw.result as unknown as WorkResults[JobName] };
  if (raw.type === 'error' && typeof raw.message === 'string') return { id: raw.id, type: 'error', message: raw.message };
  return null;
}

/** Fewest milliseconds between two progress messages (the page only needs a few per second). */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Worker side: runs one request and posts its progress and outcome. Never throws: a bad
 * request or a failing job becomes an `error` message carrying the message text.
 */
export function handleWorkRequest(
  raw: unknown,
  jobs: JobTable,
  post: (msg: WorkResponse, transfer?: Transferable[]) => void,
  now: () => number = Date.now,
): void {
  const req = parseWorkRequest(raw);
  if (!req) {
    post({ id: isRecord(raw) && typeof raw.id === 'number' ? raw.id : -1, type: 'error', message: 'Malformed request to the background worker' });
    return;
  }
  let last = -Infinity;
  const onProgress = (progress: ProgressReport) => {
    const t = now();
    if (t - last < PROGRESS_INTERVAL_MS) return;
    last = t;
    post({ id: req.id, type: 'progress', progress });
  };
  try {
    const result = jobs[req.job](req.bundles, onProgress);
    // Zip bytes move to the page instead of being copied.
    post({ id: req.id, type: 'result', result }, result instanceof Uint8Array ? [result.buffer as ArrayBuffer] : []);
  } catch (err) {
    post({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

/** The part of `Worker` the page side uses (tests pass a fake). */
export interface WorkerLike {
  postMessage(msg: WorkRequest): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
  onmessageerror: ((ev: MessageEvent) => void) | null;
}

let nextId = 1;

/**
 * Page side: starts a fresh worker for one job and settles with its result. Aborting the
 * signal terminates the worker at once and rejects with CancelledError; a worker `error`
 * message rejects with an Error carrying the worker's message. The worker is always terminated.
 */
export function runInWorker<J extends JobName>(
  spawn: () => WorkerLike,
  job: J,
  bundles: ConversationBundle[],
  onProgress: (p: ProgressReport) => void,
  signal: AbortSignal,
): Promise<WorkResults[J]> {
  return new Promise<WorkResults[J]>((resolve, reject) => {
    if (signal.aborted) {
      reject(new CancelledError());
      return;
    }
    const id = nextId++;
    const worker = spawn();
    const finish = (settle: () => void) => {
      signal.removeEventListener('abort', onAbort);
      worker.onmessage = worker.onerror = worker.onmessageerror = null;
      worker.terminate();
      settle();
    };
    const onAbort = () => finish(() => reject(new CancelledError()));
    signal.addEventListener('abort', onAbort);
    worker.onmessage = (ev) => {
      const msg = parseWorkResponse(ev.data);
      if (!msg || msg.id !== id) return;
      if (msg.type === 'progress') onProgress(msg.progress);
      else if (msg.type === 'result') finish(() => resolve(msg.result as WorkResults[J]));
      else finish(() => reject(new Error(msg.message)));
    };
    worker.onerror = (ev) => {
      ev.preventDefault?.();
      finish(() => reject(new Error(ev.message || 'The background worker failed to start')));
    };
    worker.onmessageerror = () => finish(() => reject(new Error('The background worker sent an unreadable message')));
    worker.postMessage({ id, job, bundles });
  });
}
