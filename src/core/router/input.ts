/**
 * Normalises what the router is given (stored bundles or plain conversations) into one shape:
 * per conversation, the assistant replies in order, each with its features, shown model and
 * the user text that prompted it.
 */
import type { ConversationBundle, FeatureValues } from '../types.ts';
import type { FeatureExtractor, RouterConversation, RouterInput } from './types.ts';

export interface PreparedReply {
  features: FeatureValues;
  model: string | null;
  /** User turn(s) between the previous reply and this one, joined; '' when none. */
  prompt: string;
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
    const featuresByTurn = new Map(b.analyses.map((a) => [a.turnKey, a.features] as const));
    const turns = b.turns
      .filter((t) => t.alternativeOf === null)
      .sort((x, y) => x.order - y.order)
      .map((t) => ({ role: t.role, text: t.text, model: t.model, features: featuresByTurn.get(t.key) }));
    return { id: b.conversation.key, site: b.conversation.site, turns };
  });
}

export function prepare(input: RouterInput, extract: FeatureExtractor): PreparedConversation[] {
  return input.map((c) => prepareOne(c, extract));
}

function prepareOne(c: RouterConversation, extract: FeatureExtractor): PreparedConversation {
  const replies: PreparedReply[] = [];
  let pending: string[] = [];
  let userTurns = 0;
  for (const t of c.turns) {
    if (t.role === 'user') {
      userTurns++;
      pending.push(t.text);
      continue;
    }
    replies.push({ features: t.features ?? extract(t.text), model: t.model ?? null, prompt: pending.join('\n\n') });
    pending = [];
  }
  return { id: c.id, replies, userTurns };
}
