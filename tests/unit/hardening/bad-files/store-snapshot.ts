/**
 * Serialise every object store of an IndexedDB database (keys and values, in key order) to one
 * string, so "the store is unchanged" is a plain string comparison. Values the JSON form would
 * lose (undefined, NaN, ±Infinity) are written as tagged strings.
 */
function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function replacer(_key: string, value: unknown): unknown {
  if (value === undefined) return '\u0000undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return `\u0000${String(value)}`;
  return value;
}

/** Takes the raw IDBDatabase (idb's `unwrap(db)`), so any schema works. */
export async function serialiseStores(db: IDBDatabase): Promise<string> {
  const names = Array.from(db.objectStoreNames).sort();
  const tx = db.transaction(names, 'readonly');
  const parts: Record<string, { keys: unknown[]; values: unknown[] }> = {};
  for (const name of names) {
    const store = tx.objectStore(name);
    parts[name] = { keys: await request(store.getAllKeys()), values: await request(store.getAll()) };
  }
  return JSON.stringify(parts, replacer);
}
