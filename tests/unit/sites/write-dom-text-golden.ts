/**
 * Rewrites tests/fixtures/dom-text/golden.json. Only from code whose text reading is known good
 * (it was written from the reader before the issue-19 speed pass), or after a deliberate change
 * of what the reader writes, said in the commit:
 *   npx tsx tests/unit/sites/write-dom-text-golden.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { digestPage, GOLDEN_FILE, goldenPages } from './dom-text-golden-input.ts';

const out = Object.fromEntries(goldenPages().map((page) => [page, digestPage(page)]));
mkdirSync(dirname(GOLDEN_FILE), { recursive: true });
writeFileSync(GOLDEN_FILE, `${JSON.stringify(out, null, 2)}\n`);
console.log(`${Object.keys(out).length} pages written to ${GOLDEN_FILE}`);
