import { beforeEach, describe, expect, it } from 'vitest';
import { createCoreAnalyzer } from '../../../src/background/analyzer.ts';
import { refreshUserCalibration, startUserCalibration } from '../../../src/background/user-calibration.ts';
import { saveAnnotation } from '../../../src/store/annotations.ts';
import { storeCapture } from '../../../src/store/capture.ts';
import { getConversationBundle } from '../../../src/store/read.ts';
import { META_DETECTOR_VERSION, type ObservatoryDB } from '../../../src/store/schema.ts';
import { META_USER_CALIBRATION, readUserCalibration } from '../../../src/store/user-calibration.ts';
import { freshDB, turn } from '../store/helpers.ts';

const terse = (i: number) => `Yes. Use option ${i}.`;
const long = (i: number) =>
  `## Overview ${i}\n\nThere are several important considerations here, and it is worth going through each of them carefully before deciding.\n\n- **First**, the configuration must be checked thoroughly, because defaults differ between versions.\n- **Second**, the environment variables should be reviewed, since they override the file.\n\nIn summary, following these steps resolves the problem in most cases.`;

let db: ObservatoryDB;
beforeEach(async () => {
  db = await freshDB();
});

/** A conversation whose style switches at reply 6 (same model throughout: no model label). */
async function captureSwitch(id: string): Promise<void> {
  const replies = [...Array.from({ length: 6 }, (_, i) => terse(i)), ...Array.from({ length: 6 }, (_, i) => long(i))];
  const turns = replies.flatMap((r, i) => [turn(`u${i}`, 'user', `question ${i}`), turn(`a${i}`, 'assistant', r, { model: 'gpt-4o' })]);
  await storeCapture(db, { site: 'chatgpt', conversationId: id, url: `https://chatgpt.com/c/${id}`, title: id, turns }, 1);
}

const switchConfidence = async (id: string) => (await getConversationBundle(db, `chatgpt:${id}`))!.analyses.find((a) => a.shift)?.confidence ?? null;

describe('per-user confidence curve in the worker', () => {
  it('without verdicts keeps the shipped curve and version', async () => {
    const analyzer = createCoreAnalyzer();
    await captureSwitch('c0');
    const { calibration } = await refreshUserCalibration(db, analyzer);
    expect(calibration).toMatchObject({ confirmed: 0, rejected: 0, adjusted: false });
    expect(analyzer.version).toMatch(/\+model$/);
    expect(await readUserCalibration(db)).toEqual(calibration);
  });

  it('rejected switches lower the confidence of stored labels, and the version says whose curve made them', async () => {
    const analyzer = createCoreAnalyzer();
    for (const id of ['c1', 'c2', 'c3', 'c4']) await captureSwitch(id);
    await refreshUserCalibration(db, analyzer);
    const before = await switchConfidence('c1');
    expect(before).toBeGreaterThan(0.5);
    let n = 0;
    for (const id of ['c1', 'c2', 'c3', 'c4'])
      await saveAnnotation(db, { turnKey: `chatgpt:${id}:a6`, conversationKey: `chatgpt:${id}`, kind: 'reject', label: null, note: null }, 2, () => `n${n++}`);
    const { calibration, recomputed } = await refreshUserCalibration(db, analyzer);
    expect(calibration).toMatchObject({ confirmed: 0, rejected: 4, adjusted: true });
    expect(recomputed).toBe(4);
    expect(analyzer.version).toMatch(/\+model\+you\./);
    expect(await switchConfidence('c1')).toBeLessThan(before!);
    // The refit reads the shipped curve's confidence, not the adjusted one it stored: refitting again changes nothing.
    expect((await refreshUserCalibration(db, analyzer)).calibration).toEqual(calibration);
  });

  it('labels stored by the real analyzer are not stale for it: a second start-up recomputes nothing', async () => {
    const analyzer = createCoreAnalyzer();
    await captureSwitch('c5');
    expect((await refreshUserCalibration(db, analyzer)).recomputed).toBe(1);
    expect((await refreshUserCalibration(db, analyzer)).recomputed).toBe(0);
  });

  it('a restarted worker uses the stored curve at once and refits only after a detector upgrade', async () => {
    const first = createCoreAnalyzer();
    for (const id of ['c1', 'c2', 'c3', 'c4']) await captureSwitch(id);
    let n = 0;
    for (const id of ['c1', 'c2', 'c3', 'c4'])
      await saveAnnotation(db, { turnKey: `chatgpt:${id}:a6`, conversationKey: `chatgpt:${id}`, kind: 'reject', label: null, note: null }, 2, () => `n${n++}`);
    await refreshUserCalibration(db, first);
    const restarted = createCoreAnalyzer();
    expect(await startUserCalibration(db, restarted)).toBe(0);
    expect(restarted.version).toBe(first.version);
    await db.put('meta', 'an older detector', META_DETECTOR_VERSION);
    expect(await startUserCalibration(db, createCoreAnalyzer())).toBe(4);
  });

  it('a damaged stored curve reads as none', async () => {
    await db.put('meta', '{"alpha":"x"}', META_USER_CALIBRATION);
    expect(await readUserCalibration(db)).toBeNull();
  });
});
