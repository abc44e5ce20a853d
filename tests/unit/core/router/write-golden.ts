/**
 * Rewrites tests/fixtures/router/report-golden.json. Only after a deliberate change of the router's
 * results (or of the features the demo history is read with), said in the commit:
 *   npx tsx tests/unit/core/router/write-golden.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { digest } from './golden-digest.ts';
import { goldenReports } from './golden-input.ts';

const out = Object.fromEntries(Object.entries(goldenReports()).map(([name, r]) => [name, digest(r)]));
writeFileSync(fileURLToPath(new URL('../../../fixtures/router/report-golden.json', import.meta.url)), `${JSON.stringify(out, null, 2)}\n`);
