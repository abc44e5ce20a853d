import { useMemo, useState } from 'preact/hooks';
import type { Annotation, TurnStepKind } from '../../../core/model/types.ts';
import type { TranscriptEntry } from './model.ts';
import { useServices } from '../../adapters/services.ts';
import { StateChip } from '../../../common/StateChip.tsx';
import { LabelText } from '../../../common/LabelText.tsx';
import { EvidenceList } from '../../../common/EvidenceList.tsx';
import { AnnotationControls, describeAnnotation } from '../../components/AnnotationControls.tsx';
import { Certainty } from '../../../common/Certainty.tsx';
import { ModelName } from '../../../common/ModelName.tsx';
import { Markdown } from '../../components/Markdown.tsx';
import { formatDateTime, formatValue } from '../../../common/format.ts';

interface Props {
  entry: TranscriptEntry;
  selected: boolean;
  labelOf(feature: string): string;
  /** Keeps the view's copy of the bundle current without reloading it (null = withdrawn). */
  onAnnotated(turnKey: string, annotation: Annotation | null): void;
}

export function replyElementId(replyIndex: number): string {
  return `po-reply-${replyIndex}`;
}

/** Replies longer than this (characters) start collapsed. */
export const COLLAPSE_CHARS = 1500;

/**
 * One turn of the transcript. For a reply, everything the tool says about it comes first, in the
 * header: persona, shift and how sure, the labels and the top evidence; then the text, rendered
 * from its Markdown syntax tree (never HTML) and collapsed when long.
 */
export function TurnView({ entry, selected, labelOf, onAnnotated }: Props) {
  const { turn, analysis, persona, annotation, imported, replyIndex, alternatives } = entry;
  const { commands, core } = useServices();
  const [showWhy, setShowWhy] = useState(false);
  const [annotating, setAnnotating] = useState(false);
  const long = turn.text.length > COLLAPSE_CHARS;
  // Thinking steps are the thinking summary below; the others (status, tool, search) are listed.
  const steps = (turn.steps ?? []).filter((s) => s.kind !== 'thinking');
  const [expanded, setExpanded] = useState(!long);
  const isReply = replyIndex !== null;
  const evidence = analysis ? analysis.labels.flatMap((l) => l.evidence) : [];
  const topEvidence = [...evidence].sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect)).slice(0, 3);
  const notApplicable = useMemo(
    () => (analysis ? core.features.filter((f) => f.englishOnly && analysis.features[f.name] === null).map((f) => f.label) : []),
    [analysis, core.features],
  );
  const idBase = `po-t-${turn.key.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  const textId = `${idBase}-text`;
  return (
    <article
      class={`po-turn po-turn-${turn.role}${selected ? ' po-turn-selected' : ''}${analysis?.shift ? ' po-turn-shift' : ''}`}
      aria-label={isReply ? `Reply ${replyIndex + 1}` : 'Your message'}
    >
      <header class="po-turn-head" id={isReply ? replyElementId(replyIndex) : undefined} tabIndex={isReply ? -1 : undefined}>
        <span class="po-turn-role">{isReply ? `Reply ${replyIndex + 1}` : 'You'}</span>
        {turn.model && <ModelName slug={turn.model} class="po-tag po-tag-model" />}
        {analysis && <StateChip state={analysis.state} stateName={analysis.stateName} persona={persona} />}
        {analysis?.shift && (
          <span class="po-shift-flag">
            Shift · <Certainty kind={analysis.labels[0]?.kind} confidence={analysis.confidence} />
          </span>
        )}
        {annotation && <span class="po-tag po-tag-annot">You: {describeAnnotation(annotation)}</span>}
        <span class="po-turn-time po-muted">{formatDateTime(turn.createdAt ?? turn.capturedAt)}</span>
      </header>
      {analysis && analysis.labels.length > 0 && (
        <ul class="po-labels">
          {analysis.labels.map((l) => (
            <li key={l.kind + l.text}>
              <LabelText label={l} />
            </li>
          ))}
        </ul>
      )}
      {isReply && analysis && (
        <div class="po-turn-why">
          {topEvidence.length > 0 && (
            <p class="po-muted po-small">
              Why: {topEvidence.map((e) => `${labelOf(e.feature)} ${e.effect > 0 ? '▲' : '▼'} ${formatValue(Math.abs(e.effect))} SD`).join(' · ')}
            </p>
          )}
          {notApplicable.length > 0 && <p class="po-muted po-small">Not measured (the reply is not in English): {notApplicable.join(', ')}.</p>}
          <div class="po-turn-actions">
            <button type="button" class="po-btn po-btn-small" aria-expanded={showWhy} onClick={() => setShowWhy(!showWhy)}>
              {showWhy ? 'Hide evidence' : 'Evidence'}
            </button>
            <button type="button" class="po-btn po-btn-small" data-annotate aria-expanded={annotating} onClick={() => setAnnotating(!annotating)}>
              {annotating ? 'Close annotation' : 'Annotate'}
            </button>
          </div>
          {showWhy && <EvidenceList evidence={evidence} labelOf={labelOf} />}
          {annotating && (
            // Escape anywhere inside the annotation closes it and returns focus to "Annotate".
            <div
              onKeyDown={(e) => {
                if (e.key !== 'Escape') return;
                e.preventDefault();
                setAnnotating(false);
                const button = (e.currentTarget as HTMLElement).closest('.po-turn-why')?.querySelector<HTMLElement>('[data-annotate]');
                button?.focus();
              }}
            >
              <AnnotationControls
                idPrefix={idBase}
                annotation={annotation}
                vocabulary={core.vocabulary}
                save={async (d) => {
                  const a = await commands.saveAnnotation({ turnKey: turn.key, conversationKey: turn.conversationKey, ...d });
                  onAnnotated(turn.key, a);
                  return a;
                }}
                remove={async (id) => {
                  await commands.deleteAnnotation(id);
                  onAnnotated(turn.key, null);
                }}
              />
            </div>
          )}
        </div>
      )}
      {imported.length > 0 && (
        <ul class="po-imported" aria-label="Judgements from annotation tools">
          {imported.map((a) => (
            <li key={a.id} class="po-tag po-tag-annot">
              {toolName(a)}
              {a.origin?.author ? ` · ${a.origin.author}` : ''}: {describeAnnotation(a)}
              <span class="po-muted"> · {formatDateTime(a.updatedAt)}</span>
            </li>
          ))}
        </ul>
      )}
      {turn.notCaptured !== undefined ? (
        // The page showed this reply but its body could not be read: a visible placeholder, never a blank.
        <p class="po-not-captured" role="note">
          <strong>Reply not captured:</strong> {turn.notCaptured}. It stays in the timeline but is left out of the analysis.
        </p>
      ) : (
        <div id={textId} class={`po-text${expanded ? '' : ' po-collapsed'}`}>
          <Markdown text={turn.text} />
        </div>
      )}
      {turn.citations && turn.citations.length > 0 && (
        <details class="po-sources">
          <summary>Sources ({turn.citations.length})</summary>
          {/* Plain text, not links: a captured URL is never made clickable here. */}
          <ol>
            {turn.citations.map((url, i) => (
              <li key={`${i}:${url}`}>{url}</li>
            ))}
          </ol>
        </details>
      )}
      {steps.length > 0 && (
        <details class="po-steps">
          <summary>Steps shown with the reply ({steps.length})</summary>
          <ul>
            {steps.map((step, i) => (
              <li key={`${i}:${step.kind}`}>
                <span class="po-tag">{STEP_WORDS[step.kind]}</span> {step.text}
              </li>
            ))}
          </ul>
        </details>
      )}
      {long && turn.notCaptured === undefined && (
        <button type="button" class="po-btn po-btn-small po-expand" aria-expanded={expanded} aria-controls={textId} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Collapse reply' : `Show the whole reply (${turn.text.length.toLocaleString('en')} characters)`}
        </button>
      )}
      {turn.thinking && (
        <details class="po-thinking">
          <summary>Thinking summary</summary>
          <div class="po-text">
            <Markdown text={turn.thinking} />
          </div>
        </details>
      )}
      {alternatives.length > 0 && (
        <details class="po-alts">
          <summary>
            {alternatives.length} other version{alternatives.length === 1 ? '' : 's'} of this turn
          </summary>
          {alternatives.map((a) => (
            <div key={a.key} class="po-text po-alt">
              <Markdown text={a.text} />
            </div>
          ))}
        </details>
      )}
    </article>
  );
}

const STEP_WORDS: Record<TurnStepKind, string> = { thinking: 'thinking', status: 'status', tool: 'tool use', search: 'web search' };

function toolName(a: Annotation): string {
  return a.origin?.tool === 'argilla' ? 'Argilla' : 'Label Studio';
}
