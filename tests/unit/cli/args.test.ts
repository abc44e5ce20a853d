import { describe, expect, it } from 'vitest';
import { readArgs } from '../../../src/cli/args.ts';

const OPTIONS = { to: { type: 'string' }, force: { type: 'boolean' } } as const;

describe('readArgs (node:util parseArgs in the CLI words)', () => {
  it('reads options in both spellings and keeps positionals (including - for stdin)', () => {
    expect(readArgs(['in.json', '--to', 'csv', '--force'], OPTIONS)).toEqual({ values: { to: 'csv', force: true }, positionals: ['in.json'] });
    expect(readArgs(['--to=md', '-'], OPTIONS)).toEqual({ values: { to: 'md' }, positionals: ['-'] });
  });

  it.each([
    [['in.json', '--frobnicate'], 'unknown option --frobnicate'],
    [['-x'], 'unknown option -x'],
    [['in.json', '--to'], '--to needs a value'],
    [['in.json', '--to', '--force'], '--to needs a value'],
    [['in.json', '--to='], '--to needs a value'],
    [['--force=yes'], '--force does not take a value'],
  ])('%j → %s', (args, error) => {
    expect(readArgs(args, OPTIONS)).toBe(error);
  });
});
