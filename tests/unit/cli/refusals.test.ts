// CLI refusals (issue 21): no overwrite without --force, never through a symlink, inputs refused
// by size before reading, numeric options bounded, control characters escaped for terminals.
import { lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run as analyze } from '../../../src/cli/analyze.ts';
import { run as convert } from '../../../src/cli/convert.ts';
import { readInputText, terminalSafe } from '../../../src/cli/io.ts';
import { run as label } from '../../../src/cli/label.ts';

let dir: string;
let err = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'po-cli-'));
  err = '';
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    err += `${args.join(' ')}\n`;
  });
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

const LINE = JSON.stringify({
  id: 'c1',
  turns: [
    { role: 'user', text: 'hi' },
    { role: 'assistant', text: 'hello there' },
  ],
});

function input(): string {
  const path = join(dir, 'in.jsonl');
  writeFileSync(path, `${LINE}\n`);
  return path;
}

describe('--out', () => {
  it('refuses to overwrite an existing file without --force, and overwrites with it', async () => {
    const out = join(dir, 'out.jsonl');
    writeFileSync(out, 'keep me');
    expect(await label([input(), '--out', out])).toBe(1);
    expect(err).toMatch(/exists; refusing to overwrite it \(add --force\)/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(await convert([input(), '--to', 'md', '--out', out])).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(await label([input(), '--out', out, '--force'])).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('"id":"c1"');
    expect(await convert([input(), '--to', 'md', '--out', out, '--force'])).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('hello there');
  });

  it('never writes through a symlink, even with --force', async () => {
    const target = join(dir, 'target.txt');
    writeFileSync(target, 'precious');
    const link = join(dir, 'link.jsonl');
    symlinkSync(target, link);
    expect(await label([input(), '--out', link, '--force'])).toBe(1);
    expect(err).toMatch(/is a symbolic link; refusing to write through it/);
    expect(await convert([input(), '--to', 'json', '--out', link, '--force'])).toBe(1);
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('--force without --out is a usage error', async () => {
    expect(await label([input(), '--force'])).toBe(2);
    expect(await convert([input(), '--to', 'md', '--force'])).toBe(2);
  });
});

describe('inputs and parameters', () => {
  it('a file over the size limit is refused from its size, before reading', async () => {
    const big = join(dir, 'big.jsonl');
    writeFileSync(big, 'x'.repeat(2_000));
    await expect(readInputText(big, 1_000)).rejects.toThrow(/big\.jsonl is too large \(2,000 bytes; the limit is 1,000\)/);
    await expect(readInputText(join(dir, 'none.jsonl'))).rejects.toThrow(/no such file/);
    await expect(readInputText(dir)).rejects.toThrow(/is a directory/);
  });

  it('--permutations and --seed are bounded, with the bounds in the error', async () => {
    expect(await analyze([input(), '--permutations', '100000000'])).toBe(2);
    expect(err).toMatch(/--permutations needs an integer from 19 to 99,999/);
    expect(await analyze([input(), '--permutations', '5'])).toBe(2);
    expect(await analyze([input(), '--seed', '-1'])).toBe(2);
    expect(await analyze([input(), '--seed', String(2 ** 33)])).toBe(2);
    expect(err).toMatch(/--seed needs an integer from 0 to 4,294,967,295/);
  });

  it('an unreadable analyze input is an error message, not a crash', async () => {
    expect(await analyze([join(dir, 'missing.json')])).toBe(1);
    expect(err).toMatch(/missing\.json: no such file/);
  });
});

describe('terminal output', () => {
  it('escapes C0, DEL and C1 control characters but keeps newlines and tabs', () => {
    const hostile = 'title\u001b]0;pwned\u0007 \u001b[2J\u009b31m\u007f\tok\nnext';
    const safe = terminalSafe(hostile);
    expect(safe).toBe('title\\u001b]0;pwned\\u0007 \\u001b[2J\\u009b31m\\u007f\tok\nnext');
    expect(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(safe)).toBe(false);
  });
});
