import type { ShiftLabel } from '../core/model/types.ts';
import { modelChange } from '../core/vocabulary/judgements.ts';
import { Certainty } from './Certainty.tsx';
import { ModelName } from './ModelName.tsx';

/**
 * A label in words, once: "tone: formal → playful · moderate", "model changed: GPT-4o → GPT-5.5 ·
 * from the page". The rule texts already say what moved, so no kind prefix is added. Text only.
 */
export function LabelText({ label }: { label: ShiftLabel }) {
  const model = modelChange(label);
  return (
    <span class="po-label" data-kind={label.kind}>
      {model ? (
        <span>
          model changed: <ModelName slug={model.from} /> → <ModelName slug={model.to} />
        </span>
      ) : (
        <span>{label.text}</span>
      )}
      <span class="po-muted" aria-hidden="true">
        {' '}
        ·{' '}
      </span>
      <Certainty kind={label.kind} confidence={label.confidence} />
    </span>
  );
}
