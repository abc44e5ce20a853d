/**
 * Dedicated Web Worker entry for the dashboard's heavy jobs (router analysis, zip export), so
 * the page stays responsive and Cancel can terminate the work. Protocol: worker-protocol.ts.
 * Started from core.ts with Vite's `new Worker(new URL(...), { type: 'module' })` pattern, which
 * emits it as its own file under assets/ (allowed by the extension CSP `script-src 'self'`).
 */
import { handleWorkRequest } from './worker-protocol.ts';
import { WORK_JOBS } from './work-jobs.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (ev: MessageEvent) => {
  handleWorkRequest(ev.data, WORK_JOBS, (msg, transfer) => scope.postMessage(msg, transfer ?? []));
};
