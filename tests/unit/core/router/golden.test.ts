/**
 * Speed work must not change what the router concludes: the whole report (every number, byte for
 * byte) on the demo history and on a seeded synthetic switcher must equal that of the code before
 * the issue-17 speed pass, stored once in tests/fixtures/router/report-golden.json (written by that
 * code; rewrite it only for a deliberate change, with write-golden.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { digest } from './golden-digest.ts';
import { goldenReports } from './golden-input.ts';

const GOLDEN = JSON.parse(readFileSync(fileURLToPath(new URL('../../../fixtures/router/report-golden.json', import.meta.url)), 'utf8'));

describe('router reports equal the golden ones', () => {
  const reports = goldenReports();
  for (const name of Object.keys(GOLDEN))
    it(name, () => {
      const got = digest(reports[name]);
      // The readable parts first, so a failure says what moved; then the whole report.
      expect({ ...got, sha256: undefined }).toEqual({ ...GOLDEN[name], sha256: undefined });
      expect(got.sha256).toBe(GOLDEN[name].sha256);
    });
});
