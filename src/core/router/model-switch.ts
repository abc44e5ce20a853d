/**
 * Product-level routing is not a persona: where the page showed the model per reply, split the
 * persona switches into those that coincide with a model change and those that do not.
 */
import { formatNumber } from './stats.ts';
import type { ModelSwitchResult } from './types.ts';

export interface ModelSwitchSeries {
  models: readonly (string | null)[];
  switches: readonly boolean[];
}

export function analyzeModelSwitches(series: readonly ModelSwitchSeries[]): ModelSwitchResult {
  const models = [...new Set(series.flatMap((s) => s.models).filter((m): m is string => !!m))];
  let withChange = 0;
  let switchesWith = 0;
  let without = 0;
  let switchesWithout = 0;
  for (const s of series)
    for (let j = 1; j < s.models.length; j++) {
      const a = s.models[j - 1];
      const b = s.models[j];
      if (!a || !b) continue; // unknown model on either side: cannot say
      if (a !== b) {
        withChange++;
        if (s.switches[j]) switchesWith++;
      } else {
        without++;
        if (s.switches[j]) switchesWithout++;
      }
    }
  const available = withChange + without > 0;
  const rate = (k: number, n: number) => (n > 0 ? `${formatNumber((100 * k) / n, 0)}%` : 'n/a');
  const conclusion = !available
    ? 'The model per reply is not known, so persona switches cannot be separated from the site switching models. Treat any "router" finding as possibly product-level routing.'
    : withChange === 0
      ? `The page showed the same model for every consecutive reply pair (${models.join(', ')}), so the persona switches found (${switchesWithout} in ${without} pairs, ${rate(switchesWithout, without)}) happened within one model.`
      : `Model changes: ${withChange} reply pair(s), of which ${switchesWith} (${rate(switchesWith, withChange)}) show a persona switch; without a model change: ${switchesWithout} of ${without} (${rate(switchesWithout, without)}). Only the switches without a model change can be persona routing inside one model; the others may be the site swapping models. Models seen: ${models.join(', ')}.`;
  return {
    available,
    models,
    pairsWithModelChange: withChange,
    switchesWithModelChange: switchesWith,
    pairsWithoutModelChange: without,
    switchesWithoutModelChange: switchesWithout,
    conclusion,
  };
}
