/**
 * Normalises what the router is given (stored bundles or plain conversations) into one shape:
 * per conversation, the assistant replies in order, each with its features, shown model and
 * the user text that prompted it.
 */
import type { ConversationBundle, FeatureValues, RouteInfo, Turn } from '../model/types.ts';
import type { FeatureExtractor, RouterConversation, RouterInput } from './types.ts';

export interface PreparedReply {
  features: FeatureValues;
  model: string | null;
  /** User turn(s) between the previous reply and this one, joined; '' when none. */
  prompt: string;
  /** Page-reported route of this reply, when captured. */
  route: RouteInfo | null;
  /** The stored detector state of this reply, when known. */
  segment: string | null;
  /** Milliseconds from the previous reply to the (first) user turn before this one; null when unknown. */
  gapMs: number | null;
}

export interface PreparedConversation {
  id: string;
  replies: PreparedReply[];
  userTurns: number;
}

export function isBundleList(input: RouterInput | readonly ConversationBundle[]): input is readonly ConversationBundle[] {
  return input.length > 0 && 'conversation' in input[0];
}

/** Main-line turns of stored bundles, with the detector's stored features where present. */
export function bundlesToRouterInput(bundles: readonly ConversationBundle[]): RouterInput {
  return bundles.map((b) => {
    const analysisByTurn = new Map(b.analyses.map((a) => [a.turnKey, a] as const));
    const turns = b.turns
      .filter((t) => t.alternativeOf === null)
      .sort((x, y) => x.order - y.order)
      .map((t) => ({
        role: t.role,
        text: t.text,
        model: t.model,
        features: analysisByTurn.get(t.key)?.features,
        segment: analysisByTurn.get(t.key)?.state ?? null,
        route: routeOf(t),
        createdAt: t.createdAt,
      }));
    return { id: b.conversation.key, site: b.conversation.site, turns };
  });
}

/** The stored turn's route once route capture (issue 15) adds it to `Turn`; null until then. */
function routeOf(t: Turn): RouteInfo | null {
  return (t as Turn & { route?: RouteInfo | null }).route ?? null;
}

export function prepare(input: RouterInput, extract: FeatureExtractor): PreparedConversation[] {
  return input.map((c) => prepareOne(c, extract));
}

function prepareOne(c: RouterConversation, extract: FeatureExtractor): PreparedConversation {
  const replies: PreparedReply[] = [];
  let pending: string[] = [];
  let userTurns = 0;
  let lastReplyAt: number | null = null;
  let firstUserAt: number | null = null;
  for (const t of c.turns) {
    if (t.role === 'user') {
      userTurns++;
      if (pending.length === 0) firstUserAt = t.createdAt ?? null;
      pending.push(t.text);
      continue;
    }
    const gapMs = lastReplyAt !== null && firstUserAt !== null ? firstUserAt - lastReplyAt : null;
    replies.push({
      features: t.features ?? extract(t.text),
      model: t.model ?? null,
      prompt: pending.join('\n\n'),
      route: t.route ?? null,
      segment: t.segment ?? null,
      gapMs,
    });
    lastReplyAt = t.createdAt ?? null;
    firstUserAt = null;
    pending = [];
  }
  return { id: c.id, replies, userTurns };
}
