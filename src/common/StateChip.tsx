import type { Persona } from '../core/vocabulary/repertoire.ts';
import { segmentNumber } from '../core/vocabulary/segments.ts';

interface Props {
  /** The per-conversation detector state ("A", …) and its stored name. */
  state: string;
  stateName: string;
  /** The global persona this state maps onto, when the vocabulary knows it (dashboard). */
  persona?: Persona | null;
  /** Shown with a dashed outline while the reply is still streaming. */
  pending?: boolean;
}

/**
 * A persona as a pill: "P2 terse · structured" in its persona colour where the global vocabulary
 * maps the state (core/vocabulary); otherwise the conversation's own segment, numbered ("#2") and
 * neutral, so neither a letter nor a colour can mean different personas on different screens.
 * Colour is never the only cue: the name is always shown.
 */
export function StateChip({ state, stateName, persona, pending }: Props) {
  if (pending) return <span class="po-chip po-pending">analysing…</span>;
  if (persona) {
    return (
      <span class={`po-chip po-s${persona.rank % 8}`} title={`Persona ${persona.id}: ${persona.name} (${Math.round(persona.share * 100)}% of your replies)`}>
        <span class="po-chip-letter">{persona.id}</span>
        <span>{persona.name}</span>
      </span>
    );
  }
  const n = segmentNumber(state);
  return (
    <span class="po-chip po-chip-segment" title={n === null ? stateName : `Segment ${n} of this conversation: ${stateName}`}>
      {n !== null && <span class="po-chip-letter">#{n}</span>}
      <span>{stateName}</span>
    </span>
  );
}
