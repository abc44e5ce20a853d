import type { Annotation } from '../../core/types.ts';
import type { BadgeInfo } from '../../messages.ts';
import { StateChip } from '../../ui/components/StateChip.tsx';
import { LabelText } from '../../ui/components/LabelText.tsx';
import { EvidenceList } from '../../ui/components/EvidenceList.tsx';
import { AnnotationControls, type AnnotationDraft, type VocabularyEntry } from '../../ui/components/AnnotationControls.tsx';
import { formatConfidence } from '../../ui/components/format.ts';
import { certaintyOf } from '../../core/vocabulary/judgements.ts';
import { shiftWords, stateWords } from '../../ui/components/label-words.ts';
import type { Placement } from './position.ts';

export interface BadgeProps {
  turnId: string;
  /** null while the reply is still streaming. */
  info: BadgeInfo | null;
  place: Placement;
  open: boolean;
  onToggle(turnId: string): void;
}

export function badgeButtonId(turnId: string): string {
  return `po-badge-${turnId.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
}

/**
 * Only the newest reply can be a "possible shift": the detector caps every other non-switch reply
 * below 0.5, and gives the newest one the online detector's live probability (docs/instrument.md).
 */
function possibleShift(info: BadgeInfo): boolean {
  return !info.shift && info.confidence >= 0.5;
}

/** The shift mark a badge shows after its state chip, or null. */
function shiftMark(info: BadgeInfo): string | null {
  if (!info.shift) return null;
  return `⇄ ${shiftWords(info.labels[0], info.confidence)}`;
}

function liveMark(info: BadgeInfo): string | null {
  return possibleShift(info) ? `possible shift? ${formatConfidence(info.confidence)}` : null;
}

/**
 * Everything a badge shows, as one key: its rendered width depends on nothing else (badges are
 * max-content), so a width measured for one look stays valid until the look changes.
 */
export function badgeLook(info: BadgeInfo | null): string {
  return info ? [info.state, info.stateName, shiftMark(info) ?? '', liveMark(info) ?? ''].join('\u0000') : 'pending';
}

/**
 * The badge beside a reply: state colour + short name, and the shift label when one was detected.
 * An unplaced badge (`place.visible` false) is laid out, so it can be measured, but invisible and
 * ignores the pointer: nothing clickable ever sits at a guessed position.
 */
export function Badge({ turnId, info, place, open, onToggle }: BadgeProps) {
  const style = { top: `${place.top}px`, left: `${place.left}px`, visibility: place.visible ? 'visible' : 'hidden', pointerEvents: place.visible ? 'auto' : 'none' };
  if (!info) {
    return <span class="po-badge" data-turn={turnId} style={style} role="status" aria-label="Persona Observatory: reply still streaming"><StateChip state="?" stateName="" pending /></span>;
  }
  const top = info.shift ? info.labels[0] : undefined;
  const mark = shiftMark(info);
  const live = liveMark(info);
  const label = `Persona ${stateWords({ state: info.state, stateName: info.stateName, persona: null })}${info.shift ? `; shift: ${shiftWords(top, info.confidence)}` : ''}${live ? `; possible shift (live estimate), ${formatConfidence(info.confidence)}` : ''}. Show details.`;
  return (
    <button type="button" id={badgeButtonId(turnId)} data-turn={turnId} class={`po-badge${info.shift ? ' po-badge-shift' : ''}`} style={style}
      aria-expanded={open} aria-haspopup="dialog" aria-label={label} title={label} onClick={() => onToggle(turnId)}>
      <StateChip state={info.state} stateName={info.stateName} />
      {mark && <span class="po-badge-mark">{mark}</span>}
      {live && <span class="po-badge-mark po-badge-live">{live}</span>}
    </button>
  );
}

interface PanelProps {
  turnId: string;
  info: BadgeInfo;
  annotation: Annotation | null;
  position: { top: number; left: number };
  /** Hidden (not unmounted, so a half-typed note survives) while its reply is scrolled away. */
  visible: boolean;
  vocabulary: readonly VocabularyEntry[];
  save(draft: AnnotationDraft): Promise<Annotation>;
  remove(id: string): Promise<void>;
  onClose(): void;
  onHideAll(): void;
}

/** Evidence and annotation controls for one reply. Escape or "Close" closes it. */
export function BadgePanel({ turnId, info, annotation, position, visible, vocabulary, save, remove, onClose, onHideAll }: PanelProps) {
  const headingId = `${badgeButtonId(turnId)}-h`;
  return (
    <div class="po-panel" role="dialog" aria-labelledby={headingId} style={{ top: `${position.top}px`, left: `${position.left}px`, visibility: visible ? 'visible' : 'hidden' }}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); onClose(); } }}>
      <div class="po-panel-head">
        <StateChip state={info.state} stateName={info.stateName} />
        <h2 id={headingId}>{info.shift ? `Shift detected · ${certaintyOf({ kind: info.labels[0]?.kind ?? '', confidence: info.confidence })}` : possibleShift(info) ? `Possible shift (live estimate, revised when the next reply arrives) · ${formatConfidence(info.confidence)}` : 'No shift at this reply'}</h2>
        <span class="po-spacer" />
        <button type="button" class="po-btn po-btn-small" onClick={onClose} aria-label="Close details">✕</button>
      </div>
      {info.labels.length > 0 && <ul>{info.labels.map((l) => <li key={l.kind + l.text}><LabelText label={l} /></li>)}</ul>}
      <EvidenceList evidence={info.evidence} limit={5} />
      <AnnotationControls idPrefix={badgeButtonId(turnId)} annotation={annotation} vocabulary={vocabulary} save={save} remove={remove} />
      <div class="po-panel-foot">
        <span class="po-muted">Persona Observatory</span>
        <button type="button" class="po-btn po-btn-small" onClick={onHideAll}>Hide all badges</button>
      </div>
    </div>
  );
}
