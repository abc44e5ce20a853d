import type { AnnotationKind } from '../../core/model/types.ts';
import type { BadgeInfo } from '../../messaging/responses.ts';
import { StateChip } from '../../common/StateChip.tsx';
import { LabelText } from '../../common/LabelText.tsx';
import { EvidenceList } from '../../common/EvidenceList.tsx';
import { formatConfidence } from '../../common/format.ts';
import { certaintyOf, JUDGEMENT_WORDS } from '../../core/vocabulary/judgements.ts';
import { shiftWords, stateWords } from '../../common/label-words.ts';
import type { Placement } from './position.ts';

export interface BadgeProps {
  turnId: string;
  /** null while the reply is still streaming. */
  info: BadgeInfo | null;
  place: Placement;
  open: boolean;
  /** Gets the click event: the layer ignores clicks the page synthesised. */
  onToggle(turnId: string, event: Event): void;
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

const JUDGEMENT_ICONS: Record<AnnotationKind, string> = { confirm: '✓', reject: '✗', relabel: '✎', note: '✎' };

/** The user's own judgement, on the badge's face (e.g. "✓ Confirmed shift"), or null. */
export function judgementMark(info: BadgeInfo): string | null {
  return info.annotated ? `${JUDGEMENT_ICONS[info.annotated]} ${JUDGEMENT_WORDS[info.annotated]}` : null;
}

/**
 * Everything a badge shows, as one key: its rendered width depends on nothing else (badges are
 * max-content), so a width measured for one look stays valid until the look changes.
 */
export function badgeLook(info: BadgeInfo | null): string {
  return info
    ? [info.state, info.stateName, shiftMark(info) ?? '', liveMark(info) ?? '', info.route ?? '', judgementMark(info) ?? ''].join('\u0000')
    : 'pending';
}

/** Where a badge-like element sits; unplaced ones are laid out (to be measured) but invisible and inert. */
function placedStyle(place: Placement) {
  return {
    top: `${place.top}px`,
    left: `${place.left}px`,
    visibility: place.visible ? 'visible' : 'hidden',
    pointerEvents: place.visible ? 'auto' : 'none',
  };
}

/**
 * The badge beside a reply: state colour + short name, and the shift label when one was detected.
 * An unplaced badge (`place.visible` false) is laid out, so it can be measured, but invisible and
 * ignores the pointer: nothing clickable ever sits at a guessed position.
 */
export function Badge({ turnId, info, place, open, onToggle }: BadgeProps) {
  const style = placedStyle(place);
  if (!info) {
    return (
      <span class="po-badge" data-turn={turnId} style={style} role="status" aria-label="Persona Observatory: reply still streaming">
        <StateChip state="?" stateName="" pending />
      </span>
    );
  }
  const top = info.shift ? info.labels[0] : undefined;
  const mark = shiftMark(info);
  const live = liveMark(info);
  const judged = judgementMark(info);
  const label = `Persona ${stateWords({ state: info.state, stateName: info.stateName, persona: null })}${info.shift ? `; shift: ${shiftWords(top, info.confidence)}` : ''}${live ? `; possible shift (live estimate), ${formatConfidence(info.confidence)}` : ''}${info.route ? `; ${info.route} (page-reported)` : ''}${info.annotated ? `; your judgement: ${JUDGEMENT_WORDS[info.annotated]}` : ''}. Show details.`;
  return (
    <button
      type="button"
      id={badgeButtonId(turnId)}
      data-turn={turnId}
      class={`po-badge${info.shift ? ' po-badge-shift' : ''}`}
      style={style}
      aria-expanded={open}
      aria-haspopup="dialog"
      aria-keyshortcuts="Alt+Shift+N Alt+Shift+P"
      aria-label={label}
      title={label}
      onClick={(e) => onToggle(turnId, e)}
    >
      <StateChip state={info.state} stateName={info.stateName} />
      {mark && <span class="po-badge-mark">{mark}</span>}
      {live && <span class="po-badge-mark po-badge-live">{live}</span>}
      {info.route && <span class="po-badge-route">↪ {info.route}</span>}
      {judged && <span class={`po-badge-judged po-badge-judged-${info.annotated}`}>{judged}</span>}
    </button>
  );
}

/**
 * In place of a badge, beside a reply the page shows but we could not read (e.g. a report in a
 * frame): says so, so a capture gap is never silent. Text only; nothing to open.
 */
export function GapMarker({ turnId, reason, place }: { turnId: string; reason: string; place: Placement }) {
  const style = placedStyle(place);
  return (
    <span class="po-badge po-badge-gap" data-turn={turnId} style={style} role="note" title={`Persona Observatory: reply not captured: ${reason}`}>
      {`⚠ reply not captured: ${reason}`}
    </span>
  );
}

interface PanelProps {
  turnId: string;
  info: BadgeInfo;
  /** The annotation frame for this reply; null when the reply's key is not known. */
  frameUrl: string | null;
  position: { top: number; left: number };
  /** Hidden (not unmounted, so a half-typed note survives) while its reply is scrolled away. */
  visible: boolean;
  onClose(event: Event): void;
  onHideAll(event: Event): void;
}

const ANNOTATED: Record<AnnotationKind, string> = {
  confirm: 'You confirmed this shift.',
  reject: 'You marked this as not a shift.',
  relabel: 'You relabelled this reply.',
  note: 'You left a note on this reply.',
};

/**
 * Evidence for one reply, and the user's annotation in an extension-origin frame (the page
 * can't read or drive it). Escape or "Close" closes the panel.
 */
export function BadgePanel({ turnId, info, frameUrl, position, visible, onClose, onHideAll }: PanelProps) {
  const headingId = `${badgeButtonId(turnId)}-h`;
  return (
    <div
      class="po-panel"
      tabIndex={-1}
      role="dialog"
      aria-labelledby={headingId}
      style={{ top: `${position.top}px`, left: `${position.left}px`, visibility: visible ? 'visible' : 'hidden' }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose(e);
        }
      }}
    >
      <div class="po-panel-head">
        <StateChip state={info.state} stateName={info.stateName} />
        <h2 id={headingId}>
          {info.shift
            ? `Shift detected · ${certaintyOf({ kind: info.labels[0]?.kind ?? '', confidence: info.confidence })}`
            : possibleShift(info)
              ? `Possible shift (live estimate, revised when the next reply arrives) · ${formatConfidence(info.confidence)}`
              : 'No shift at this reply'}
        </h2>
        <span class="po-spacer" />
        <button type="button" class="po-btn po-btn-small" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </div>
      {info.labels.length > 0 && (
        <ul>
          {info.labels.map((l) => (
            <li key={l.kind + l.text}>
              <LabelText label={l} />
            </li>
          ))}
        </ul>
      )}
      {info.route && <p class="po-panel-route">{`The site's own response says: ${info.route}. (page-reported)`}</p>}
      <EvidenceList evidence={info.evidence} limit={5} />
      {info.annotated && <p class="po-muted">{ANNOTATED[info.annotated]}</p>}
      {frameUrl && <iframe class="po-annot-frame" src={frameUrl} title="Your annotation: confirm, reject, relabel or note" />}
      <p class="po-muted po-keys">Keys: Alt+Shift+N / Alt+Shift+P next / previous shift · Alt+Shift+B this reply's badge · Esc closes</p>
      <div class="po-panel-foot">
        <span class="po-muted">Persona Observatory</span>
        <button type="button" class="po-btn po-btn-small" onClick={onHideAll}>
          Hide all badges
        </button>
      </div>
    </div>
  );
}
