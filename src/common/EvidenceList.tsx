import type { FeatureEvidence } from '../core/model/types.ts';
import { featureLabel } from '../core/features/labels.ts';
import { formatValue } from './format.ts';

interface Props {
  evidence: readonly FeatureEvidence[];
  labelOf?: (feature: string) => string;
  /** Show at most this many rows, largest |effect| first. */
  limit?: number;
  /** Labels of features not measured on this reply (English-lexicon features on other languages). */
  notApplicable?: readonly string[];
}

/** What "Move" means, shown once under the table (not only on hover). */
export const MOVE_EXPLAINED =
  'Move: how far the feature moved at the shift, in standard deviations of the replies around it (▲ up, ▼ down; 1 is a clear move, 2 a large one).';

/** Why a shift was flagged: the features that moved, before → after, and by how much. */
export function EvidenceList({ evidence, labelOf = featureLabel, limit = 6, notApplicable = [] }: Props) {
  const na = notApplicable.length > 0 && (
    <p class="po-muted po-small po-na">Not measured on this reply (English word lists; the reply is in another language): {notApplicable.join(', ')}.</p>
  );
  if (evidence.length === 0)
    return (
      <div>
        <p class="po-muted">No single feature moved much; the label rests on the combined profile.</p>
        {na}
      </div>
    );
  const rows = [...evidence].sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect)).slice(0, limit);
  return (
    <div class="po-evidence-wrap">
      <table class="po-evidence">
        <caption class="po-sr-only">Features that moved at this reply</caption>
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
            <th scope="col">
              <abbr title={MOVE_EXPLAINED}>Move (SD)</abbr>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.feature}>
              <th scope="row">{labelOf(e.feature)}</th>
              <td>{formatValue(e.before)}</td>
              <td>{formatValue(e.after)}</td>
              <td>
                {e.effect > 0 ? '▲' : '▼'} {formatValue(Math.abs(e.effect))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="po-muted po-small">{MOVE_EXPLAINED}</p>
      {na}
    </div>
  );
}
