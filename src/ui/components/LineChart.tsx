import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: readonly (number | null)[];
}

interface Props {
  /** X values (e.g. 1-based reply numbers), same length as every series. */
  x: readonly number[];
  series: readonly ChartSeries[];
  xLabel: string;
  yLabel: string;
  /** X positions to mark with a vertical line (shift points). */
  markers?: readonly number[];
  /** Called with the data index the user clicked. */
  onPick?(index: number): void;
  height?: number;
  ariaLabel: string;
}

/** Tick steps for whole-number axes (reply numbers). */
export const INTEGER_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

/** uPlot draws on canvas with concrete colours, so read the theme tokens once per render. */
function token(name: string, fallback: string): string {
  if (typeof getComputedStyle === 'undefined') return fallback;
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function canvasAvailable(): boolean {
  try {
    return Boolean(document.createElement('canvas').getContext('2d'));
  } catch {
    return false;
  }
}

/**
 * A thin uPlot wrapper (uPlot: ~50 kB, canvas, no eval, fast with thousands of points).
 * Re-creates the plot when data changes (cheap at conversation sizes) and follows the width of
 * its container. Click on the plot area reports the nearest data index.
 */
export function LineChart({ x, series, xLabel, yLabel, markers = [], onPick, height = 220, ariaLabel }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [unavailable] = useState(() => !canvasAvailable());
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const el = host.current;
    if (!el || unavailable) return;
    const fg = token('--po-fg-muted', '#666');
    const grid = token('--po-border', '#ddd');
    const markerColor = token('--po-shift', '#e8590c');
    const palette = Array.from({ length: 8 }, (_, i) => token(`--po-state-${i}`, '#3b6fd8'));
    const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth || 600),
      height,
      // Reply numbers are whole: integer ticks and an integer range (never "2.5" or "−1.75").
      scales: {
        x: {
          time: false,
          range: (_u: uPlot, min: number, max: number): [number, number] => (min === max ? [min - 1, max + 1] : [Math.floor(min), Math.ceil(max)]),
        },
      },
      axes: [
        { ...axis, label: xLabel, incrs: INTEGER_STEPS, values: (_u: uPlot, splits: number[]) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) },
        { ...axis, label: yLabel },
      ],
      series: [
        { label: xLabel },
        ...series.map((s, i) => ({ label: s.label, stroke: palette[i % palette.length], width: 2, spanGaps: false, points: { show: true, size: 5 } })),
      ],
      cursor: { drag: { x: false, y: false } },
      // A static legend (names and colours): live values read "--" until hovered, which looks broken.
      legend: { live: false },
      hooks: {
        draw: [
          (u: uPlot) => {
            const ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = markerColor;
            ctx.setLineDash([4, 4]);
            ctx.lineWidth = 1.5;
            for (const m of markers) {
              const px = u.valToPos(m, 'x', true);
              ctx.beginPath();
              ctx.moveTo(px, u.bbox.top);
              ctx.lineTo(px, u.bbox.top + u.bbox.height);
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
      },
    };
    const data = [Array.from(x), ...series.map((s) => Array.from(s.values))] as uPlot.AlignedData;
    const plot = new uPlot(opts, data, el);
    const onClick = () => {
      const idx = plot.cursor.idx;
      if (idx !== null && idx !== undefined) pick.current?.(idx);
    };
    plot.over.addEventListener('click', onClick);
    let ro: ResizeObserver | null = null;
    if (typeof ResizeObserver !== 'undefined') {
      ro = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height }));
      ro.observe(el);
    }
    return () => {
      ro?.disconnect();
      plot.over.removeEventListener('click', onClick);
      plot.destroy();
    };
  }, [x, series, markers, height, xLabel, yLabel, unavailable]);

  if (unavailable) return <p class="po-muted">Charts need canvas support, which this browser context does not offer.</p>;
  return <div ref={host} class="po-chart" role="img" aria-label={ariaLabel} />;
}
