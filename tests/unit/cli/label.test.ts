import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readContractJsonl, run } from '../../../src/cli/label.ts';
import { DETECTOR_VERSION } from '../../../src/core/analyze.ts';
import { EXPORT_SAMPLES } from '../../fixtures/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'label-cli-'));
const terse = (i: number) => `Sure. Option ${i}.`;
const long = (i: number) =>
  `## Plan ${i}\n\nThere are several considerations, and each deserves careful thought before acting.\n\n- **First**, check the configuration thoroughly.\n- **Second**, review the environment variables.\n- **Third**, read the logs for the underlying cause.\n\nIn summary, these steps usually resolve the problem. Additionally, documenting the change helps later.`;
const conv = (id: string, replies: string[], models?: string[]) => ({
  id,
  turns: replies.flatMap((r, i) => [
    { role: 'user', text: `q${i}` },
    { role: 'assistant', text: r, ...(models ? { model: models[i] } : {}) },
  ]),
});

async function label(lines: object[] | string, extra: string[] = []): Promise<{ code: number; out: Record<string, unknown>[] }> {
  const input = join(dir, `in-${Math.random()}.jsonl`);
  const output = join(dir, `out-${Math.random()}.jsonl`);
  writeFileSync(input, typeof lines === 'string' ? lines : lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const code = await run([input, '--out', output, ...extra]);
  if (code !== 0) return { code, out: [] };
  return {
    code,
    out: readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  };
}

describe('label CLI contract', () => {
  it('writes one line per input conversation, same order, with the contract fields', async () => {
    const a = conv('a', [...[0, 1, 2, 3, 4, 5].map(terse), ...[0, 1, 2, 3, 4, 5].map(long)]);
    const b = conv('b', [0, 1, 2].map(terse));
    const empty = { id: 'c', turns: [] };
    const { code, out } = await label([a, b, empty]);
    expect(code).toBe(0);
    expect(out.map((o) => o.id)).toEqual(['a', 'b', 'c']);
    expect(out[0].switches).toEqual([6]);
    expect(out[0].detectorVersion).toBe(DETECTOR_VERSION);
    const replies = out[0].replies as Record<string, unknown>[];
    expect(replies).toHaveLength(12);
    for (const key of ['index', 'state', 'shift', 'confidence', 'labels', 'features']) expect(replies[6]).toHaveProperty(key);
    const kinds = (replies[6].labels as { kind: string }[]).map((l) => l.kind);
    expect(kinds.some((k) => k === 'structure' || k === 'verbosity')).toBe(true);
    expect(out[1].switches).toEqual([]);
    expect(out[2]).toMatchObject({ switches: [], replies: [] });
  });

  it('does not use the model field unless --use-model', async () => {
    const same = conv('m', [0, 1, 2, 3, 4, 5, 6, 7].map(terse), ['x', 'x', 'x', 'x', 'y', 'y', 'y', 'y']);
    expect((await label([same])).out[0].switches).toEqual([]);
    expect((await label([same], ['--use-model'])).out[0].switches).toEqual([4]);
  });

  it('keeps ids as given and stringifies numeric ids', async () => {
    const { out } = await label([{ id: 7, turns: [{ role: 'assistant', text: 'hi' }] }]);
    expect(out[0].id).toBe('7');
  });

  it('reports bad input with the line number and exit code 1; bad usage with 2', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const bad = JSON.stringify(conv('ok', ['fine'])) + '\n{"id": "x", "turns": [{"role": "robot", "text": "?"}]}\n';
    expect((await label(bad)).code).toBe(1);
    expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/line 2.*role/);
    expect(await run([])).toBe(2);
    expect(await run(['a', '--bogus'])).toBe(2);
    expect(await run([join(dir, 'missing.jsonl')])).toBe(1);
    err.mockRestore();
  });

  it('labels other conversation files through the formats layer (real ChatGPT export excerpt, 3 conversations)', async () => {
    const output = join(dir, 'export.jsonl');
    const code = await run([join(EXPORT_SAMPLES, 'chatgpt/pkuppens-2023__conversations.excerpt.json'), '--out', output]);
    expect(code).toBe(0);
    const lines = readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const l of lines) expect((l.replies as unknown[]).length).toBeGreaterThan(0);
  });

  it('skips system and tool turns (counted on stderr) without shifting assistant indices', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const turns = [
      { role: 'system', text: 'You are helpful.' },
      { role: 'user', text: 'q0' },
      { role: 'assistant', text: 'one' },
      { role: 'tool', text: '{}' },
      { role: 'user', text: 'q1' },
      { role: 'assistant', text: 'two' },
    ];
    const { code, out } = await label([{ id: 's', turns }]);
    expect(code).toBe(0);
    expect((out[0].replies as { index: number }[]).map((r) => r.index)).toEqual([0, 1]);
    expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/skipped 2 /);
    err.mockRestore();
  });

  it('readContractJsonl returns null for files in another shape (handed to the formats layer)', () => {
    expect(readContractJsonl('[\n{"a": 1}\n]', 'f.json')).toBeNull();
    expect(readContractJsonl('{"messages": []}', 'f.jsonl')).toBeNull();
  });
});
