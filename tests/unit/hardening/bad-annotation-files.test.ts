/**
 * Bad annotation files: seeded malformed, truncated, deeply nested, wrong-type and mutated Label
 * Studio exports and Argilla records through the path the dashboard uses: parseAnnotationFile →
 * the `import/annotations` message validator → the store's importAnnotations (fake-indexeddb).
 * A refusal must be a FormatError (parser), a dropped message (validator) or an
 * AnnotationImportError (store), never a crash; a refused file leaves every object store
 * byte-for-byte as it was. (PO_FUZZ_SEED reproduces a run.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { unwrap } from 'idb';
import { exportArgillaRecords, exportLabelStudioTasks, parseAnnotationFile } from '../../../src/core/formats/annotation/index.ts';
import { FormatError } from '../../../src/core/model/errors.ts';
import { parseMessage } from '../../../src/messaging/catalog.ts';
import { AnnotationImportError, importAnnotations } from '../../../src/store/annotation-import.ts';
import { importBundles } from '../../../src/store/import.ts';
import { getAllBundles } from '../../../src/store/read.ts';
import type { ObservatoryDB } from '../../../src/store/schema.ts';
import { realShaped } from '../core/formats/annotation/samples.ts';
import { freshDB } from '../store/helpers.ts';
import { garbage, mutatedStructure, mutatedText, truncated, tooDeep, wrongTopLevel, type BadFile, type BaseFile } from './bad-files/generate.ts';
import { seededRng } from './bad-files/random.ts';
import { serialiseStores } from './bad-files/store-snapshot.ts';

const SEED = Number(process.env.PO_FUZZ_SEED ?? 20261203);
const FILES = 1_500;

let db: ObservatoryDB;
const bases: BaseFile[] = [];

beforeAll(async () => {
  db = await freshDB();
  await importBundles(db, realShaped());
  const bundles = await getAllBundles(db);
  const tasks = JSON.parse(exportLabelStudioTasks(bundles)) as Record<string, unknown>[];
  const records = JSON.parse(exportArgillaRecords(bundles)) as Record<string, unknown>[];
  // Real-shaped work: every task/record answered (shift, kinds, note), two annotators on some.
  const ls = tasks.map((t, i) => ({
    ...t,
    id: i + 1,
    annotations: [
      {
        id: 1000 + i,
        completed_by: i % 3,
        was_cancelled: false,
        created_at: '2026-12-01T09:00:00Z',
        updated_at: '2026-12-01T10:00:00Z',
        result: [
          { from_name: 'shift', to_name: 'dialogue', type: 'choices', value: { choices: [i % 2 ? 'Shift' : 'No shift'] } },
          { from_name: 'label_kind', to_name: 'dialogue', type: 'choices', value: { choices: i % 2 ? ['tone'] : [] } },
          { from_name: 'note', to_name: 'dialogue', type: 'textarea', value: { text: [`note ${i}`] } },
        ],
      },
    ],
  }));
  const ar = records.map((r, i) => ({
    ...r,
    responses: { shift: [{ value: i % 2 ? 'shift' : 'no_shift', user_id: `u-${i % 2}` }], note: [{ value: 'n', user_id: `u-${i % 2}` }] },
  }));
  bases.push({ name: 'label-studio.json', text: JSON.stringify(ls), jsonl: false }, { name: 'records.json', text: JSON.stringify(ar), jsonl: false });
});

describe('bad annotation files', () => {
  it(`${FILES} seeded bad files: clear refusals, no crash, a refused file changes nothing`, async () => {
    const rng = seededRng(SEED);
    const failures: string[] = [];
    const counts: Record<string, number> = {};
    const fail = (f: BadFile, problem: string) => {
      if (failures.length < 20) failures.push(`[seed ${SEED}] ${f.kind.slice(0, 80)}: ${problem.slice(0, 200)}`);
    };
    let accepted = 0;
    // The store only changes when an import is accepted, so the snapshot a refusal is compared with
    // is taken once and again after each accepted import (not before every file: that was most of the time).
    let before = await serialiseStores(unwrap(db));
    for (let n = 0; n < FILES; n++) {
      const base = rng.pick(bases);
      const make = rng.int(0, 5);
      const file = [
        () => truncated(rng, base),
        () => garbage(rng),
        () => tooDeep(rng),
        () => wrongTopLevel(rng),
        () => mutatedStructure(rng, base, JSON.parse(base.text)),
        () => mutatedText(rng, base),
      ][make]();
      if (!file) continue;
      const kind = file.kind.split(' ')[0];
      counts[kind] = (counts[kind] ?? 0) + 1;
      let annotations: ReturnType<typeof parseAnnotationFile>['annotations'];
      try {
        annotations = parseAnnotationFile(file.text, 'fuzz.json').annotations;
      } catch (e) {
        if (!(e instanceof FormatError)) fail(file, `parser threw ${String(e)}`);
        else if (!e.message.startsWith('fuzz.json')) fail(file, `error does not say where: ${e.message}`);
        continue;
      }
      if (file.mustReject) {
        fail(file, 'accepted a file that must be refused');
        continue;
      }
      if (!parseMessage({ type: 'import/annotations', annotations })) {
        // The worker drops it; nothing is written. Our own parser should not produce such output.
        fail(file, 'parser output the worker would drop');
        continue;
      }
      try {
        await importAnnotations(db, annotations, 1_000 + n);
        accepted++;
        before = await serialiseStores(unwrap(db));
      } catch (e) {
        if (!(e instanceof AnnotationImportError)) fail(file, `store threw ${String(e)}`);
        if ((await serialiseStores(unwrap(db))) !== before) fail(file, 'a refused import changed the store');
      }
    }
    expect(failures).toEqual([]);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(FILES * 0.8);
    expect(accepted).toBeGreaterThan(0);
  });
});
