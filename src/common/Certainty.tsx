import { useState } from 'preact/hooks';
import { FROM_THE_PAGE, strengthMeaning, strengthOf } from '../core/vocabulary/judgements.ts';

interface Props {
  /** A label, or a bare confidence (kind undefined) for a shift as a whole. */
  kind?: string;
  confidence: number;
}

/**
 * How sure the tool is, in words: "from the page" for a fact the site showed (its model label),
 * else strong / moderate / weak. The word is a button: one click shows what that strength has
 * meant in measurement (the calibration), so the caveat sits where the judgement is read.
 */
export function Certainty({ kind, confidence }: Props) {
  const [open, setOpen] = useState(false);
  if (kind === 'model') {
    return (
      <span class="po-conf po-conf-fact" title="Read from the page's own model label: a fact, not an estimate">
        {FROM_THE_PAGE}
      </span>
    );
  }
  const strength = strengthOf(confidence);
  return (
    <span class="po-conf-wrap">
      <button
        type="button"
        class={`po-conf po-conf-${strength}`}
        aria-expanded={open}
        aria-label={`${strength} evidence; show what this means`}
        onClick={(e) => {
          e.stopPropagation();
          setOpen(!open);
        }}
      >
        {strength}
      </button>
      {open && (
        <span class="po-conf-note" role="note">
          {strengthMeaning(strength)} Stated confidence here: {confidence.toFixed(2)}. Read it as an ordering, not a frequency.
        </span>
      )}
    </span>
  );
}
