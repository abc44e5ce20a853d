/** Rewrites the README's architecture table from the import table (tests/unit/architecture/import-table.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderImportTable } from './import-table.ts';

const readme = readFileSync('README.md', 'utf8');
const next = readme.replace(/(<!-- import-table:start -->\n)[\s\S]*?(\n<!-- import-table:end -->)/, `$1${renderImportTable()}$2`);
if (next === readme && !readme.includes('<!-- import-table:start -->')) throw new Error('README.md has no import-table markers');
writeFileSync('README.md', next);
