/**
 * `npm test`: every check this project has, in order — type-check, lint + format (Biome), build,
 * unit tests (vitest),
 * browser tests (node:test driving Debian Chromium), Firefox add-ons lint. Prints each step's
 * counts and ends with one plain line `N passed, N failed` (the totals CI reads).
 * A step that cannot run (e.g. no Chromium) counts as failed and says how to fix it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, readdirSync, rmSync } from 'node:fs';

interface StepResult {
  name: string;
  passed: number;
  failed: number;
  note?: string;
}

const OUT = 'test-output';
mkdirSync(OUT, { recursive: true });

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs?: number): number {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, timeout: timeoutMs, killSignal: 'SIGKILL' });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') console.log(`\n${cmd} stopped: it ran longer than ${timeoutMs} ms`);
  return r.status ?? 1;
}

function banner(text: string) {
  console.log(`\n━━ ${text} ━━`);
}

function typecheck(): StepResult {
  banner('type-check (tsc --noEmit)');
  const code = run('npx', ['tsc', '--noEmit', '-p', '.']);
  return { name: 'type-check', passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
}

function unit(): StepResult {
  banner('unit tests (vitest)');
  const report = `${OUT}/unit.json`;
  const code = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`]);
  if (!existsSync(report)) return { name: 'unit', passed: 0, failed: 1, note: `vitest exited ${code} without a report` };
  const r = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number; success: boolean };
  // A suite that fails to load has no failed tests but makes vitest fail: count it.
  const failed = r.numFailedTests + (code !== 0 && r.numFailedTests === 0 ? 1 : 0);
  return { name: 'unit', passed: r.numPassedTests, failed };
}

function build(): StepResult {
  banner('build (dist/chrome, dist/firefox)');
  const code = run('npm', ['run', '--silent', 'build']);
  return { name: 'build', passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
}

function e2e(): StepResult {
  banner('browser tests (Chromium + Firefox smoke)');
  const files = readdirSync('tests/e2e')
    .filter((f) => f.endsWith('.e2e.ts'))
    .sort();
  let passed = 0;
  let failed = 0;
  // One `node --test` per file: a file then starts from nothing its predecessor left behind. A hung
  // test fails on its own
  // (3 min; the longest takes about 25 s) and a hung file stops at 10 min, so CI reports a failure
  // instead of running into its own limit.
  for (const file of files) {
    const tap = `${OUT}/e2e-${file.replace(/\.e2e\.ts$/, '')}.tap`;
    rmSync(tap, { force: true }); // a report left by an earlier run must not count for this one
    const code = run(
      'node',
      [
        '--import',
        'tsx',
        '--test',
        '--test-timeout=180000',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        `--test-reporter-destination=${tap}`,
        `tests/e2e/${file}`,
      ],
      {},
      10 * 60_000,
    );
    const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
    const count = (key: string) => Number(text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
    passed += count('pass');
    failed += count('fail') + (code !== 0 && count('fail') === 0 ? 1 : 0);
    if (code !== 0) console.log(`✖ ${file}: node --test exited ${code}`);
  }
  return { name: 'e2e', passed, failed };
}

function firefoxLint(): StepResult {
  banner('Firefox add-ons lint (web-ext lint on dist/firefox)');
  const r = spawnSync('npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--output', 'json', '--no-input'], { encoding: 'utf8' });
  try {
    const report = JSON.parse(r.stdout) as { summary: { errors: number; warnings: number; notices: number }; warnings: { code: string; file?: string }[] };
    const { errors, warnings, notices } = report.summary;
    console.log(`errors ${errors}, warnings ${warnings}, notices ${notices}`);
    for (const w of report.warnings) console.log(`  warning ${w.code}${w.file ? ` (${w.file})` : ''}`);
    return { name: 'firefox-lint', passed: errors === 0 ? 1 : 0, failed: errors === 0 ? 0 : 1 };
  } catch {
    console.log(r.stdout, r.stderr);
    return { name: 'firefox-lint', passed: 0, failed: 1, note: 'web-ext lint output unreadable' };
  }
}

function codeStyle(): StepResult {
  banner('lint + format (biome ci; config in biome.jsonc)');
  // Errors only in the log; `npm run lint` lists the warnings too.
  const code = run('npx', ['biome', 'ci', '--colors=off', '--diagnostic-level=error']);
  return { name: 'lint+format', passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
}

const only = process.argv.slice(2);
const steps: [string, () => StepResult][] = [
  ['typecheck', typecheck],
  ['style', codeStyle],
  // Build before the unit tests: the least-privilege test reads the built manifests.
  ['build', build],
  ['unit', unit],
  ['e2e', e2e],
  ['lint', firefoxLint],
];
const results: StepResult[] = [];
for (const [name, step] of steps) {
  if (only.length && !only.includes(name)) continue;
  results.push(step());
}

banner('summary');
for (const r of results) console.log(`${r.name.padEnd(14)} ${r.passed} passed, ${r.failed} failed${r.note ? ` — ${r.note}` : ''}`);
const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
