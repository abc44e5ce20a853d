import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/convert.ts';
import { EXPORT_SAMPLES } from '../../fixtures/paths.ts';

const REAL = join(EXPORT_SAMPLES, 'chatgpt/pkuppens-2023__conversations.excerpt.json');

describe('cli convert', () => {
  let dir: string;
  let errors: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'po-convert-'));
    errors = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());

  it('ChatGPT export → CSV with labels filled by the detector', async () => {
    const out = join(dir, 'o.csv');
    expect(await run([REAL, '--to', 'csv', '--out', out])).toBe(0);
    const rows = Papa.parse<string[]>(readFileSync(out, 'utf8').trim()).data;
    const col = (n: string) => rows[0].indexOf(n);
    const replies = rows.slice(1).filter((r) => r[col('role')] === 'assistant' && r[col('alternative_of')] === '');
    expect(replies).toHaveLength(15);
    expect(replies.every((r) => r[col('detector_version')] !== '' && r[col('state')] !== '')).toBe(true);
    expect(errors.join('\n')).toMatch(/chatgpt → csv: 3 conversation\(s\)/);
  });

  it('JSON bundle → JSON bundle is byte-identical', async () => {
    const first = join(dir, 'a.json');
    const second = join(dir, 'b.json');
    expect(await run([REAL, '--to', 'json', '--out', first])).toBe(0);
    expect(await run([first, '--to', 'json', '--out', second])).toBe(0);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
    expect(JSON.parse(readFileSync(first, 'utf8')).conversations[0].analyses.length).toBeGreaterThan(0);
  });

  it('md and jsonl outputs', async () => {
    const md = join(dir, 'o.md');
    const jsonl = join(dir, 'o.jsonl');
    expect(await run([REAL, '--to', 'md', '--out', md])).toBe(0);
    expect(await run([REAL, '--to', 'jsonl', '--out', jsonl])).toBe(0);
    expect(readFileSync(md, 'utf8')).toContain('# Logo design for Pieterkuppens.net.');
    expect(readFileSync(jsonl, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('bad input: clear error and exit 1', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '[{"id": "c", "mapping": {"a": {"parent": null, "children": [], "message": {"author": {}}}}, "current_node": "a"}]');
    expect(await run([bad, '--to', 'csv'])).toBe(1);
    expect(errors[0]).toMatch(/bad\.json: conversation 1 \(id c\): message a: has no author\.role/);
    expect(await run([join(dir, 'missing.json'), '--to', 'csv'])).toBe(1);
    expect(errors[1]).toMatch(/no such file/);
  });

  it('bad usage: exit 2', async () => {
    expect(await run([])).toBe(2);
    expect(await run([REAL])).toBe(2);
    expect(await run([REAL, '--to', 'pdf'])).toBe(2);
    expect(await run([REAL, '--to'])).toBe(2);
    expect(await run([REAL, '--frobnicate'])).toBe(2);
    expect(errors.join('\n')).toMatch(/--to should be one of json, jsonl, csv, md/);
  });
});
