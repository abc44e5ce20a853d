/**
 * Store → Label Studio / Argilla export → annotations edited as the tool would write them →
 * import → the store holds exactly those annotations; a second import changes nothing; malformed
 * or foreign files are refused with what and where, and every object store is left unchanged.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { exportArgillaRecords, exportLabelStudioTasks, parseAnnotationFile } from '../../../src/core/formats/annotation/index.ts';
import { FormatError } from '../../../src/core/model/errors.ts';
import type { Annotation } from '../../../src/core/model/types.ts';
import { importAnnotations, AnnotationImportError } from '../../../src/store/annotation-import.ts';
import { saveAnnotation } from '../../../src/store/annotations.ts';
import { importBundles } from '../../../src/store/import.ts';
import { getAllBundles } from '../../../src/store/read.ts';
import { ALL_STORES, type ObservatoryDB } from '../../../src/store/schema.ts';
import { realShaped } from '../core/formats/annotation/samples.ts';
import { freshDB } from './helpers.ts';

type LsTask = { data: { turn_key: string; conversation_key: string; predicted_shift: boolean; predicted_label_kinds: string[] }; predictions: unknown[] };
type Json = Record<string, unknown>;

async function dump(db: ObservatoryDB): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const store of ALL_STORES) out[store] = { keys: await db.getAllKeys(store), values: await db.getAll(store) };
  return JSON.stringify(out);
}

/** What Label Studio's JSON export looks like after people worked on our tasks. */
function labelStudioExport(tasks: LsTask[], work: (task: LsTask, i: number) => Json[]): string {
  return JSON.stringify(
    tasks.map((t, i) => ({
      id: 100 + i,
      project: 7,
      data: t.data,
      predictions: t.predictions,
      annotations: work(t, i),
      created_at: '2026-11-30T10:00:00.000000Z',
      updated_at: '2026-11-30T10:00:00.000000Z',
      inner_id: i + 1,
      total_annotations: 1,
    })),
  );
}

function lsAnnotation(id: number, user: number | Json, results: Json[], extra: Json = {}): Json {
  return {
    id,
    completed_by: user,
    result: results,
    was_cancelled: false,
    ground_truth: false,
    created_at: '2026-12-01T09:00:00.000000Z',
    updated_at: '2026-12-01T09:30:00.000000Z',
    lead_time: 12.5,
    task: 1,
    ...extra,
  };
}
const shift = (v: 'Shift' | 'No shift') => ({ id: 'r1', from_name: 'shift', to_name: 'dialogue', type: 'choices', value: { choices: [v] }, origin: 'manual' });
const kinds = (...k: string[]) => ({ id: 'r2', from_name: 'label_kind', to_name: 'dialogue', type: 'choices', value: { choices: k } });
const note = (text: string) => ({ id: 'r3', from_name: 'note', to_name: 'dialogue', type: 'textarea', value: { text: [text] } });
const confidence = { id: 'r4', from_name: 'confidence', to_name: 'dialogue', type: 'textarea', value: { text: ['0.42'] } };

const T0 = Date.parse('2026-12-01T09:00:00Z');
const T1 = Date.parse('2026-12-01T09:30:00Z');

describe('annotation round trip through the store', () => {
  let db: ObservatoryDB;
  let tasks: LsTask[];
  beforeEach(async () => {
    db = await freshDB();
    await importBundles(db, realShaped());
    tasks = JSON.parse(exportLabelStudioTasks(await getAllBundles(db))) as LsTask[];
  });

  it('Label Studio: the store ends up holding exactly the annotations made there', async () => {
    const shifted = tasks.findIndex((t) => t.data.predicted_shift);
    const calm = tasks.findIndex((t) => !t.data.predicted_shift);
    expect(shifted).toBeGreaterThanOrEqual(0);
    const predictedKinds = tasks[shifted].data.predicted_label_kinds;
    const file = labelStudioExport(tasks, (t, i) => {
      if (i === shifted) {
        return [
          lsAnnotation(1, 3, [shift('Shift'), kinds(...predictedKinds), confidence]), // agrees → confirm
          lsAnnotation(2, { id: 4, email: 'ana@example.org' }, [shift('Shift'), kinds('sycophancy'), note('more flattery than tone')]), // relabel
          lsAnnotation(3, 5, [shift('No shift')], { was_cancelled: true }), // skipped: not imported
        ];
      }
      if (i === calm) return [lsAnnotation(4, 3, [shift('Shift')]), lsAnnotation(5, 6, [note('just a note')])];
      return [];
    });
    const parsed = parseAnnotationFile(file, 'project-7.json');
    expect(parsed.tool).toBe('label-studio');
    const result = await importAnnotations(db, parsed.annotations, 1_000);
    expect(result).toEqual({ added: 4, updated: 0, unchanged: 0, conversations: result.conversations });

    const all = await db.getAll('annotations');
    // The annotation made in the extension before (sample bundle) is still there, unchanged.
    expect(all.filter((a) => a.origin === undefined).map((a) => a.id)).toEqual(['n1']);
    const stored = all.filter((a) => a.origin !== undefined).sort((a, b) => a.id.localeCompare(b.id));
    const turnA = tasks[shifted].data;
    const turnB = tasks[calm].data;
    const expected: Annotation[] = [
      {
        id: `label-studio:${turnA.turn_key}:1`,
        turnKey: turnA.turn_key,
        conversationKey: turnA.conversation_key,
        kind: 'confirm',
        label: null,
        note: null,
        createdAt: T0,
        updatedAt: T1,
        origin: { tool: 'label-studio', author: 'user 3' },
      },
      {
        id: `label-studio:${turnA.turn_key}:2`,
        turnKey: turnA.turn_key,
        conversationKey: turnA.conversation_key,
        kind: 'relabel',
        label: 'sycophancy',
        note: 'more flattery than tone',
        createdAt: T0,
        updatedAt: T1,
        origin: { tool: 'label-studio', author: 'ana@example.org' },
      },
      {
        id: `label-studio:${turnB.turn_key}:4`,
        turnKey: turnB.turn_key,
        conversationKey: turnB.conversation_key,
        kind: 'relabel',
        label: 'shift',
        note: null,
        createdAt: T0,
        updatedAt: T1,
        origin: { tool: 'label-studio', author: 'user 3' },
      },
      {
        id: `label-studio:${turnB.turn_key}:5`,
        turnKey: turnB.turn_key,
        conversationKey: turnB.conversation_key,
        kind: 'note',
        label: null,
        note: 'just a note',
        createdAt: T0,
        updatedAt: T1,
        origin: { tool: 'label-studio', author: 'user 6' },
      },
    ].sort((a, b) => a.id.localeCompare(b.id)) as Annotation[];
    expect(stored).toEqual(expected);
    // The heuristic labels are untouched, and the conversation counts its annotations.
    const bundles = await getAllBundles(db);
    const conv = bundles.find((b) => b.conversation.key === turnA.conversation_key);
    expect(conv?.conversation.annotationCount).toBe(all.filter((a) => a.conversationKey === turnA.conversation_key).length);
    expect(conv?.analyses.length).toBeGreaterThan(0);

    // Same file again: nothing changes, byte for byte.
    const before = await dump(db);
    expect(await importAnnotations(db, parseAnnotationFile(file, 'project-7.json').annotations, 2_000)).toMatchObject({ added: 0, updated: 0, unchanged: 4 });
    expect(await dump(db)).toBe(before);

    // The annotator changes their mind in Label Studio: the next export updates that one annotation.
    const edited = file.replace('"more flattery than tone"', '"flattery, on reflection"');
    expect(await importAnnotations(db, parseAnnotationFile(edited, 'project-7.json').annotations, 3_000)).toMatchObject({ added: 0, updated: 1, unchanged: 3 });
    expect((await db.get('annotations', `label-studio:${turnA.turn_key}:2`))?.note).toBe('flattery, on reflection');
  });

  it('imported judgements sit beside your own: saving in the extension does not overwrite them', async () => {
    const t = tasks[0].data;
    const file = labelStudioExport(tasks, (_t, i) => (i === 0 ? [lsAnnotation(9, 3, [shift('No shift')])] : []));
    await importAnnotations(db, parseAnnotationFile(file, 'p.json').annotations, 1);
    await saveAnnotation(db, { turnKey: t.turn_key, conversationKey: t.conversation_key, kind: 'reject', label: null, note: null }, 5, () => 'mine');
    const onTurn = (await db.getAllFromIndex('annotations', 'by-turn', t.turn_key)).map((a) => [a.id, a.kind, a.origin?.tool ?? 'you']);
    expect(onTurn.sort()).toEqual(
      [
        [`label-studio:${t.turn_key}:9`, t.predicted_shift ? 'reject' : 'confirm', 'label-studio'],
        ['mine', 'reject', 'you'],
      ].sort(),
    );
  });

  it('Argilla: records with responses come back, one annotation per user and record', async () => {
    const records = JSON.parse(exportArgillaRecords(await getAllBundles(db))) as Json[];
    const shifted = records.findIndex((r) => (r.metadata as Json).predicted_shift === 'shift');
    const calm = records.findIndex((r) => (r.metadata as Json).predicted_shift === 'no_shift');
    // As dataset.records.to_json() writes them after two people answered.
    records[shifted].responses = {
      shift: [
        { value: 'no_shift', user_id: 'u-1' },
        { value: 'shift', user_id: 'u-2' },
      ],
      label_kind: [{ value: ['warmth'], user_id: 'u-2' }],
      note: [{ value: 'reads the same to me', user_id: 'u-1' }],
    };
    records[calm].responses = {
      shift: [
        { value: 'no_shift', user_id: 'u-1', status: 'submitted' },
        { value: 'shift', user_id: 'u-3', status: 'draft' },
      ],
    };
    const parsed = parseAnnotationFile(JSON.stringify(records), 'records.json');
    expect(parsed.tool).toBe('argilla');
    expect(await importAnnotations(db, parsed.annotations, 42)).toMatchObject({ added: 3, updated: 0, unchanged: 0 });
    const byId = new Map((await db.getAll('annotations')).map((a) => [a.id, a]));
    const a = records[shifted].id as string;
    const b = records[calm].id as string;
    expect(byId.get(`argilla:${a}:u-1`)).toMatchObject({
      kind: 'reject',
      note: 'reads the same to me',
      createdAt: 42,
      updatedAt: 42,
      origin: { tool: 'argilla', author: 'u-1' },
    });
    expect(byId.get(`argilla:${a}:u-2`)).toMatchObject({ kind: 'relabel', label: 'warmth' });
    expect(byId.get(`argilla:${b}:u-1`)).toMatchObject({ kind: 'confirm' });
    expect(byId.has(`argilla:${b}:u-3`)).toBe(false);
    const before = await dump(db);
    expect(await importAnnotations(db, parseAnnotationFile(JSON.stringify(records), 'records.json').annotations, 99)).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: 3,
    });
    expect(await dump(db)).toBe(before);
  });

  it('Argilla REST API records ({items}, responses with values and times) come back with their times', async () => {
    const records = JSON.parse(exportArgillaRecords(await getAllBundles(db))) as Json[];
    const r = records[0];
    const rest = {
      items: [
        {
          id: 'server-uuid-1',
          external_id: r.id,
          fields: r.fields,
          metadata: r.metadata,
          responses: [
            {
              id: 'resp-1',
              user_id: 'u-9',
              status: 'submitted',
              values: { shift: { value: 'shift' }, label_kind: { value: ['apology'] }, note: { value: 'sorry-mode' } },
              inserted_at: '2026-12-01T11:00:00',
              updated_at: '2026-12-01T11:10:00Z',
            },
            {
              id: 'resp-2',
              user_id: 'u-8',
              status: 'discarded',
              values: { shift: { value: 'no_shift' } },
              inserted_at: '2026-12-01T11:00:00Z',
              updated_at: '2026-12-01T11:00:00Z',
            },
          ],
        },
      ],
      total: 1,
    };
    const parsed = parseAnnotationFile(JSON.stringify(rest), 'records-api.json');
    expect(parsed.annotations).toEqual([
      {
        id: `argilla:${String((r.metadata as Json).turn_key)}:u-9`,
        turnKey: (r.metadata as Json).turn_key,
        conversationKey: (r.metadata as Json).conversation_key,
        kind: 'relabel',
        label: 'apology',
        note: 'sorry-mode',
        createdAt: Date.parse('2026-12-01T11:00:00'),
        updatedAt: Date.parse('2026-12-01T11:10:00Z'),
        origin: { tool: 'argilla', author: 'u-9' },
      },
    ]);
    expect(await importAnnotations(db, parsed.annotations, 5)).toMatchObject({ added: 1 });
  });

  describe('malformed or foreign files are refused with what and where; the store is unchanged', () => {
    const good = () => labelStudioExport(tasks, (_t, i) => (i === 0 ? [lsAnnotation(1, 3, [shift('Shift')])] : []));
    const cases: [string, () => string, RegExp][] = [
      ['not JSON', () => 'id,shift\n1,yes', /p\.json: not JSON/],
      ['truncated', () => good().slice(0, 200), /p\.json: JSON ends early/],
      ['a ChatGPT export', () => JSON.stringify([{ id: 'c', mapping: {}, current_node: null }]), /not a Label Studio JSON export or Argilla records file/],
      [
        'our own tasks file (not yet annotated)',
        () => exportLabelStudioTasks([]).replace('[\n]', JSON.stringify(tasks.slice(0, 1))),
        /tasks file we exported for Label Studio/,
      ],
      [
        'a task that is not ours',
        () => good().replace(/"turn_key":"[^"]*",?/, ''),
        /p\.json: task 1 \(id 100\): data\.turn_key and data\.conversation_key are missing/,
      ],
      [
        'a choice our config does not have',
        () => good().replace('"choices":["Shift"]', '"choices":["Maybe"]'),
        /task 1 \(id 100\) annotation 1 result\[0\]: shift should be "Shift" or "No shift", got \["Maybe"\]/,
      ],
      [
        'a note longer than the limit',
        () =>
          JSON.stringify(
            JSON.parse(good()).map((t: Json, i: number) => (i === 0 ? { ...t, annotations: [lsAnnotation(1, 3, [note('x'.repeat(10_001))])] } : t)),
          ),
        /result\[0\]: the note is too long \(10001 characters; the limit is 10000\)/,
      ],
      [
        'the same annotation twice',
        () =>
          JSON.stringify(
            JSON.parse(good()).map((t: Json, i: number) =>
              i === 0 ? { ...t, annotations: [lsAnnotation(1, 3, [shift('Shift')]), lsAnnotation(1, 3, [shift('No shift')])] } : t,
            ),
          ),
        /appears twice/,
      ],
    ];
    it.each(cases)('%s', async (_name, make, message) => {
      const before = await dump(db);
      let error: unknown;
      try {
        await importAnnotations(db, parseAnnotationFile(make(), 'p.json').annotations, 1);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(FormatError);
      expect(String((error as Error).message)).toMatch(message);
      expect(await dump(db)).toBe(before);
    });

    it('a file naming a reply that is not in the store: nothing of it is written', async () => {
      const file = labelStudioExport(tasks, (_t, i) => (i < 2 ? [lsAnnotation(i + 1, 3, [shift('Shift')])] : []));
      const annotations = parseAnnotationFile(file, 'p.json').annotations;
      annotations[1] = { ...annotations[1], turnKey: `${annotations[1].conversationKey}:deleted-turn` };
      const before = await dump(db);
      await expect(importAnnotations(db, annotations, 1)).rejects.toThrow(AnnotationImportError);
      await expect(importAnnotations(db, annotations, 1)).rejects.toThrow(
        /deleted-turn is not in your store; nothing was imported|deleted-turn is not in your store/,
      );
      expect(await dump(db)).toBe(before);
    });
  });
});

describe('ids stay within what the worker accepts', () => {
  it('an over-long Label Studio id or turn key is refused by the parser, never dropped later', () => {
    const task = (turnKey: string, id: unknown) =>
      JSON.stringify([
        {
          id: 1,
          data: { turn_key: turnKey, conversation_key: 'c' },
          annotations: [{ id, completed_by: 1, result: [{ from_name: 'shift', value: { choices: ['Shift'] } }] }],
        },
      ]);
    expect(() => parseAnnotationFile(task('c:t', 'x'.repeat(201)), 'p.json')).toThrow(/annotation 1: id should be a number or short text/);
    expect(() => parseAnnotationFile(task(`c:${'t'.repeat(2000)}`, 1), 'p.json')).toThrow(/task 1 \(id 1\): data\.turn_key is too long \(2002 characters\)/);
    expect(parseAnnotationFile(task('c:t', 7), 'p.json').annotations[0].id).toBe('label-studio:c:t:7');
  });
});
