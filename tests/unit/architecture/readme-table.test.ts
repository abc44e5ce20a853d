/** The root README's architecture table is the import table, rendered (regenerate: npx tsx tests/unit/architecture/write-readme-table.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderImportTable } from './import-table.ts';

describe('README architecture table', () => {
  it('is exactly the rendered import table', () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = readme.match(/<!-- import-table:start -->\n([\s\S]*?)\n<!-- import-table:end -->/);
    expect(block, 'README.md has no import-table markers').not.toBeNull();
    expect(block![1]).toBe(renderImportTable());
  });
});
