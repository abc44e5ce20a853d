/** Per-conversation segments as numbers (light: the in-page badge imports it). Pure. */

/**
 * Where no global persona is known (a reply the vocabulary was not fitted on, the in-page badge):
 * the per-conversation state as a segment number by first appearance ("A" → 1), never a letter,
 * so it cannot be mistaken for a persona of another view.
 */
export function segmentNumber(state: string): number | null {
  if (/^[A-Z]$/.test(state)) return state.charCodeAt(0) - 64;
  const m = /^S(\d+)$/.exec(state);
  return m ? Number(m[1]) : null;
}
