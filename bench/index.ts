/**
 * `npm run bench`: runs the product benchmarks one after another (capture, store, export) and
 * prints their numbers. The instrument and router have their own, longer runs:
 * `npm run bench:detect`, `npm run bench:speed`, `npm run bench:router`.
 * Benchmarks assert nothing about speed; they print what they measured on this machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const BENCHES = ['capture', 'store', 'export'];
let failed = 0;
for (const name of BENCHES) {
  const file = `bench/${name}.bench.ts`;
  console.log(`\n━━ ${file} ━━`);
  if (!existsSync(file)) {
    console.log('(missing)');
    failed++;
    continue;
  }
  const r = spawnSync('npx', ['tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
