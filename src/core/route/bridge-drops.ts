/**
 * Why the isolated-world bridge ignored a message from the page (src/content/route/bridge.ts),
 * and how the counts are said to the user in plain words. Pure.
 */
export type BridgeDrop = 'foreign-source' | 'oversize' | 'malformed' | 'rate-limited' | 'other-conversation' | 'overflow' | 'never-captured' | 'refused';

export type BridgeDropCounts = Partial<Record<BridgeDrop, number>>;

/** Each reason in words, in the order they are listed. */
const WORDS: Record<BridgeDrop, string> = {
  malformed: 'malformed',
  oversize: 'too large',
  'foreign-source': 'from another frame or window',
  'rate-limited': 'too many at once',
  'other-conversation': 'about another conversation',
  'never-captured': 'about a reply never captured here',
  overflow: 'pushed out of a full queue',
  refused: 'refused (reading responses is off, or not stored)',
};
export const BRIDGE_DROPS = Object.keys(WORDS) as BridgeDrop[];

const MAX_COUNT = 1e9;

/** The counts as the popup receives them from the page's content script: checked, never trusted. */
export function parseBridgeDropCounts(raw: unknown): BridgeDropCounts | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const out: BridgeDropCounts = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(BRIDGE_DROPS as string[]).includes(key)) return null;
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_COUNT) return null;
    if ((value as number) > 0) out[key as BridgeDrop] = value as number;
  }
  return out;
}

/** "3 messages ignored: 2 malformed, 1 too large", or "none" when nothing was ignored. */
export function bridgeDropWords(counts: BridgeDropCounts): string {
  const parts = BRIDGE_DROPS.filter((r) => (counts[r] ?? 0) > 0).map((r) => `${(counts[r] ?? 0).toLocaleString('en')} ${WORDS[r]}`);
  if (parts.length === 0) return 'none';
  const total = BRIDGE_DROPS.reduce((n, r) => n + (counts[r] ?? 0), 0);
  return `${total.toLocaleString('en')} message${total === 1 ? '' : 's'} ignored: ${parts.join(', ')}`;
}
