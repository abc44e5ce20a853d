import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/convert.ts';
import { CHATGPT_EXCERPT } from '../core/formats/annotation/samples.ts';
import {
  validateArgillaRecords,
  validateArgillaSettings,
  validateHfJsonl,
  validateLabelStudioConfig,
  validateLabelStudioTasks,
  validateProdigyTask,
} from '../core/formats/annotation/tool-schemas.ts';

const REAL = CHATGPT_EXCERPT;

describe('cli convert: annotation-tool targets', () => {
  let dir: string;
  let errors: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'po-convert-annot-'));
    errors = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());

  it('--to label-studio writes a zip with a valid config and tasks with predictions', async () => {
    const out = join(dir, 'ls.zip');
    expect(await run([REAL, '--to', 'label-studio', '--out', out])).toBe(0);
    const files = unzipSync(new Uint8Array(readFileSync(out)));
    const { problems, config } = validateLabelStudioConfig(strFromU8(files['label-studio/labeling-config.xml']));
    expect(problems).toEqual([]);
    const tasks = JSON.parse(strFromU8(files['label-studio/tasks.json']));
    expect(tasks).toHaveLength(15);
    expect(validateLabelStudioTasks(tasks, config)).toEqual([]);
    expect(tasks.every((t: { predictions: unknown[] }) => t.predictions.length === 1)).toBe(true);
    expect(errors.join('\n')).toMatch(/chatgpt → label-studio: 3 conversation\(s\), 15 replies/);
  });

  it('--to argilla writes the from_disk layout', async () => {
    const out = join(dir, 'ar.zip');
    expect(await run([REAL, '--to', 'argilla', '--out', out])).toBe(0);
    const files = unzipSync(new Uint8Array(readFileSync(out)));
    const { problems, schema } = validateArgillaSettings(JSON.parse(strFromU8(files['argilla/.argilla/settings.json'])));
    expect(problems).toEqual([]);
    expect(validateArgillaRecords(JSON.parse(strFromU8(files['argilla/records.json'])), schema)).toEqual([]);
    expect(Object.keys(files)).toContain('argilla/.argilla/dataset.json');
  });

  it('--to prodigy and --to hf write JSONL; --context limits the window', async () => {
    const prodigy = join(dir, 'p.jsonl');
    const hf = join(dir, 'h.jsonl');
    expect(await run([REAL, '--to', 'prodigy', '--out', prodigy])).toBe(0);
    expect(await run([REAL, '--to', 'hf', '--out', hf, '--context', '2'])).toBe(0);
    const tasks = readFileSync(prodigy, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(tasks.flatMap((t, i) => validateProdigyTask(t, `line ${i}`))).toEqual([]);
    const rows = readFileSync(hf, 'utf8');
    expect(validateHfJsonl(rows, ['messages', 'shift'])).toEqual([]);
    expect(
      rows
        .trim()
        .split('\n')
        .every((l) => JSON.parse(l).messages.length <= 3),
    ).toBe(true);
  });

  it('--to annotation: all four tools in one zip', async () => {
    const out = join(dir, 'all.zip');
    expect(await run([REAL, '--to', 'annotation', '--out', out])).toBe(0);
    expect(Object.keys(unzipSync(new Uint8Array(readFileSync(out)))).length).toBe(8);
  });

  it('bad usage: a zip target without --out, a bad --context, an unknown target', async () => {
    expect(await run([REAL, '--to', 'label-studio'])).toBe(2);
    expect(await run([REAL, '--to', 'hf', '--context', 'many'])).toBe(2);
    expect(await run([REAL, '--to', 'doccano'])).toBe(2);
    expect(errors.join('\n')).toMatch(/writes a zip: give --out/);
    expect(errors.join('\n')).toMatch(/--context should be a whole number/);
    expect(errors.join('\n')).toMatch(/prodigy, hf, label-studio, argilla, annotation/);
  });
});
