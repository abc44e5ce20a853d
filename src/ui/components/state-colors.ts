/**
 * Which palette slot (tokens.css `.po-s0`…`.po-s7`) a persona state gets. States are per
 * conversation ids like "A", "B" …; letters map in order so A is always the first colour,
 * anything else is hashed. Colour is never the only cue: the state name is always shown too.
 */
export const STATE_PALETTE_SIZE = 8;

export function stateSlot(state: string): number {
  const letter = /^[A-Z]$/.exec(state);
  if (letter) return (state.charCodeAt(0) - 65) % STATE_PALETTE_SIZE;
  let h = 0;
  for (let i = 0; i < state.length; i++) h = (h * 31 + state.charCodeAt(i)) >>> 0;
  return h % STATE_PALETTE_SIZE;
}

export function stateClass(state: string): string {
  return `po-s${stateSlot(state)}`;
}
