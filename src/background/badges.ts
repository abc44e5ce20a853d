/**
 * Badge data for the captured assistant turns of a page, from stored analyses and annotations.
 * Only the kind of the user's annotation goes to the page, never its note or label text.
 */
import { turnKey } from '../core/model/keys.ts';
import type { Annotation, CapturedTurn, StoredAnalysis } from '../core/model/types.ts';
import type { BadgeInfo } from '../messaging/responses.ts';
import { rerouteText } from '../core/route/reroute.ts';
import { getConversationAnalyses } from '../store/read.ts';
import { readRoutes } from '../store/routes.ts';
import type { ObservatoryDB } from '../store/schema.ts';

/** `written`: the analyses a recompute just wrote (all of the conversation's); else they are read. */
export async function buildBadges(
  db: ObservatoryDB,
  conversationKey: string,
  turns: readonly CapturedTurn[],
  written: readonly StoredAnalysis[] | null = null,
): Promise<Record<string, BadgeInfo>> {
  const replyIds = turns.filter((t) => t.role === 'assistant' && !t.streaming).map((t) => t.id);
  const [analyses, annotations, routes] = await Promise.all([
    written ?? getConversationAnalyses(db, conversationKey),
    db.getAllFromIndex('annotations', 'by-conversation', conversationKey),
    readRoutes(db, conversationKey, replyIds),
  ]);
  const analysisOf = new Map(analyses.map((a) => [a.turnKey, a]));
  const annotationOf = new Map<string, Annotation>();
  // A verdict (confirm/reject/relabel) is what a badge shows; a note only when there is no verdict.
  // Only your own: the badge edits them, and judgements imported from annotation tools are not yours to edit there.
  for (const a of annotations.filter((x) => x.origin === undefined).sort((x, y) => Number(x.kind !== 'note') - Number(y.kind !== 'note'))) {
    annotationOf.set(a.turnKey, a);
  }
  const badges: Record<string, BadgeInfo> = {};
  for (const t of turns) {
    if (t.role !== 'assistant' || t.streaming) continue;
    const key = turnKey(conversationKey, t.id);
    const a = analysisOf.get(key);
    if (!a) continue;
    badges[t.id] = {
      turnKey: key,
      state: a.state,
      stateName: a.stateName,
      shift: a.shift,
      confidence: a.confidence,
      labels: a.labels,
      evidence: a.labels.flatMap((l) => l.evidence),
      annotated: annotationOf.get(key)?.kind ?? null,
      route: rerouteText(routes.get(t.id) ?? null),
    };
  }
  return badges;
}
