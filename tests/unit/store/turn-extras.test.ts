/**
 * Steps, citations, the shared mark and "reply not captured" placeholders reach the store and
 * come back out; placeholders stay in the timeline but are not replies (issue 16 / 18).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { notCapturedText } from '../../../src/core/placeholders.ts';
import type { CapturedTurn, Turn } from '../../../src/core/model/types.ts';
import { recomputeConversation } from '../../../src/store/analyses.ts';
import { storeCapture } from '../../../src/store/capture.ts';
import { exportBundleJson } from '../../../src/core/formats/bundle-json.ts';
import { parseAnyConversationFile } from '../../../src/core/formats/detect.ts';
import { importBundles } from '../../../src/store/import.ts';
import { getConversationBundle } from '../../../src/store/read.ts';
import type { ObservatoryDB } from '../../../src/store/schema.ts';
import { fakeAnalyzer, freshDB, turn } from './helpers.ts';

let db: ObservatoryDB;
let clock = 1_000;
beforeEach(async () => {
  db = await freshDB();
  clock = 1_000;
});

const capture = (turns: CapturedTurn[], shared = false) =>
  storeCapture(db, { site: 'chatgpt', conversationId: 'c1', url: null, title: null, turns, ...(shared ? { shared } : {}) }, ++clock);
const stored = async (): Promise<Turn[]> => (await getConversationBundle(db, 'chatgpt:c1'))?.turns ?? [];

const steps = [
  { kind: 'thinking' as const, text: 'Thought for 4s\nThe user wants a list.' },
  { kind: 'search' as const, text: 'Read 12 web pages' },
  { kind: 'tool' as const, text: 'Created a file, read a file' },
];
const placeholder = (id: string) =>
  turn(id, 'assistant', notCapturedText('Deep Research report in a frame'), { notCaptured: 'Deep Research report in a frame' });

describe('captured extras in the store', () => {
  it('keeps steps with their kind and citation URLs on the stored turn', async () => {
    await capture([turn('u0', 'user', 'q'), turn('a0', 'assistant', 'Paris [1].', { steps, citations: ['https://example.org/a'] })]);
    const a0 = (await stored())[1];
    expect(a0.steps).toEqual(steps);
    expect(a0.citations).toEqual(['https://example.org/a']);
    expect(a0.notCaptured).toBeUndefined();
  });

  it('a later sighting with the steps collapsed keeps them; new steps replace them', async () => {
    await capture([turn('u0', 'user', 'q'), turn('a0', 'assistant', 'answer', { steps })]);
    const again = await capture([turn('u0', 'user', 'q'), turn('a0', 'assistant', 'answer')]);
    expect(again.stored).toBe(0);
    expect((await stored())[1].steps).toEqual(steps);
    const changed = await capture([turn('u0', 'user', 'q'), turn('a0', 'assistant', 'answer', { steps: [steps[1]] })]);
    expect(changed.stored).toBe(1);
    expect((await stored())[1].steps).toEqual([steps[1]]);
  });

  it('a shared page is stored as source capture:shared', async () => {
    const r = await capture([turn('u0', 'user', 'q'), turn('a0', 'assistant', 'a')], true);
    expect(r.conversation.source).toBe('capture:shared');
  });
});

describe('placeholders are not replies', () => {
  it('stays in the timeline, is not counted as a reply, and the detector never sees it', async () => {
    const r = await capture([
      turn('u0', 'user', 'research this'),
      placeholder('a0'),
      turn('u1', 'user', 'thanks'),
      turn('a1', 'assistant', 'You are welcome!'),
    ]);
    expect(r.conversation).toMatchObject({ turnCount: 4, assistantCount: 1 });
    const turns = await stored();
    expect(turns[1]).toMatchObject({ text: '[reply not captured: Deep Research report in a frame]', notCaptured: 'Deep Research report in a frame' });

    const analyzer = fakeAnalyzer();
    let seen: string[] = [];
    const spy = { ...analyzer, analyze: (t: { role: 'user' | 'assistant'; text: string }[]) => ((seen = t.map((x) => x.text)), analyzer.analyze(t)) };
    const analyses = await recomputeConversation(db, 'chatgpt:c1', spy);
    expect(seen).toEqual(['research this', 'thanks', 'You are welcome!']);
    expect(analyses.map((a) => a.turnKey)).toEqual(['chatgpt:c1:a1']);
  });

  it('once the body is read the mark goes and the placeholder text is kept as an earlier version', async () => {
    await capture([turn('u0', 'user', 'q'), placeholder('a0')]);
    await capture([turn('u0', 'user', 'q'), turn('a0', 'assistant', 'The report, now readable.')]);
    const turns = await stored();
    const main = turns.find((t) => t.key === 'chatgpt:c1:a0')!;
    expect(main.notCaptured).toBeUndefined();
    expect(main.text).toBe('The report, now readable.');
    const earlier = turns.find((t) => t.alternativeOf === 'chatgpt:c1:a0')!;
    expect(earlier.notCaptured).toBe('Deep Research report in a frame');
  });
});

describe('export → import into a fresh store', () => {
  it('steps, citations, the not-captured mark and the shared source come back', async () => {
    await capture(
      [
        turn('u0', 'user', 'q'),
        placeholder('a0'),
        turn('u1', 'user', 'and?'),
        turn('a1', 'assistant', 'Paris [1].', { steps, citations: ['https://example.org/a'] }),
      ],
      true,
    );
    const before = (await getConversationBundle(db, 'chatgpt:c1'))!;
    const file = exportBundleJson([before]);
    db = await freshDB();
    await importBundles(db, parseAnyConversationFile(file, 'store.json').bundles);
    const after = (await getConversationBundle(db, 'chatgpt:c1'))!;
    expect(after.turns).toEqual(before.turns);
    expect(after.conversation).toMatchObject({ source: 'capture:shared', assistantCount: 1 });
  });
});
