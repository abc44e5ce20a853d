/**
 * When the capture controller scans: a debounced poke (trailing, with a max wait so a long
 * stream still gets looked at), a one-shot re-check when a turn's quiet period ends, and the
 * continuation of a paused (time-sliced) scan in the page's idle time. Nothing else: when the
 * page is idle no timer is pending.
 */

export interface TimerApi {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
  /**
   * Run `fn` when the page is idle, with the idle time left in ms (requestIdleCallback, with a
   * timeout so a busy page still gets read). Optional: without it a paused scan resumes in the
   * next task.
   */
  idle?(fn: (budgetMs: number) => void): unknown;
  cancelIdle?(handle: unknown): void;
}

/** A paused scan waits at most this long for the page to go idle before it resumes anyway. */
const IDLE_TIMEOUT_MS = 500;
/** Shortest reading slice, even when an idle period has (almost) no time left: the scan must progress. */
const MIN_SLICE_MS = 4;

const idleApi = globalThis as {
  requestIdleCallback?: (fn: (d: { timeRemaining(): number }) => void, o?: { timeout: number }) => number;
  cancelIdleCallback?: (h: number) => void;
};

export const defaultTimers: TimerApi = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
  ...(idleApi.requestIdleCallback && idleApi.cancelIdleCallback
    ? {
        idle: (fn: (budgetMs: number) => void) => idleApi.requestIdleCallback!((d) => fn(d.timeRemaining()), { timeout: IDLE_TIMEOUT_MS }),
        cancelIdle: (h: unknown) => idleApi.cancelIdleCallback!(h as number),
      }
    : {}),
};

export interface ScanScheduler {
  /** Something changed: scan after the debounce (or now-ish, once maxWaitMs has passed since the first poke). */
  poke(): void;
  /** Scan again after `delayMs` (replaces an earlier re-check). */
  recheck(delayMs: number): void;
  /** A scan paused: continue it when the page is idle, for the idle time left (at most sliceMs). */
  resume(): void;
  /** Cancel everything pending. */
  cancel(): void;
}

export interface SchedulerOptions {
  debounceMs: number;
  maxWaitMs: number;
  sliceMs: number;
}

export function createScanScheduler(timers: TimerApi, o: SchedulerOptions, scan: (budgetMs: number) => void): ScanScheduler {
  let debounceHandle: unknown = null;
  let firstPokeAt: number | null = null;
  let recheckHandle: unknown = null;
  let resumeHandle: unknown = null;

  function cancelResume(): void {
    if (resumeHandle === null) return;
    if (timers.idle) timers.cancelIdle?.(resumeHandle);
    else timers.clearTimeout(resumeHandle);
    resumeHandle = null;
  }

  return {
    poke() {
      const now = timers.now();
      if (firstPokeAt === null) firstPokeAt = now;
      if (debounceHandle !== null) timers.clearTimeout(debounceHandle);
      const wait = now - firstPokeAt >= o.maxWaitMs ? 0 : o.debounceMs;
      debounceHandle = timers.setTimeout(() => {
        debounceHandle = null;
        firstPokeAt = null;
        scan(o.sliceMs);
      }, wait);
    },
    recheck(delayMs) {
      if (recheckHandle !== null) timers.clearTimeout(recheckHandle);
      recheckHandle = timers.setTimeout(
        () => {
          recheckHandle = null;
          scan(o.sliceMs);
        },
        Math.max(0, delayMs),
      );
    },
    resume() {
      // One continuation at a time; without an idle API, in the next task.
      if (resumeHandle !== null) return;
      if (timers.idle) {
        resumeHandle = timers.idle((budget) => {
          resumeHandle = null;
          scan(Math.max(MIN_SLICE_MS, Math.min(o.sliceMs, budget)));
        });
        return;
      }
      resumeHandle = timers.setTimeout(() => {
        resumeHandle = null;
        scan(o.sliceMs);
      }, 0);
    },
    cancel() {
      if (debounceHandle !== null) timers.clearTimeout(debounceHandle);
      if (recheckHandle !== null) timers.clearTimeout(recheckHandle);
      cancelResume();
      debounceHandle = null;
      recheckHandle = null;
      firstPokeAt = null;
    },
  };
}
