import type { ShiftLabel } from '../../core/types.ts';
import { formatConfidence } from './format.ts';

/** "tone: formal → playful · 72%" — the label the detector put into words. Text only. */
export function LabelText({ label }: { label: ShiftLabel }) {
  const prefix = `${label.kind}:`;
  const body = label.text.startsWith(prefix) ? label.text.slice(prefix.length).trim() : label.text;
  return (
    <span class="po-label">
      <span class="po-label-kind">{label.kind}</span>
      {': '}
      <span>{body}</span>{' '}
      <span class="po-conf" title="Confidence that this is a real persona change (calibrated on the models it was tuned on; optimistic on others — see About the instrument)">
        {formatConfidence(label.confidence)}
      </span>
    </span>
  );
}
