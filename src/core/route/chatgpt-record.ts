/**
 * ChatGPT conversation record (`GET /backend-api/conversation/<id>`, and the same `mapping`
 * tree in an account export) → one route observation per visible answer on the active path.
 * Pure, never throws. Walks `current_node` → `parent` (inactive branches skipped); the
 * answer's `model_slug` is the label, `default_model_slug` the requested default, and
 * `resolved_model_slug` on the answer or on the user message before it is the served model
 * (routing.md §1.7). A record carries no `server_ste_metadata`, so a stream observation of
 * the same reply is worth more: the caller never lets a record overwrite one.
 */
import type { DropCounts } from './drop-reasons.ts';
import { idField, isAnswerMessage, isRec, observationOf, slugField } from './chatgpt-fields.ts';
import type { RouteInfo } from '../model/types.ts';
import type { RouteObservation } from './observation.ts';

export interface ChatGptRecordResult {
  observations: RouteObservation[];
  drops: DropCounts;
}

/** Longest parent chain followed (a cycle or a forged deep chain stops here). */
const MAX_PATH = 20_000;

export function parseChatGptRecord(record: unknown, conversationId: string | null): ChatGptRecordResult {
  const drops: DropCounts = {};
  const observations: RouteObservation[] = [];
  if (!isRec(record) || !isRec(record.mapping) || typeof record.current_node !== 'string') return { observations, drops };
  const mapping = record.mapping;
  const conversationDefault = slugField(record, 'default_model_slug', drops);

  // The active path, root first.
  const path: Record<string, unknown>[] = [];
  const visited = new Set<string>();
  let id: unknown = record.current_node;
  while (typeof id === 'string' && !visited.has(id) && path.length < MAX_PATH) {
    visited.add(id);
    const node: unknown = Object.hasOwn(mapping, id) ? mapping[id] : undefined;
    if (!isRec(node)) break;
    path.push(node);
    id = node.parent;
  }
  path.reverse();

  let echo: string | null = null;
  for (const node of path) {
    const message = node.message;
    if (!isRec(message)) continue;
    const metadata = isRec(message.metadata) ? message.metadata : {};
    if (isRec(message.author) && message.author.role === 'user') {
      echo = slugField(metadata, 'resolved_model_slug', drops);
      continue;
    }
    if (!isAnswerMessage(message)) continue;
    const messageId = idField(message, 'id', drops);
    if (messageId === null) continue;
    const o = observationOf(
      {
        messageId,
        conversationId,
        request: null,
        label: slugField(metadata, 'model_slug', drops),
        defaultSlug: slugField(metadata, 'default_model_slug', drops) ?? conversationDefault,
        resolved: slugField(metadata, 'resolved_model_slug', drops),
        resolvedEcho: echo,
        ste: null,
        complete: true,
      },
      'record',
    );
    if (o) observations.push(o);
  }
  return { observations, drops };
}

/**
 * The route of one reply in a ChatGPT account export (the same `mapping` metadata as the
 * record): label `model_slug`, default `default_model_slug`, served `resolved_model_slug` on
 * the reply or on the user message before it. Null when the export says none of them.
 */
export function exportRouteOf(replyMetadata: unknown, userMetadata: unknown): RouteInfo | null {
  const drops: DropCounts = {};
  const reply = isRec(replyMetadata) ? replyMetadata : {};
  const user = isRec(userMetadata) ? userMetadata : {};
  const o = observationOf(
    {
      messageId: 'export',
      conversationId: null,
      request: null,
      label: slugField(reply, 'model_slug', drops),
      defaultSlug: slugField(reply, 'default_model_slug', drops),
      resolved: slugField(reply, 'resolved_model_slug', drops),
      resolvedEcho: slugField(user, 'resolved_model_slug', drops),
      ste: null,
      complete: true,
    },
    'record',
  );
  return o ? { requested: o.requested, shown: o.shown, served: o.served, flags: o.flags, source: 'export' } : null;
}
