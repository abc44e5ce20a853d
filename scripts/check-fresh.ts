/**
 * `npm run check:fresh`: clone the committed HEAD into an empty temporary folder (nothing beside
 * it, so no ../shared) and run `npm ci && npm test` there — the check that the repository is
 * self-contained. Uncommitted changes are not part of the check; it says so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const run = (cmd: string, args: string[], cwd: string): number => {
  console.log(`\n$ ${cmd} ${args.join(' ')}   (in ${cwd})`);
  const env = { ...process.env };
  delete env.PO_SHARED_DATA; // the fresh clone must not be pointed at the shared data
  return spawnSync(cmd, args, { cwd, stdio: 'inherit', env }).status ?? 1;
};

const dirty = spawnSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' }).stdout.trim();
if (dirty) console.log('note: uncommitted changes are not checked (the clone takes HEAD).');

const parent = mkdtempSync(join(tmpdir(), 'po-fresh-'));
const clone = join(parent, 'persona-observatory');
let status = run('git', ['clone', '--quiet', repo, clone], parent);
if (status === 0) status = run('npm', ['ci', '--no-audit', '--no-fund'], clone);
if (status === 0) status = run('npm', ['test'], clone);
if (status === 0 || process.env.KEEP_FRESH !== '1') rmSync(parent, { recursive: true, force: true });
console.log(status === 0 ? '\ncheck:fresh passed' : `\ncheck:fresh FAILED (exit ${status})${process.env.KEEP_FRESH === '1' ? `; clone kept at ${clone}` : ''}`);
process.exit(status);
