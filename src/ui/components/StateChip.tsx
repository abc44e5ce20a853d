import { stateClass } from './state-colors.ts';

interface Props {
  state: string;
  stateName: string;
  /** Shown with a dashed outline while the reply is still streaming. */
  pending?: boolean;
}

/** A persona state as a coloured pill with its short name (colour is never the only cue). */
export function StateChip({ state, stateName, pending }: Props) {
  if (pending) return <span class="po-chip po-pending">analysing…</span>;
  return (
    <span class={`po-chip ${stateClass(state)}`} title={`Persona state ${state}: ${stateName}`}>
      <span class="po-chip-letter" aria-hidden="true">{state}</span>
      <span>{stateName}</span>
    </span>
  );
}
