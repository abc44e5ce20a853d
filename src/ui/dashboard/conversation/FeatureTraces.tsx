import { useMemo, useState } from 'preact/hooks';
import type { FeatureValues, StoredAnalysis } from '../../../core/model/types.ts';
import type { FeatureDef } from '../../../core/features/types.ts';
import { LineChart } from '../../components/LineChart.tsx';
import { defaultPicks, traceSeries } from './traces.ts';

interface Props {
  features: readonly FeatureDef[];
  /** Feature values per assistant reply (null when not analysed). */
  perReply: readonly (FeatureValues | null)[];
  analyses: readonly StoredAnalysis[];
  shiftReplies: readonly number[];
  onPick(replyIndex: number): void;
}

const MAX_PICKS = 5;

/** The user picks up to five features; the chart shows how they move reply by reply. */
export function FeatureTraces({ features, perReply, analyses, shiftReplies, onPick }: Props) {
  const names = useMemo(() => features.map((f) => f.name), [features]);
  const [picked, setPicked] = useState<string[]>(() => defaultPicks(analyses, names));
  const defs = picked.map((n) => features.find((f) => f.name === n)).filter((f): f is FeatureDef => f !== undefined);
  const { series, standardised } = useMemo(() => traceSeries(perReply, defs), [perReply, picked.join('|')]);
  const x = useMemo(() => perReply.map((_, i) => i + 1), [perReply]);
  const markers = useMemo(() => shiftReplies.map((i) => i + 1), [shiftReplies]);
  const families = useMemo(() => [...new Set(features.map((f) => f.family))], [features]);

  function toggle(name: string, on: boolean) {
    setPicked((p) => (on ? [...p.filter((n) => n !== name), name].slice(-MAX_PICKS) : p.filter((n) => n !== name)));
  }

  // The y-axis label is drawn along the plot's height, so it stays short (the unit only); the
  // caption above the chart says what the values are in full.
  const yLabel = standardised ? 'SD from mean' : (defs[0]?.unit ?? '');
  const caption = standardised
    ? 'Standardised values: 0 is this conversation’s mean, ±1 one standard deviation.'
    : defs[0]
      ? `${defs[0].label}${defs[0].unit ? ` (${defs[0].unit})` : ''}, per reply.`
      : '';
  return (
    <div class="po-traces">
      <details class="po-picker">
        <summary>Features shown ({defs.map((d) => d.label).join(', ') || 'none'})</summary>
        <div class="po-picker-body">
          {families.map((fam) => (
            <fieldset key={fam} class="po-picker-family">
              <legend>{fam}</legend>
              {features
                .filter((f) => f.family === fam)
                .map((f) => (
                  <label key={f.name} class="po-check" title={f.description}>
                    <input type="checkbox" checked={picked.includes(f.name)} onChange={(e) => toggle(f.name, e.currentTarget.checked)} /> {f.label}
                  </label>
                ))}
            </fieldset>
          ))}
          <p class="po-muted">Up to {MAX_PICKS} at once; with more than one, values are standardised so they share an axis.</p>
        </div>
      </details>
      {defs.length === 0 || perReply.length === 0 ? (
        <p class="po-muted">Pick a feature to see its trace.</p>
      ) : (
        <>
          <p class="po-muted po-chart-caption">{caption} Dashed lines mark shifts; click a point to jump to that reply.</p>
          <LineChart
            x={x}
            series={series}
            xLabel="Reply"
            yLabel={yLabel}
            markers={markers}
            ariaLabel={`Feature traces per reply: ${defs.map((d) => d.label).join(', ')}. Dashed lines mark shifts. Click a point to jump to that reply.`}
            onPick={onPick}
          />
        </>
      )}
    </div>
  );
}
