/**
 * The ChatGPT fields the route parsers share: which message is the visible answer, and how
 * the route-bearing metadata is read and turned into an observation (routing.md §1.5–1.6).
 * Pure. Never reads text, tokens or infrastructure keys.
 */
import { countDrop, type DropCounts } from './drop-reasons.ts';
import { isRouteId, isSlug, type RouteObservation, type RouteVia } from './observation.ts';

type Rec = Record<string, unknown>;
export const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The visible answer: assistant, plain text to everyone, final (or no) channel, not hidden.
 * Thoughts, reasoning recaps, tool calls and commentary are not replies (routing.md §8 Semantics).
 */
export function isAnswerMessage(message: unknown): message is Rec {
  if (!isRec(message)) return false;
  const author = isRec(message.author) ? message.author : null;
  const content = isRec(message.content) ? message.content : null;
  const metadata = isRec(message.metadata) ? message.metadata : {};
  return (
    author?.role === 'assistant' &&
    content?.content_type === 'text' &&
    (message.recipient === undefined || message.recipient === 'all') &&
    (message.channel === undefined || message.channel === null || message.channel === 'final') &&
    metadata.is_visually_hidden_from_conversation !== true
  );
}

/** A slug field, or null; a present but malformed value is counted. */
export function slugField(source: Rec, key: string, counts: DropCounts): string | null {
  const v = source[key];
  if (v === undefined || v === null) return null;
  if (isSlug(v)) return v;
  countDrop(counts, 'bad-field');
  return null;
}

/** An id field, or null; a present but malformed value is counted. */
export function idField(source: Rec, key: string, counts: DropCounts): string | null {
  const v = source[key];
  if (v === undefined || v === null) return null;
  if (isRouteId(v)) return v;
  countDrop(counts, 'bad-field');
  return null;
}

/** What one reply's sources said, before it becomes an observation. */
export interface AnswerFacts {
  messageId: string;
  conversationId: string | null;
  /** The request body's `model`, when the observer saw the request. */
  request: string | null;
  /** The answer's `metadata.model_slug`: the label layer. */
  label: string | null;
  /** `default_model_slug` (answer, else conversation). */
  defaultSlug: string | null;
  /** `resolved_model_slug` on the answer. */
  resolved: string | null;
  /** `resolved_model_slug` on the user message before it (the `input_message` echo). */
  resolvedEcho: string | null;
  /** `server_ste_metadata`, the ★ keys only; null when none arrived for this reply. */
  ste: SteFacts | null;
  /** The stream said it completed (`message_stream_complete` or the answer's `is_complete`). */
  complete: boolean;
}

/** The ★ keys of `server_ste_metadata` (routing.md §1.5); infrastructure keys are never kept. */
export interface SteFacts {
  modelSlug: string | null;
  resolved: string | null;
  autoSwitched: boolean | null;
  autoswitcherEnabled: boolean | null;
  raceWinner: string | null;
  requestedExperience: string | null;
  productExperience: string | null;
  useCase: string | null;
  turnMode: string | null;
  planBucket: string | null;
  toolInvoked: boolean | null;
}

const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

export function steFacts(metadata: Rec, counts: DropCounts): SteFacts {
  return {
    modelSlug: slugField(metadata, 'model_slug', counts),
    resolved: slugField(metadata, 'resolved_model_slug', counts),
    autoSwitched: bool(metadata.did_auto_switch_to_reasoning),
    autoswitcherEnabled: bool(metadata.is_autoswitcher_enabled),
    raceWinner: slugField(metadata, 'auto_switcher_race_winner', counts),
    requestedExperience: slugField(metadata, 'requested_model_experience', counts),
    productExperience: slugField(metadata, 'product_experience', counts),
    useCase: slugField(metadata, 'turn_use_case', counts),
    turnMode: slugField(metadata, 'turn_mode', counts),
    planBucket: slugField(metadata, 'plan_type_bucket', counts),
    toolInvoked: bool(metadata.tool_invoked),
  };
}

/** Slugs compared as routing.md §1.6 allows: literally, after `.` → `-`. */
import { sameSlug } from './reroute.ts';

/**
 * The observation of one reply. Each field comes from its own source (never one from another):
 * requested = request body, else the default; shown = label; served = STE, else resolved, else
 * the echo. The chosen sources are named in the flags.
 */
export function observationOf(f: AnswerFacts, via: RouteVia): RouteObservation | null {
  const flags: string[] = [];
  let requested = f.request;
  if (requested !== null) flags.push('requested-from:request');
  else if (f.defaultSlug !== null) {
    requested = f.defaultSlug;
    flags.push('requested-from:default');
  }

  let served: string | null = null;
  const ste = f.ste;
  if (ste?.modelSlug) {
    served = ste.modelSlug;
    flags.push('served-from:ste');
  } else if (ste?.resolved) {
    served = ste.resolved;
    flags.push('served-from:ste-resolved');
  } else if (f.resolved) {
    served = f.resolved;
    flags.push('served-from:resolved');
  } else if (f.resolvedEcho) {
    served = f.resolvedEcho;
    flags.push('served-from:resolved-echo');
  }
  const resolved = ste?.resolved ?? f.resolved ?? f.resolvedEcho;
  if (ste?.modelSlug && resolved && !sameSlug(ste.modelSlug, resolved)) flags.push('conflict');

  if (ste) {
    if (ste.autoSwitched) flags.push('auto-switched-to-reasoning');
    if (ste.autoswitcherEnabled) flags.push('autoswitcher-enabled');
    if (ste.raceWinner) flags.push(`race-winner:${ste.raceWinner}`);
    if (ste.requestedExperience) flags.push(`requested-experience:${ste.requestedExperience}`);
    if (ste.useCase) flags.push(`use-case:${ste.useCase}`);
    if (ste.planBucket) flags.push(`plan:${ste.planBucket}`);
    if (ste.toolInvoked) flags.push('tool-invoked');
  } else if (via !== 'record' && !f.complete) {
    // A stopped or cut-off reply: no server route (routing.md §0.4).
    flags.push('incomplete');
  }
  if (requested === null && f.label === null && served === null) return null;
  return {
    site: 'chatgpt',
    conversationId: f.conversationId,
    messageId: f.messageId,
    requested,
    shown: f.label,
    served,
    flags: flags.slice(0, 15),
    via,
  };
}
