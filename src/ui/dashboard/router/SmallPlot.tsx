import type { SmallPlot as Plot } from '../../../core/router/types.ts';

const W = 180;
const ROW = 14;
const LABEL = 74;

/**
 * A one-line bar plot as SVG elements (never an HTML string): one bar per value, 95% whiskers
 * where given, a dashed reference line where the plot has one. Sized for a verdict line.
 */
export function SmallPlot({ plot }: { plot: Plot }) {
  const values = plot.bars.flatMap((b) => [b.value, b.high ?? b.value, b.low ?? b.value]);
  const lo = Math.min(0, ...values, plot.reference ?? 0);
  const hi = Math.max(...values, plot.reference ?? 0, 1e-9);
  const x = (v: number) => LABEL + ((v - lo) / (hi - lo || 1)) * (W - LABEL - 4);
  const height = plot.bars.length * ROW + 4;
  return (
    <svg class="po-smallplot" width={W} height={height} viewBox={`0 0 ${W} ${height}`} role="img" aria-label={plot.caption}>
      <title>{plot.caption}</title>
      {plot.bars.map((b, i) => {
        const y = 2 + i * ROW;
        return (
          <g key={i} class={b.muted ? 'po-smallplot-muted' : 'po-smallplot-main'}>
            <text x={LABEL - 4} y={y + ROW - 4} text-anchor="end" class="po-smallplot-label">
              {b.label}
            </text>
            <rect x={Math.min(x(0), x(b.value))} y={y + 2} width={Math.max(1, Math.abs(x(b.value) - x(0)))} height={ROW - 5} class="po-smallplot-bar" />
            {b.low !== undefined && b.high !== undefined && <line x1={x(b.low)} x2={x(b.high)} y1={y + ROW / 2} y2={y + ROW / 2} class="po-smallplot-ci" />}
          </g>
        );
      })}
      {plot.reference !== undefined && <line x1={x(plot.reference)} x2={x(plot.reference)} y1={0} y2={height} class="po-smallplot-ref" />}
    </svg>
  );
}
