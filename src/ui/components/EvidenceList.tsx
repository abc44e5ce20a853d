import type { FeatureEvidence } from '../../core/types.ts';
import { formatValue } from './format.ts';

/** snake_case feature name → "snake case", when no registry label is at hand (in-page badges). */
export function humanizeFeature(name: string): string {
  return name.replace(/_/g, ' ');
}

interface Props {
  evidence: readonly FeatureEvidence[];
  labelOf?: (feature: string) => string;
  /** Show at most this many rows, largest |effect| first. */
  limit?: number;
}

/** Why a shift was flagged: the features that moved, before → after, and by how much. */
export function EvidenceList({ evidence, labelOf = humanizeFeature, limit = 6 }: Props) {
  if (evidence.length === 0) return <p class="po-muted">No single feature moved much; the label rests on the combined profile.</p>;
  const rows = [...evidence].sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect)).slice(0, limit);
  return (
    <table class="po-evidence">
      <caption class="po-sr-only">Features that moved at this reply</caption>
      <thead>
        <tr><th scope="col">Feature</th><th scope="col">Before</th><th scope="col">After</th><th scope="col">Move (SD)</th></tr>
      </thead>
      <tbody>
        {rows.map((e) => (
          <tr key={e.feature}>
            <th scope="row">{labelOf(e.feature)}</th>
            <td>{formatValue(e.before)}</td>
            <td>{formatValue(e.after)}</td>
            <td>{e.effect > 0 ? '▲' : '▼'} {formatValue(Math.abs(e.effect))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
