/** Read-only inputs for browser tests, all inside the repo (paths from tests/fixtures/paths.ts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_PAGES, FIXTURES, REFERENCE_BUILT_SITES, SITE_PAGES } from '../../fixtures/paths.ts';

/** A real saved page, by its path under tests/fixtures/shared/sites. */
export function readFixture(relativeToSites: string): string {
  return readFileSync(join(SITE_PAGES, relativeToSites), 'utf8');
}

export function readE2eFixture(name: string): string {
  return readFileSync(join(E2E_PAGES, name), 'utf8');
}

/** Pages built from the reference's documented markup, for sites with no real saved page. */
export function readReferenceSite(name: string): string {
  return readFileSync(join(REFERENCE_BUILT_SITES, name), 'utf8');
}

/** Issue 16 class pages (tests/fixtures/sites-v2, built from documented markup; see its PROVENANCE). */
export function readCaptureV2Site(name: string): string {
  return readFileSync(join(FIXTURES, 'sites-v2', name), 'utf8');
}
