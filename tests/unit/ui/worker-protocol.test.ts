import { describe, expect, it, vi } from 'vitest';
import { unzipSync } from 'fflate';
import {
  handleWorkRequest,
  parseWorkRequest,
  parseWorkResponse,
  runInWorker,
  type JobTable,
  type WorkRequest,
  type WorkResponse,
  type WorkerLike,
} from '../../../src/ui/adapters/worker-protocol.ts';
import { WORK_JOBS } from '../../../src/ui/adapters/work-jobs.ts';
import { analyzeRouter } from '../../../src/core/router/index.ts';
import { FEATURES } from '../../../src/core/features/registry.ts';
import type { RouterReport } from '../../../src/core/router/types.ts';
import { isCancelled } from '../../../src/ui/components/cancel.ts';
import { bundle } from './fixtures.ts';

const REPORT_STUB = { summary: ['stub'] } as unknown as RouterReport;

function fakeJobs(over: Partial<JobTable> = {}): JobTable {
  return { router: () => REPORT_STUB, zip: () => new Uint8Array([1, 2, 3]), annotation: () => new Uint8Array([4]), ...over };
}

/**
 * A Worker stand-in: messages go through structuredClone (as postMessage does) into
 * handleWorkRequest, and answers come back asynchronously.
 */
function fakeWorker(jobs: JobTable, opts: { silent?: boolean; tamper?: (m: WorkResponse) => unknown } = {}) {
  const w: WorkerLike & { terminated: boolean; received: WorkRequest[] } = {
    terminated: false,
    received: [],
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    terminate() {
      this.terminated = true;
    },
    postMessage(msg) {
      const req = structuredClone(msg);
      w.received.push(req);
      if (opts.silent) return;
      setTimeout(
        () =>
          handleWorkRequest(req, jobs, (out) => {
            if (!w.terminated) w.onmessage?.({ data: structuredClone(opts.tamper ? opts.tamper(out) : out) } as MessageEvent);
          }),
        0,
      );
    },
  };
  return w;
}

describe('worker side: handleWorkRequest', () => {
  it('runs the job and posts its result, transferring zip bytes', () => {
    const post = vi.fn();
    handleWorkRequest({ id: 7, job: 'zip', bundles: [] }, fakeJobs(), post);
    expect(post).toHaveBeenCalledTimes(1);
    const [msg, transfer] = post.mock.calls[0];
    expect(msg).toEqual({ id: 7, type: 'result', result: new Uint8Array([1, 2, 3]) });
    expect(transfer).toEqual([msg.result.buffer]);
  });
  it('turns a thrown error into an error message with its text', () => {
    const post = vi.fn();
    handleWorkRequest(
      { id: 3, job: 'router', bundles: [] },
      fakeJobs({
        router: () => {
          throw new Error('singular covariance');
        },
      }),
      post,
    );
    expect(post).toHaveBeenCalledWith({ id: 3, type: 'error', message: 'singular covariance' });
  });
  it('refuses malformed requests without running anything', () => {
    const router = vi.fn(() => REPORT_STUB);
    const post = vi.fn();
    for (const raw of [null, 'x', { id: 1, job: 'eval', bundles: [] }, { id: 2, job: 'router' }, { job: 'router', bundles: [] }]) {
      handleWorkRequest(raw, fakeJobs({ router }), post);
    }
    expect(router).not.toHaveBeenCalled();
    expect(post.mock.calls.map((c) => c[0].type)).toEqual(['error', 'error', 'error', 'error', 'error']);
    expect(post.mock.calls[2][0]).toEqual({ id: 1, type: 'error', message: 'Malformed request to the background worker' });
  });
  it('throttles progress to a few messages per second', () => {
    let t = 0;
    const post = vi.fn();
    const zip: JobTable['zip'] = (_b, onProgress) => {
      for (let i = 1; i <= 10; i++) {
        t += 30;
        onProgress({ done: i, total: 10 });
      }
      return new Uint8Array(1);
    };
    handleWorkRequest({ id: 1, job: 'zip', bundles: [] }, fakeJobs({ zip }), post, () => t);
    const progress = post.mock.calls
      .map((c) => c[0])
      .filter((m) => m.type === 'progress')
      .map((m) => m.progress.done);
    expect(progress).toEqual([1, 5, 9]); // 30 ms apart → one every ≥100 ms
  });
});

describe('page side: parseWorkResponse', () => {
  it('accepts the three message kinds and rejects anything else', () => {
    expect(parseWorkResponse({ id: 1, type: 'progress', progress: { done: 2, total: null } })).toEqual({
      id: 1,
      type: 'progress',
      progress: { done: 2, total: null },
    });
    expect(parseWorkResponse({ id: 1, type: 'error', message: 'x' })).toEqual({ id: 1, type: 'error', message: 'x' });
    expect(parseWorkResponse({ id: 1, type: 'result', result: new Uint8Array(2) })?.type).toBe('result');
    for (const bad of [
      null,
      {},
      { id: '1', type: 'error', message: 'x' },
      { id: 1, type: 'error' },
      { id: 1, type: 'progress', progress: { done: 'a', total: 1 } },
      { id: 1, type: 'result', result: 5 },
    ]) {
      expect(parseWorkResponse(bad)).toBeNull();
    }
    expect(parseWorkRequest({ id: 1, job: 'zip', bundles: [] })).toEqual({ id: 1, job: 'zip', bundles: [] });
  });
});

describe('page side: runInWorker', () => {
  it('resolves with the result, reports progress, and terminates the worker', async () => {
    const zip: JobTable['zip'] = (_b, onProgress) => {
      onProgress({ done: 1, total: 4 });
      return new Uint8Array([9]);
    };
    const w = fakeWorker(fakeJobs({ zip }));
    const onProgress = vi.fn();
    const bytes = await runInWorker(() => w, 'zip', [bundle()], onProgress, new AbortController().signal);
    expect(Array.from(bytes)).toEqual([9]);
    expect(onProgress).toHaveBeenCalledWith({ done: 1, total: 4 });
    expect(w.received[0]).toMatchObject({ job: 'zip', bundles: [bundle()] });
    expect(w.terminated).toBe(true);
  });
  it('rejects with the worker’s error message', async () => {
    const w = fakeWorker(
      fakeJobs({
        router: () => {
          throw new Error('too few replies');
        },
      }),
    );
    await expect(
      runInWorker(
        () => w,
        'router',
        [],
        () => {},
        new AbortController().signal,
      ),
    ).rejects.toThrow('too few replies');
    expect(w.terminated).toBe(true);
  });
  it('Cancel terminates a running worker and rejects as cancelled', async () => {
    const w = fakeWorker(fakeJobs(), { silent: true });
    const ac = new AbortController();
    const p = runInWorker(
      () => w,
      'router',
      [],
      () => {},
      ac.signal,
    );
    expect(w.terminated).toBe(false);
    ac.abort();
    const err = await p.catch((e: unknown) => e);
    expect(isCancelled(err)).toBe(true);
    expect(w.terminated).toBe(true);
  });
  it('does not start a worker when already cancelled', async () => {
    const spawn = vi.fn(() => fakeWorker(fakeJobs()));
    const ac = new AbortController();
    ac.abort();
    await expect(runInWorker(spawn, 'router', [], () => {}, ac.signal)).rejects.toThrow('Cancelled');
    expect(spawn).not.toHaveBeenCalled();
  });
  it('ignores answers for another request id', async () => {
    const w = fakeWorker(fakeJobs(), { tamper: (m) => ({ ...m, id: m.id + 1000 }) });
    const ac = new AbortController();
    const p = runInWorker(
      () => w,
      'router',
      [],
      () => {},
      ac.signal,
    );
    await new Promise((r) => setTimeout(r, 20));
    ac.abort();
    await expect(p).rejects.toThrow('Cancelled');
  });
  it('a worker that fails to load rejects with the load error', async () => {
    const w = fakeWorker(fakeJobs(), { silent: true });
    const p = runInWorker(
      () => w,
      'zip',
      [],
      () => {},
      new AbortController().signal,
    );
    w.onerror?.({ message: 'Failed to load worker script', preventDefault() {} } as ErrorEvent);
    await expect(p).rejects.toThrow('Failed to load worker script');
    expect(w.terminated).toBe(true);
  });
});

describe('the real jobs through the protocol (structured clone both ways)', () => {
  it('router: same report as calling analyzeRouter directly', async () => {
    const bundles = [bundle({ text: 'Sure. Here is a plain answer.' }), bundle({ text: 'OMG!!! 🎉 This is SO fun, let us party!!!' })];
    const direct = analyzeRouter(bundles, { featureLabels: Object.fromEntries(FEATURES.map((f) => [f.name, f.label])) });
    const viaWorker = await runInWorker(
      () => fakeWorker(WORK_JOBS),
      'router',
      bundles,
      () => {},
      new AbortController().signal,
    );
    expect(viaWorker).toEqual(direct);
  });
  it('zip: a real archive with the four formats', async () => {
    const bytes = await runInWorker(
      () => fakeWorker(WORK_JOBS),
      'zip',
      [bundle()],
      () => {},
      new AbortController().signal,
    );
    expect(Object.keys(unzipSync(bytes)).sort()).toEqual([
      'persona-observatory.csv',
      'persona-observatory.json',
      'persona-observatory.jsonl',
      'persona-observatory.md',
    ]);
  });
});

describe('coreApi without Worker (in-thread fallback)', () => {
  it('exports a zip on this thread, and an already-cancelled run does not start', async () => {
    expect(typeof Worker).toBe('undefined');
    const { coreApi } = await import('../../../src/ui/adapters/core.ts');
    const blob = await coreApi.exportBundles([bundle()], 'zip', () => {}, new AbortController().signal);
    expect(Object.keys(unzipSync(new Uint8Array(await blob.arrayBuffer())))).toHaveLength(4);
    const ac = new AbortController();
    ac.abort();
    const err = await coreApi.analyzeRouter([bundle()], ac.signal).catch((e: unknown) => e);
    expect(isCancelled(err)).toBe(true);
  });
});
