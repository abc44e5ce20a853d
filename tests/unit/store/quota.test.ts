import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storeCapture } from '../../../src/store/capture.ts';
import { importBundles } from '../../../src/store/import.ts';
import { getConversationBundle } from '../../../src/store/read.ts';
import type { ObservatoryDB } from '../../../src/store/schema.ts';
import { StoreWriteError } from '../../../src/store/write-error.ts';
import { dialogue, freshDB } from './helpers.ts';

let db: ObservatoryDB;
beforeEach(async () => {
  db = await freshDB();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Make the n-th put from now on throw the way a full disk does. */
function failPutAfter(n: number, name = 'QuotaExceededError'): void {
  const original = IDBObjectStore.prototype.put;
  let calls = 0;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (++calls > n) throw new DOMException('The quota has been exceeded.', name);
    return original.apply(this, args);
  });
}

const input = (turns = dialogue(0, 3)) => ({ site: 'chatgpt' as const, conversationId: 'c1', url: 'u', title: 't', turns });

describe('write errors', () => {
  it('quota exceeded mid-capture: the batch is rolled back, earlier data untouched', async () => {
    await storeCapture(db, input(dialogue(0, 3)), 1);
    const before = await getConversationBundle(db, 'chatgpt:c1');
    failPutAfter(2);
    const error = await storeCapture(db, input(dialogue(0, 6)), 2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreWriteError);
    expect((error as StoreWriteError).kind).toBe('quota');
    expect((error as StoreWriteError).message).toMatch(/full|quota/i);
    vi.restoreAllMocks();
    expect(await getConversationBundle(db, 'chatgpt:c1')).toEqual(before);
    expect(await db.count('turns')).toBe(6);
  });

  it('any other write error is reported as such, nothing half-written', async () => {
    failPutAfter(1, 'UnknownError');
    const error = await storeCapture(db, input(), 1).catch((e: unknown) => e);
    expect((error as StoreWriteError).kind).toBe('other');
    vi.restoreAllMocks();
    expect(await db.count('turns')).toBe(0);
    expect(await db.count('conversations')).toBe(0);
  });

  it('import that hits the quota imports nothing', async () => {
    const seed = await freshDB();
    await storeCapture(seed, input(dialogue(0, 2)), 1);
    const bundle = (await getConversationBundle(seed, 'chatgpt:c1'))!;
    const other = {
      ...bundle,
      conversation: { ...bundle.conversation, key: 'chatgpt:c2', conversationId: 'c2' },
      turns: bundle.turns.map((t) => ({ ...t, key: t.key.replace('c1', 'c2'), conversationKey: 'chatgpt:c2' })),
    };
    db = await freshDB();
    failPutAfter(5);
    await expect(importBundles(db, [bundle, other])).rejects.toBeInstanceOf(StoreWriteError);
    vi.restoreAllMocks();
    expect(await db.count('turns')).toBe(0);
    expect(await db.count('conversations')).toBe(0);
  });
});
