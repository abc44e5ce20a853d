/**
 * A stored bundle arranged for the conversation view: main-line turns in order, each assistant
 * reply joined with its analysis, the user's latest annotation and the judgements imported from
 * annotation tools, alternatives grouped under the turn they replace, and the timeline cells. Pure.
 */
import type { Annotation, ConversationBundle, StoredAnalysis, Turn } from '../../../core/model/types.ts';
import type { TimelineCell } from '../../components/TimelineStrip.tsx';
import { personaOf, type Persona, type PersonaVocabulary } from '../../../core/vocabulary/repertoire.ts';

export interface TranscriptEntry {
  turn: Turn;
  /** Index among assistant replies of the main line; null for user turns. */
  replyIndex: number | null;
  analysis: StoredAnalysis | null;
  /** The global persona of this reply's state (null: user turn, or not in the vocabulary). */
  persona: Persona | null;
  /** Your own latest judgement (made in the extension); the one you can edit here. */
  annotation: Annotation | null;
  /** Judgements imported from annotation tools (Label Studio, Argilla), oldest first. */
  imported: Annotation[];
  alternatives: Turn[];
}

export interface ConversationModel {
  entries: TranscriptEntry[];
  cells: TimelineCell[];
  /** Entry position of each reply index, for scrolling. */
  entryOfReply: number[];
  /** The stored route of each reply (null when the site said nothing), aligned with `cells`. */
  routes: Turn['route'][];
}

/** The user's current judgement on a turn: their most recently updated own annotation. */
export function latestAnnotations(annotations: readonly Annotation[]): Map<string, Annotation> {
  const out = new Map<string, Annotation>();
  for (const a of annotations) {
    if (a.origin !== undefined) continue;
    const prev = out.get(a.turnKey);
    if (!prev || a.updatedAt >= prev.updatedAt) out.set(a.turnKey, a);
  }
  return out;
}

export function buildConversationModel(bundle: ConversationBundle, vocabulary: PersonaVocabulary | null = null): ConversationModel {
  const analyses = new Map(bundle.analyses.map((a) => [a.turnKey, a]));
  const annotations = latestAnnotations(bundle.annotations);
  const imported = new Map<string, Annotation[]>();
  for (const a of [...bundle.annotations].sort((x, y) => x.updatedAt - y.updatedAt)) {
    if (a.origin !== undefined) imported.set(a.turnKey, [...(imported.get(a.turnKey) ?? []), a]);
  }
  const alternatives = new Map<string, Turn[]>();
  const main: Turn[] = [];
  for (const t of bundle.turns) {
    if (t.alternativeOf === null) main.push(t);
    else alternatives.set(t.alternativeOf, [...(alternatives.get(t.alternativeOf) ?? []), t]);
  }
  main.sort((a, b) => a.order - b.order);
  const entries: TranscriptEntry[] = [];
  const cells: TimelineCell[] = [];
  const entryOfReply: number[] = [];
  const routes: Turn['route'][] = [];
  let reply = 0;
  for (const turn of main) {
    const isReply = turn.role === 'assistant';
    const analysis = analyses.get(turn.key) ?? null;
    const annotation = annotations.get(turn.key) ?? null;
    const fromTools = imported.get(turn.key) ?? [];
    const persona = analysis && vocabulary ? personaOf(vocabulary, bundle.conversation.key, analysis.state) : null;
    if (isReply) {
      entryOfReply.push(entries.length);
      routes.push(turn.route);
      cells.push({
        index: reply,
        state: analysis?.state ?? '?',
        stateName: analysis?.stateName ?? (turn.notCaptured !== undefined ? 'reply not captured' : 'not analysed'),
        persona,
        shift: analysis?.shift ?? false,
        confidence: analysis?.confidence ?? 0,
        topLabel: analysis?.labels[0]?.text ?? null,
        model: turn.model,
        annotation: (annotation ?? fromTools.at(-1))?.kind ?? null,
      });
    }
    entries.push({
      turn,
      replyIndex: isReply ? reply : null,
      analysis,
      persona,
      annotation,
      imported: fromTools,
      alternatives: alternatives.get(turn.key) ?? [],
    });
    if (isReply) reply++;
  }
  return { entries, cells, entryOfReply, routes };
}
