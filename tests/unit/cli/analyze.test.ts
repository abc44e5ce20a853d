import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run, usage } from '../../../src/cli/analyze.ts';

/** A label-contract JSONL file: alternating styles inside each conversation (long list vs short chat). */
function writeJsonl(): string {
  const listy =
    '## Steps\n\n1. First install the package with npm.\n2. Then configure the settings file.\n3. Finally run the build and check the output carefully.\n\n**Note:** this is important.';
  const chatty = "Sure thing! Honestly, I think you'll love it — it's super easy. Want me to walk you through it?";
  const lines = Array.from({ length: 4 }, (_, c) =>
    JSON.stringify({
      id: `conv-${c}`,
      turns: Array.from({ length: 8 }, (_, t) => [
        { role: 'user', text: t === 3 ? 'meh' : 'How do I set this up?' },
        { role: 'assistant', text: (t + c) % 4 < 2 ? listy : chatty },
      ]).flat(),
    }),
  );
  const dir = mkdtempSync(join(tmpdir(), 'po-analyze-'));
  const file = join(dir, 'convs.jsonl');
  writeFileSync(file, lines.join('\n'));
  return file;
}

describe('cli analyze', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints a readable report with the verdict and the model comparison', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await run([writeJsonl(), '--permutations', '49'])).toBe(0);
    const text = log.mock.calls.map((c) => String(c[0])).join('\n');
    expect(text).toMatch(/Router analysis .* 4 conversations, 32 assistant replies/);
    expect(text).toMatch(/Model comparison/);
    expect(text).toMatch(/Trigger tests/);
    // One verdict line per question, as in the dashboard.
    for (const q of ['Is there a repertoire', 'Is it a router', 'Do your messages trigger', 'disengagement', 'Does the site switch models'])
      expect(text).toMatch(new RegExp(`^(YES|NO|CAN'T TELL) +.*${q}`, 'm'));
    expect(text).toMatch(/Can't tell: no route data\./);
  });

  it('--markdown prints the same verdict lines as a Markdown report', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await run([writeJsonl(), '--markdown', '--permutations', '49'])).toBe(0);
    const md = String(log.mock.calls[0][0]);
    expect(md).toMatch(/^# Router analysis of convs\.jsonl/);
    expect(md).toMatch(/\| question \| verdict \| evidence \|/);
    expect(md.match(/^### /gm)).toHaveLength(5);
    expect(md).toMatch(/<summary>Null hypotheses<\/summary>/);
  });

  it('--json prints a parseable RouterReport', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await run([writeJsonl(), '--json', '--permutations', '49'])).toBe(0);
    const out = JSON.parse(String(log.mock.calls[0][0]));
    // The report is the whole answer: nothing recomputed beside it.
    expect(Object.keys(out)).toEqual(['file', 'format', 'report']);
    expect(out.report.sizes.replies).toBe(32);
    expect(out.report.comparison.fits.length).toBeGreaterThan(3);
    expect(Array.isArray(out.report.summary)).toBe(true);
    expect(out.report.questions.map((q: { id: string }) => q.id)).toEqual(['repertoire', 'router', 'triggers', 'loop', 'models']);
  });

  it('explains usage errors with exit code 2', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run([])).toBe(2);
    expect(await run(['x.jsonl', '--permutations', 'lots'])).toBe(2);
    expect(String(err.mock.calls[0][0])).toMatch(/missing FILE/);
    expect(usage).toMatch(/^analyze FILE/);
  });
});
