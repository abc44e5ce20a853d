/**
 * Issue one IndexedDB request per item and wait for all of them. If issuing throws part-way
 * (e.g. a synchronous quota or clone error), the requests already issued will reject with
 * AbortError when the transaction aborts: they are marked handled here so that the one real
 * error is the only one reported.
 */
export async function forEach<T>(items: readonly T[], request: (item: T) => Promise<unknown>): Promise<void> {
  const pending: Promise<unknown>[] = [];
  for (const item of items) {
    const p = request(item);
    p.catch(() => undefined);
    pending.push(p);
  }
  await Promise.all(pending);
}
