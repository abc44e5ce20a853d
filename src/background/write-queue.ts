/**
 * All store writes of the worker run one after another. IndexedDB already serialises
 * overlapping transactions; the queue also keeps read-plan-write sequences that span two
 * transactions (capture, then labels) from interleaving, e.g. two tabs on one conversation.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
