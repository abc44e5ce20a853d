import { useState } from 'preact/hooks';
import type { Annotation } from '../../../core/types.ts';
import type { TranscriptEntry } from './model.ts';
import { useServices } from '../../adapters/services.ts';
import { StateChip } from '../../components/StateChip.tsx';
import { LabelText } from '../../components/LabelText.tsx';
import { EvidenceList } from '../../components/EvidenceList.tsx';
import { AnnotationControls, describeAnnotation } from '../../components/AnnotationControls.tsx';
import { formatConfidence, formatDateTime } from '../../components/format.ts';

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

/** One turn of the transcript: text (as text, never HTML), and for replies the persona labels inline. */
export function TurnView({ entry, selected, labelOf, onAnnotated }: Props) {
  const { turn, analysis, annotation, imported, replyIndex, alternatives } = entry;
  const { commands, core } = useServices();
  const [showWhy, setShowWhy] = useState(false);
  const [annotating, setAnnotating] = useState(false);
  const isReply = replyIndex !== null;
  const evidence = analysis ? analysis.labels.flatMap((l) => l.evidence) : [];
  const idBase = `po-t-${turn.key.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  return (
    <article id={isReply ? replyElementId(replyIndex) : undefined} tabIndex={isReply ? -1 : undefined}
      class={`po-turn po-turn-${turn.role}${selected ? ' po-turn-selected' : ''}${analysis?.shift ? ' po-turn-shift' : ''}`}
      aria-label={isReply ? `Reply ${replyIndex + 1}` : 'Your message'}>
      <header class="po-turn-head">
        <span class="po-turn-role">{isReply ? `Reply ${replyIndex + 1}` : 'You'}</span>
        {turn.model && <span class="po-tag po-tag-model">{turn.model}</span>}
        {analysis && <StateChip state={analysis.state} stateName={analysis.stateName} />}
        {analysis?.shift && (
          <span class="po-shift-flag">Shift · {formatConfidence(analysis.confidence)}</span>
        )}
        {annotation && <span class="po-tag po-tag-annot">You: {describeAnnotation(annotation)}</span>}
        <span class="po-turn-time po-muted">{formatDateTime(turn.createdAt ?? turn.capturedAt)}</span>
      </header>
      {analysis && analysis.labels.length > 0 && (
        <ul class="po-labels">
          {analysis.labels.map((l) => <li key={l.kind + l.text}><LabelText label={l} /></li>)}
        </ul>
      )}
      {imported.length > 0 && (
        <ul class="po-imported" aria-label="Judgements from annotation tools">
          {imported.map((a) => (
            <li key={a.id} class="po-tag po-tag-annot">
              {toolName(a)}{a.origin?.author ? ` · ${a.origin.author}` : ''}: {describeAnnotation(a)}
              <span class="po-muted"> · {formatDateTime(a.updatedAt)}</span>
            </li>
          ))}
        </ul>
      )}
      <div class="po-text">{turn.text}</div>
      {turn.thinking && (
        <details class="po-thinking"><summary>Thinking summary</summary><div class="po-text">{turn.thinking}</div></details>
      )}
      {alternatives.length > 0 && (
        <details class="po-alts">
          <summary>{alternatives.length} other version{alternatives.length === 1 ? '' : 's'} of this turn</summary>
          {alternatives.map((a) => <div key={a.key} class="po-text po-alt">{a.text}</div>)}
        </details>
      )}
      {isReply && analysis && (
        <div class="po-turn-actions">
          <button type="button" class="po-btn po-btn-small" aria-expanded={showWhy} onClick={() => setShowWhy(!showWhy)}>
            {showWhy ? 'Hide evidence' : 'Why?'}
          </button>
          <button type="button" class="po-btn po-btn-small" aria-expanded={annotating} onClick={() => setAnnotating(!annotating)}>
            {annotating ? 'Close annotation' : 'Annotate'}
          </button>
        </div>
      )}
      {showWhy && <EvidenceList evidence={evidence} labelOf={labelOf} />}
      {annotating && (
        <AnnotationControls idPrefix={idBase} annotation={annotation} vocabulary={core.vocabulary}
          save={async (d) => {
            const a = await commands.saveAnnotation({ turnKey: turn.key, conversationKey: turn.conversationKey, ...d });
            onAnnotated(turn.key, a);
            return a;
          }}
          remove={async (id) => { await commands.deleteAnnotation(id); onAnnotated(turn.key, null); }} />
      )}
    </article>
  );
}

function toolName(a: Annotation): string {
  return a.origin?.tool === 'argilla' ? 'Argilla' : 'Label Studio';
}
