/**
 * Write failures. Every write runs in one transaction that is aborted on any error, so a failed
 * write leaves what was stored before untouched; the caller (the worker) then pauses capture
 * and shows `StoreWriteError.message` in the popup.
 */
export type WriteFailureKind = 'quota' | 'other';

export class StoreWriteError extends Error {
  readonly kind: WriteFailureKind;
  constructor(kind: WriteFailureKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreWriteError';
    this.kind = kind;
  }
}

function errorName(e: unknown): string {
  if (e && typeof e === 'object') {
    const name = (e as { name?: unknown }).name;
    if (typeof name === 'string' && name !== 'AbortError') return name;
    // An aborted transaction reports the cause in its own `error`.
    const inner = (e as { error?: unknown }).error;
    if (inner && typeof inner === 'object') return errorName(inner);
    if (typeof name === 'string') return name;
  }
  return 'Error';
}

export function isQuotaError(e: unknown): boolean {
  const name = errorName(e);
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

export function toStoreWriteError(e: unknown): StoreWriteError {
  if (e instanceof StoreWriteError) return e;
  if (isQuotaError(e)) {
    return new StoreWriteError(
      'quota',
      'Browser storage for this extension is full (quota exceeded). Capture is paused; nothing already stored was changed. ' +
        'Delete some conversations, then resume capture.',
      { cause: e },
    );
  }
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new StoreWriteError('other', `Could not write to the local store (${detail}). Capture is paused; nothing already stored was changed.`, { cause: e });
}

/**
 * Run `body` inside `tx` and wait for the commit. Any error aborts the whole transaction
 * (all or nothing) and is rethrown as a StoreWriteError.
 */
export interface AbortableTransaction {
  readonly done: Promise<void>;
  abort(): void;
}

export async function commitOrAbort<T>(tx: AbortableTransaction, body: () => Promise<T>): Promise<T> {
  try {
    const result = await body();
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      /* already aborted or finished */
    }
    await tx.done.catch(() => undefined);
    throw toStoreWriteError(error);
  }
}

/**
 * commitOrAbort for writes that may refuse their input (a missing turn, a file that does not
 * match the store): the transaction is aborted all the same, but a refusal is rethrown as itself,
 * not as a StoreWriteError, so the worker answers "refused" instead of pausing capture.
 */
export async function commitOrRefuse<T>(tx: AbortableTransaction, body: () => Promise<T>, isRefusal: (e: unknown) => boolean): Promise<T> {
  try {
    return await commitOrAbort(tx, body);
  } catch (error) {
    if (error instanceof StoreWriteError && isRefusal(error.cause)) throw error.cause;
    throw error;
  }
}
