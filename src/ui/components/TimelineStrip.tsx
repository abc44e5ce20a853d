import { useRef } from 'preact/hooks';
import type { AnnotationKind } from '../../core/model/types.ts';
import type { Persona } from '../../core/vocabulary/repertoire.ts';
import { stateWords } from '../../common/label-words.ts';
import { JUDGEMENT_WORDS } from '../../core/vocabulary/judgements.ts';
import { readableModel } from '../../core/vocabulary/model-names.ts';
import { STATE_PALETTE_SIZE } from './state-colors.ts';
import { formatConfidence } from '../../common/format.ts';
import { StateChip } from '../../common/StateChip.tsx';

/** One assistant reply as the strip shows it. */
export interface TimelineCell {
  /** Index among assistant replies. */
  index: number;
  state: string;
  stateName: string;
  /** The global persona the reply's state maps onto (core/vocabulary); null when unknown. */
  persona: Persona | null;
  shift: boolean;
  confidence: number;
  /** The shift's main label in words, e.g. "tone: formal → playful". */
  topLabel: string | null;
  model: string | null;
  annotation: AnnotationKind | null;
}

interface Props {
  cells: readonly TimelineCell[];
  selected: number | null;
  onSelect(index: number): void;
}

const ANNOTATION_MARK: Record<AnnotationKind, string> = { confirm: '✓', reject: '✗', relabel: '✎', note: '•' };

/** Colour slot of a cell: its persona's; none (neutral) without one. */
function cellClass(c: TimelineCell): string {
  return c.persona ? `po-s${c.persona.rank % STATE_PALETTE_SIZE}` : 'po-tl-neutral';
}

export function describeCell(c: TimelineCell): string {
  const parts = [`Reply ${c.index + 1}: ${stateWords(c)}`];
  if (c.shift) parts.push(`shift${c.topLabel ? `: ${c.topLabel}` : ''}, ${formatConfidence(c.confidence)}`);
  if (c.model) parts.push(`model ${readableModel(c.model)}`);
  if (c.annotation) parts.push(`your judgement: ${JUDGEMENT_WORDS[c.annotation]}`);
  return parts.join('; ');
}

/** Runs of equal consecutive models: [model, start, length]. */
export function modelRuns(cells: readonly TimelineCell[]): { model: string | null; start: number; length: number }[] {
  const runs: { model: string | null; start: number; length: number }[] = [];
  cells.forEach((c, i) => {
    const prev = runs[runs.length - 1];
    if (prev && prev.model === c.model) prev.length++;
    else runs.push({ model: c.model, start: i, length: 1 });
  });
  return runs;
}

/**
 * The persona timeline at a glance: one cell per assistant reply coloured by state, shift
 * markers, a model strip where the site showed models, and the user's annotations. A single
 * tab stop; arrow keys move between replies, Enter/click selects one.
 */
export function TimelineStrip({ cells, selected, onSelect }: Props) {
  const strip = useRef<HTMLDivElement>(null);
  if (cells.length === 0) return <p class="po-muted">No assistant replies yet.</p>;
  const focusIndex = selected !== null && selected < cells.length ? selected : 0;
  const models = modelRuns(cells);
  const hasModels = cells.some((c) => c.model !== null);
  const modelOrder = [...new Set(cells.map((c) => c.model).filter((m): m is string => m !== null))];
  const legend = [...new Map(cells.map((c) => [c.persona?.id ?? `#${c.state}`, c])).values()];
  const columns = { gridTemplateColumns: `repeat(${cells.length}, minmax(6px, 1fr))` };

  function onKeyDown(e: KeyboardEvent) {
    const target = e.target as HTMLElement;
    const i = Number(target.dataset.cell ?? -1);
    if (i < 0) return;
    let next = -1;
    if (e.key === 'ArrowRight') next = Math.min(cells.length - 1, i + 1);
    else if (e.key === 'ArrowLeft') next = Math.max(0, i - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = cells.length - 1;
    if (next < 0) return;
    e.preventDefault();
    onSelect(next);
    strip.current?.querySelector<HTMLElement>(`[data-cell="${next}"]`)?.focus();
  }

  return (
    <div class="po-timeline">
      <div
        ref={strip}
        class="po-tl-row po-tl-states"
        style={columns}
        role="group"
        aria-label="Persona state per reply (arrow keys move between replies)"
        onKeyDown={onKeyDown}
      >
        {cells.map((c, i) => (
          <button
            key={c.index}
            type="button"
            data-cell={i}
            class={`po-tl-cell ${cellClass(c)}${c.shift ? ' po-tl-shift' : ''}${i === selected ? ' po-tl-selected' : ''}`}
            tabIndex={i === focusIndex ? 0 : -1}
            aria-pressed={i === selected}
            aria-label={describeCell(c)}
            title={describeCell(c)}
            onClick={() => onSelect(i)}
          >
            {c.shift && <span class="po-tl-marker" aria-hidden="true" />}
          </button>
        ))}
      </div>
      {hasModels && (
        <div class="po-tl-row po-tl-models" style={columns} aria-label="Model shown by the site per reply">
          {models.map((r) => (
            <span
              key={r.start}
              class={`po-tl-model ${r.model ? `po-s${modelOrder.indexOf(r.model) % STATE_PALETTE_SIZE}` : 'po-tl-nomodel'}`}
              style={{ gridColumn: `${r.start + 1} / span ${r.length}` }}
              title={r.model ? `${readableModel(r.model)} (site's name: ${r.model})` : 'model not shown'}
            >
              {r.model ? readableModel(r.model) : ''}
            </span>
          ))}
        </div>
      )}
      <div class="po-tl-row po-tl-annots" style={columns} aria-hidden="true">
        {cells.map((c) => (
          <span key={c.index} class="po-tl-annot">
            {c.annotation ? ANNOTATION_MARK[c.annotation] : ''}
          </span>
        ))}
      </div>
      <div class="po-tl-legend">
        {legend.map((c) => (
          <StateChip key={c.persona?.id ?? c.state} state={c.state} stateName={c.stateName} persona={c.persona} />
        ))}
        <span class="po-muted">
          <span class="po-tl-legend-shift" aria-hidden="true" /> shift
        </span>
        <span class="po-muted">{(Object.keys(ANNOTATION_MARK) as AnnotationKind[]).map((k) => `${ANNOTATION_MARK[k]} ${JUDGEMENT_WORDS[k]}`).join(' · ')}</span>
      </div>
    </div>
  );
}
