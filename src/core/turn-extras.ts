/**
 * What a turn may carry beside its text and model: the steps shown with it, the URLs of its
 * citation markers, and why its body was not captured (src/core/placeholders.ts). All three are
 * optional and left out when absent, so records written before they existed keep their bytes.
 */
import type { Turn } from './model/types.ts';

export type TurnExtraFields = Pick<Turn, 'steps' | 'citations' | 'notCaptured'>;

/** The extras of `source` as fresh fields: empty lists and a missing reason are left out. */
export function turnExtras(source: TurnExtraFields): TurnExtraFields {
  const out: TurnExtraFields = {};
  if (source.steps && source.steps.length > 0) out.steps = source.steps.map((s) => ({ kind: s.kind, text: s.text }));
  if (source.citations && source.citations.length > 0) out.citations = [...source.citations];
  if (typeof source.notCaptured === 'string') out.notCaptured = source.notCaptured;
  return out;
}
