import { useRef, useState } from 'preact/hooks';
import type { Annotation, AnnotationKind } from '../../core/model/types.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { JUDGEMENT_WORDS } from '../../core/vocabulary/judgements.ts';

export interface AnnotationDraft {
  kind: AnnotationKind;
  label: string | null;
  note: string | null;
}

export interface VocabularyEntry {
  kind: string;
  example: string;
  meaning: string;
}

interface Props {
  annotation: Annotation | null;
  vocabulary: readonly VocabularyEntry[];
  /** Persists at once (annotation/save); resolves with what was stored. */
  save(draft: AnnotationDraft): Promise<Annotation>;
  /** Optional: lets the user withdraw their judgement (annotation/delete). */
  remove?(id: string): Promise<void>;
  /** Used to build unique ids for label/input pairs. */
  idPrefix: string;
  /** "Clear" asks before withdrawing (the annotation frame: destructive actions confirm). */
  confirmRemove?: boolean;
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

/**
 * The user's judgement on one reply: confirm, reject, relabel (free text or from the vocabulary)
 * and a note. Every action saves immediately and says so. Used in the page badge panel and in
 * the dashboard transcript, so both places behave the same.
 */
export function AnnotationControls({ annotation, vocabulary, save, remove, idPrefix, confirmRemove }: Props) {
  const [current, setCurrent] = useState<Annotation | null>(annotation);
  const [label, setLabel] = useState(annotation?.label ?? '');
  const [note, setNote] = useState(annotation?.note ?? '');
  const [status, setStatus] = useState<SaveState>({ kind: 'idle' });
  // While saving, buttons say so with aria-disabled but are never `disabled`: disabling the
  // focused button would drop focus to <body>, and Escape would no longer reach the panel.
  const busy = status.kind === 'saving';
  const group = useRef<HTMLDivElement>(null);

  async function commit(kind: AnnotationKind, labelText: string | null) {
    if (busy) return;
    setStatus({ kind: 'saving' });
    try {
      const stored = await save({ kind, label: labelText, note: note.trim() || null });
      setCurrent(stored);
      setStatus({ kind: 'saved' });
    } catch (err) {
      setStatus({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  async function withdraw() {
    if (!current || !remove || busy) return;
    setStatus({ kind: 'saving' });
    try {
      await remove(current.id);
      setCurrent(null);
      setStatus({ kind: 'saved' });
      // "Clear" disappears with the judgement: keep focus inside the controls.
      group.current?.querySelector<HTMLElement>('button')?.focus();
    } catch (err) {
      setStatus({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  const judged = current?.kind;
  const labelId = `${idPrefix}-relabel`;
  const noteId = `${idPrefix}-note`;
  return (
    <div ref={group} class="po-annot" role="group" aria-label="Your annotation">
      <div class="po-annot-row">
        <button type="button" class="po-btn po-btn-small" aria-pressed={judged === 'confirm'} aria-disabled={busy} onClick={() => commit('confirm', null)}>
          Confirm shift
        </button>
        <button type="button" class="po-btn po-btn-small" aria-pressed={judged === 'reject'} aria-disabled={busy} onClick={() => commit('reject', null)}>
          Not a shift
        </button>
        {current &&
          remove &&
          (confirmRemove ? (
            <ConfirmButton label="Clear" question="Clear your judgement and note?" confirmLabel="Clear" onConfirm={withdraw} disabled={busy} />
          ) : (
            <button type="button" class="po-btn po-btn-small" aria-disabled={busy} onClick={withdraw}>
              Clear
            </button>
          ))}
      </div>
      <div class="po-annot-row">
        <label for={labelId} class="po-muted">
          Relabel
        </label>
        <input
          id={labelId}
          class="po-input"
          type="text"
          value={label}
          placeholder="e.g. tone: formal → playful"
          onInput={(e) => setLabel(e.currentTarget.value)}
          size={22}
        />
        {vocabulary.length > 0 && (
          <select
            class="po-select"
            aria-label="Pick a label from the vocabulary"
            value=""
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (v) setLabel(v);
            }}
          >
            <option value="">vocabulary…</option>
            {vocabulary.map((v) => (
              <option key={v.example} value={v.example} title={v.meaning}>
                {v.example}
              </option>
            ))}
          </select>
        )}
        <button
          type="button"
          class="po-btn po-btn-small"
          aria-pressed={judged === 'relabel'}
          aria-disabled={busy || !label.trim()}
          onClick={() => {
            if (label.trim()) void commit('relabel', label.trim());
          }}
        >
          Save label
        </button>
      </div>
      <div class="po-annot-row">
        <label for={noteId} class="po-sr-only">
          Note
        </label>
        <textarea id={noteId} class="po-textarea" rows={2} value={note} placeholder="Note (optional)" onInput={(e) => setNote(e.currentTarget.value)} />
        <button
          type="button"
          class="po-btn po-btn-small"
          aria-disabled={busy || !note.trim()}
          onClick={() => {
            if (note.trim()) void commit(judged && judged !== 'note' ? judged : 'note', judged === 'relabel' ? label.trim() : null);
          }}
        >
          Save note
        </button>
      </div>
      <p class="po-annot-status" role="status" aria-live="polite">
        {status.kind === 'saving' && <span class="po-muted">Saving…</span>}
        {status.kind === 'saved' && <span class="po-saved">✓ Saved</span>}
        {status.kind === 'error' && <span class="po-error">Not saved: {status.message}</span>}
        {status.kind === 'idle' && current && <span class="po-muted">Your judgement: {describeAnnotation(current)}</span>}
      </p>
    </div>
  );
}

export function describeAnnotation(a: Annotation): string {
  const what = a.kind === 'relabel' ? `${JUDGEMENT_WORDS.relabel} “${a.label ?? ''}”` : JUDGEMENT_WORDS[a.kind];
  return a.note ? `${what} — ${a.note}` : what;
}
