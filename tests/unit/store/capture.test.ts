import { beforeEach, describe, expect, it } from 'vitest';
import { storeCapture, type CaptureInput } from '../../../src/store/capture.ts';
import { getConversationBundle } from '../../../src/store/read.ts';
import type { ObservatoryDB } from '../../../src/store/schema.ts';
import { dialogue, freshDB, turn } from './helpers.ts';
import type { CapturedTurn, Turn } from '../../../src/core/model/types.ts';

let db: ObservatoryDB;
let clock = 1_000;
beforeEach(async () => {
  db = await freshDB();
  clock = 1_000;
});

const page = (turns: CapturedTurn[], extra: Partial<CaptureInput> = {}): CaptureInput => ({
  site: 'chatgpt',
  conversationId: 'c1',
  url: 'https://chatgpt.com/c/c1',
  title: 'Chat',
  turns,
  ...extra,
});
const capture = (turns: CapturedTurn[], extra: Partial<CaptureInput> = {}) => storeCapture(db, page(turns, extra), ++clock);

async function timeline(): Promise<Turn[]> {
  return (await getConversationBundle(db, 'chatgpt:c1'))?.turns ?? [];
}
const mainIds = async () => (await timeline()).filter((t) => t.alternativeOf === null).map((t) => t.turnId);

describe('keys and upsert', () => {
  it('stores turns under site:conversation:turn keys with a content hash', async () => {
    const r = await capture(dialogue(0, 2));
    expect(r.conversation.key).toBe('chatgpt:c1');
    expect(r.stored).toBe(4);
    const turns = await timeline();
    expect(turns.map((t) => t.key)).toEqual(['chatgpt:c1:u0', 'chatgpt:c1:a0', 'chatgpt:c1:u1', 'chatgpt:c1:a1']);
    expect(new Set(turns.map((t) => t.contentHash)).size).toBe(4);
    expect(r.conversation).toMatchObject({ turnCount: 4, assistantCount: 2, models: ['gpt-4o-mini', 'gpt-4o'], source: 'capture' });
  });

  it('the same page seen again writes nothing and duplicates nothing', async () => {
    await capture(dialogue(0, 3));
    const again = await capture(dialogue(0, 3));
    expect(again.stored).toBe(0);
    expect(again.mainLineChanged).toBe(false);
    expect(await db.count('turns')).toBe(6);
  });

  it('updates metadata in place (model shown later, branch marker)', async () => {
    await capture([turn('u0', 'user', 'hi'), turn('a0', 'assistant', 'hello')]);
    const r = await capture([turn('u0', 'user', 'hi'), turn('a0', 'assistant', 'hello', { model: 'o3', branch: { index: 1, count: 1 } })]);
    expect(r.stored).toBe(1);
    const a0 = (await timeline())[1];
    expect(a0).toMatchObject({ model: 'o3', branch: { index: 1, count: 1 }, capturedAt: 1_001 });
    expect(await db.count('turns')).toBe(2);
  });

  it('ignores streaming turns and repeated ids within one batch', async () => {
    const r = await capture([turn('u0', 'user', 'q'), turn('u0', 'user', 'q again'), turn('a0', 'assistant', 'partial', { streaming: true })]);
    expect(r.stored).toBe(1);
    expect((await timeline()).map((t) => t.text)).toEqual(['q']);
  });
});

describe('ordering and stitching', () => {
  it('stitches overlapping virtualised windows into one timeline', async () => {
    const all = dialogue(0, 10);
    await capture(all.slice(0, 8));
    await capture(all.slice(5, 14));
    await capture(all.slice(12, 20));
    expect(await mainIds()).toEqual(all.map((t) => t.id));
    expect(await db.count('turns')).toBe(20);
  });

  it('places an earlier window that overlaps at its end before the stored turns', async () => {
    const all = dialogue(0, 10);
    await capture(all.slice(12, 20)); // opened scrolled to the bottom
    await capture(all.slice(6, 14));
    await capture(all.slice(0, 8));
    expect(await mainIds()).toEqual(all.map((t) => t.id));
  });

  it('inserts a turn between two known ones', async () => {
    const all = dialogue(0, 3);
    await capture([all[0], all[1], all[4], all[5]]);
    await capture(all);
    expect(await mainIds()).toEqual(all.map((t) => t.id));
  });

  it('keeps order when many turns are inserted into the same gap (renumbering)', async () => {
    await capture([turn('first', 'user', 'first'), turn('last', 'assistant', 'last')]);
    const expected = ['first'];
    for (let i = 0; i < 70; i++) {
      const id = `mid${i}`;
      expected.push(id);
      // Each new turn goes right after the previous one and before "last": halves the gap every time.
      await capture([
        turn(expected[expected.length - 2], i === 0 ? 'user' : 'assistant', i === 0 ? 'first' : `text ${i - 1}`),
        turn(id, 'assistant', `text ${i}`),
        turn('last', 'assistant', 'last'),
      ]);
    }
    expected.push('last');
    expect(await mainIds()).toEqual(expected);
  });

  it('never deletes a turn that left the DOM', async () => {
    await capture(dialogue(0, 5));
    await capture(dialogue(3, 5));
    await capture([]);
    expect(await db.count('turns')).toBe(10);
  });
});

describe('alternatives', () => {
  it('a regenerated reply (new id at the same position) becomes main; the old one its alternative', async () => {
    await capture([turn('u0', 'user', 'q'), turn('a0', 'assistant', 'first try')]);
    const r = await capture([turn('u0', 'user', 'q'), turn('a0b', 'assistant', 'second try', { branch: { index: 2, count: 2 } })]);
    expect(r.mainLineChanged).toBe(true);
    const turns = await timeline();
    expect(turns).toHaveLength(3);
    const [u0, main, alt] = turns;
    expect(u0.turnId).toBe('u0');
    expect(main).toMatchObject({ turnId: 'a0b', alternativeOf: null });
    expect(alt).toMatchObject({ turnId: 'a0', alternativeOf: 'chatgpt:c1:a0b', order: main.order });
    expect(r.conversation.turnCount).toBe(2);
  });

  it('switching back to a stored alternative promotes it and re-points the others', async () => {
    await capture([turn('u0', 'user', 'q'), turn('a', 'assistant', 'one')]);
    await capture([turn('u0', 'user', 'q'), turn('b', 'assistant', 'two')]);
    await capture([turn('u0', 'user', 'q'), turn('c', 'assistant', 'three')]);
    await capture([turn('u0', 'user', 'q'), turn('a', 'assistant', 'one')]);
    const turns = await timeline();
    expect(turns).toHaveLength(4);
    const byId = Object.fromEntries(turns.map((t) => [t.turnId, t]));
    expect(byId.a.alternativeOf).toBeNull();
    expect(byId.b.alternativeOf).toBe('chatgpt:c1:a');
    expect(byId.c.alternativeOf).toBe('chatgpt:c1:a');
    expect(new Set([byId.a.order, byId.b.order, byId.c.order]).size).toBe(1);
  });

  it('an edited user message starts a branch aligned by position', async () => {
    await capture(dialogue(0, 3));
    const edited = [...dialogue(0, 1), turn('u1x', 'user', 'question 1, edited'), turn('a1x', 'assistant', 'other answer')];
    await capture(edited);
    const turns = await timeline();
    expect(turns).toHaveLength(8);
    expect(await mainIds()).toEqual(['u0', 'a0', 'u1x', 'a1x', 'u2', 'a2']);
    expect(turns.find((t) => t.turnId === 'u1')?.alternativeOf).toBe('chatgpt:c1:u1x');
    expect(turns.find((t) => t.turnId === 'a1')?.alternativeOf).toBe('chatgpt:c1:a1x');
  });

  it('text edited in place keeps the old text as an alternative version; growth does not', async () => {
    await capture([turn('u0', 'user', 'q'), turn('a0', 'assistant', 'The answer')]);
    await capture([turn('u0', 'user', 'q'), turn('a0', 'assistant', 'The answer is 42.')]);
    expect(await db.count('turns')).toBe(2);
    await capture([turn('u0', 'user', 'q'), turn('a0', 'assistant', 'Something else')]);
    const turns = await timeline();
    expect(turns).toHaveLength(3);
    const version = turns.find((t) => t.alternativeOf !== null);
    expect(version).toMatchObject({ text: 'The answer is 42.', alternativeOf: 'chatgpt:c1:a0' });
    expect(turns.find((t) => t.key === 'chatgpt:c1:a0')?.text).toBe('Something else');
    // Seeing the same edit again adds nothing.
    await capture([turn('u0', 'user', 'q'), turn('a0', 'assistant', 'Something else')]);
    expect(await db.count('turns')).toBe(3);
  });

  it('a fully unknown page with a branch counter on its first turn is an alternative branch', async () => {
    await capture(dialogue(0, 2));
    await capture([turn('u0x', 'user', 'new first', { branch: { index: 2, count: 2 } }), turn('a0x', 'assistant', 'new reply')]);
    expect(await mainIds()).toEqual(['u0x', 'a0x', 'u1', 'a1']);
  });
});
