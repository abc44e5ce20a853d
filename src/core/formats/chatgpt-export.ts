/**
 * ChatGPT account export (`conversations.json`, also the internal conversation API object):
 * the `mapping` tree → main line from `current_node`, other branches as alternatives, the
 * per-message `metadata.model_slug` as each reply's model, `create_time` as createdAt.
 *
 * Hidden nodes are skipped the way exporters do (pionxzh/chatgpt-exporter): system and tool
 * messages, messages addressed to a tool (recipient ≠ "all"), visually hidden ones, and non-text
 * content (context, code, browsing). `thoughts` nodes become the next visible reply's `thinking`.
 */
import type { ConversationBundle } from '../model/types.ts';
import { buildBundle } from './build-bundle.ts';
import { FormatError } from '../model/errors.ts';
import { checkCount, type ImportLimits } from './limits.ts';
import { asArray, asObject, describeType, isObject, optString, secondsToMs, type JsonObject } from '../model/read-unknown.ts';
import { layoutTree, placeTurns, type TreeNode, type TurnDraft } from './tree.ts';
import { exportRouteOf } from '../route/chatgpt-record.ts';

/** True when parsed JSON looks like a ChatGPT export (array of conversations or one conversation). */
export function looksLikeChatGptExport(data: unknown): boolean {
  const first = Array.isArray(data) ? data[0] : data;
  return isObject(first) && 'mapping' in first;
}

export function importChatGptExport(data: unknown, fileLabel: string, limits: ImportLimits): ConversationBundle[] {
  const list = Array.isArray(data) ? data : [data];
  checkCount(list.length, limits.maxConversations, 'conversations', fileLabel);
  return list.map((raw, i) => importConversation(raw, `${fileLabel}: conversation ${i + 1}`, limits));
}

function importConversation(raw: unknown, position: string, limits: ImportLimits): ConversationBundle {
  const conv = asObject(raw, position, 'conversation');
  const id = optString(conv, 'conversation_id', position) ?? optString(conv, 'id', position);
  if (id === null || id === '') throw new FormatError(position, 'has no id (neither "id" nor "conversation_id")');
  const where = `${position} (id ${id})`;
  const mapping = asObject(conv.mapping, where, 'mapping');
  const nodeIds = Object.keys(mapping);
  checkCount(nodeIds.length, limits.maxTurnsPerConversation, 'messages', where);
  const nodes = readNodes(mapping, where);
  const leaf = selectedLeaf(conv, nodes, mapping, where);
  const layout = layoutTree(nodes, leaf, where);
  const messageIds = uniqueMessageIds(mapping);
  const toTurn = (nodeId: string): TurnDraft | null => visibleTurn(mapping, nodes, nodeId, messageIds, where);
  return buildBundle(
    {
      site: 'chatgpt',
      conversationId: id,
      title: optString(conv, 'title', where),
      url: `https://chatgpt.com/c/${encodeURIComponent(id)}`,
      source: 'import:chatgpt',
      createdAt: secondsToMs(conv.create_time),
      updatedAt: secondsToMs(conv.update_time),
      turns: placeTurns(nodes, layout, toTurn),
    },
    where,
    limits,
  );
}

function readNodes(mapping: JsonObject, where: string): Map<string, TreeNode> {
  const nodes = new Map<string, TreeNode>();
  for (const [id, rawNode] of Object.entries(mapping)) {
    const nodeWhere = `${where}: node ${id}`;
    const node = asObject(rawNode, nodeWhere, 'node');
    const parent = optString(node, 'parent', nodeWhere);
    const children = node.children === undefined || node.children === null ? [] : asArray(node.children, nodeWhere, 'children');
    nodes.set(id, {
      id,
      parent,
      children: children.map((c, k) => {
        if (typeof c !== 'string') throw new FormatError(nodeWhere, `children[${k}] should be a node id, got ${describeType(c)}`);
        return c;
      }),
    });
  }
  return nodes;
}

/** `current_node` if given; otherwise the most recently written leaf (what the site would show). */
function selectedLeaf(conv: JsonObject, nodes: Map<string, TreeNode>, mapping: JsonObject, where: string): string {
  const current = optString(conv, 'current_node', where);
  if (current !== null) {
    if (!nodes.has(current)) throw new FormatError(where, `current_node ${JSON.stringify(current)} is not in mapping`);
    return current;
  }
  let best: string | null = null;
  let bestTime = -Infinity;
  for (const node of nodes.values()) {
    if (node.children.length > 0) continue;
    const message = mapping[node.id];
    const time = isObject(message) && isObject(message.message) ? (secondsToMs(message.message.create_time) ?? 0) : 0;
    if (best === null || time >= bestTime) {
      best = node.id;
      bestTime = time;
    }
  }
  if (best === null) throw new FormatError(where, 'mapping has no messages');
  return best;
}

/** message.id where it is present and unique (real exports), else the mapping key. */
function uniqueMessageIds(mapping: JsonObject): Map<string, string> {
  const counts = new Map<string, number>();
  const ids = new Map<string, string>();
  for (const [nodeId, node] of Object.entries(mapping)) {
    const message = isObject(node) && isObject(node.message) ? node.message : null;
    const messageId = message && typeof message.id === 'string' && message.id !== '' ? message.id : nodeId;
    ids.set(nodeId, messageId);
    counts.set(messageId, (counts.get(messageId) ?? 0) + 1);
  }
  for (const [nodeId, messageId] of ids) if ((counts.get(messageId) ?? 0) > 1) ids.set(nodeId, nodeId);
  return ids;
}

interface MessageView {
  role: string;
  contentType: string;
  content: JsonObject;
  hidden: boolean;
  message: JsonObject;
}

function readMessage(mapping: JsonObject, nodeId: string, where: string): MessageView | null {
  const node = mapping[nodeId] as JsonObject;
  if (node.message === null || node.message === undefined) return null;
  const messageWhere = `${where}: message ${nodeId}`;
  const message = asObject(node.message, messageWhere, 'message');
  const author = asObject(message.author, messageWhere, 'author');
  if (typeof author.role !== 'string') {
    throw new FormatError(messageWhere, author.role === undefined ? 'has no author.role' : `author.role should be a string, got ${describeType(author.role)}`);
  }
  const content = asObject(message.content, messageWhere, 'content');
  if (typeof content.content_type !== 'string') throw new FormatError(messageWhere, 'has no content.content_type');
  const metadata = isObject(message.metadata) ? message.metadata : {};
  const recipient = message.recipient;
  const hidden =
    (recipient !== undefined && recipient !== null && recipient !== 'all') ||
    metadata.is_visually_hidden_from_conversation === true ||
    (author.role !== 'user' && author.role !== 'assistant') ||
    (content.content_type !== 'text' && content.content_type !== 'multimodal_text');
  return { role: author.role, contentType: content.content_type, content, hidden, message };
}

function visibleTurn(mapping: JsonObject, nodes: Map<string, TreeNode>, nodeId: string, messageIds: Map<string, string>, where: string): TurnDraft | null {
  const view = readMessage(mapping, nodeId, where);
  if (!view || view.hidden) return null;
  const messageWhere = `${where}: message ${nodeId}`;
  const text = textParts(view.content, messageWhere).trim();
  if (text === '') return null; // empty system-like placeholders and image-only messages
  const role = view.role as 'user' | 'assistant';
  const metadata = isObject(view.message.metadata) ? view.message.metadata : {};
  return {
    turnId: messageIds.get(nodeId) ?? nodeId,
    role,
    text,
    model: role === 'assistant' && typeof metadata.model_slug === 'string' ? metadata.model_slug : null,
    selectedModel: role === 'assistant' && typeof metadata.default_model_slug === 'string' ? metadata.default_model_slug : null,
    thinking: role === 'assistant' ? thinkingBefore(mapping, nodes, nodeId, where) : null,
    createdAt: secondsToMs(view.message.create_time),
    route: role === 'assistant' ? exportRouteOf(metadata, userMetadataBefore(mapping, nodes, nodeId)) : null,
  };
}

/** Metadata of the nearest user message above a reply (where `resolved_model_slug` may sit). */
function userMetadataBefore(mapping: JsonObject, nodes: Map<string, TreeNode>, nodeId: string): unknown {
  let steps = 0;
  for (let id = nodes.get(nodeId)?.parent ?? null; id !== null && steps++ < nodes.size; id = nodes.get(id)?.parent ?? null) {
    const node = mapping[id];
    const message = isObject(node) && isObject(node.message) ? node.message : null;
    if (message && isObject(message.author) && message.author.role === 'user') return message.metadata;
  }
  return null;
}

/** String parts joined; image/audio part objects are skipped (we label text only). */
function textParts(content: JsonObject, where: string): string {
  if (content.parts === undefined || content.parts === null) return typeof content.text === 'string' ? content.text : '';
  const parts = asArray(content.parts, where, 'content.parts');
  const texts: string[] = [];
  parts.forEach((part, k) => {
    if (typeof part === 'string') texts.push(part);
    else if (!isObject(part)) throw new FormatError(where, `content.parts[${k}] should be text or an object, got ${describeType(part)}`);
  });
  return texts.join('\n');
}

/** Text of `thoughts` nodes between this reply and the previous visible message. */
function thinkingBefore(mapping: JsonObject, nodes: Map<string, TreeNode>, nodeId: string, where: string): string | null {
  const pieces: string[] = [];
  let steps = 0;
  for (let id = nodes.get(nodeId)?.parent ?? null; id !== null && steps++ < nodes.size; id = nodes.get(id)?.parent ?? null) {
    const view = readMessage(mapping, id, where);
    if (view && !view.hidden) break;
    if (view?.contentType === 'thoughts') pieces.unshift(thoughtsText(view.content));
  }
  const text = pieces.filter((p) => p !== '').join('\n\n');
  return text === '' ? null : text;
}

function thoughtsText(content: JsonObject): string {
  const out: string[] = [];
  if (Array.isArray(content.thoughts)) {
    for (const t of content.thoughts) {
      if (!isObject(t)) continue;
      const body = typeof t.content === 'string' && t.content !== '' ? t.content : t.summary;
      if (typeof body === 'string' && body !== '') out.push(body);
    }
  }
  if (Array.isArray(content.parts)) for (const p of content.parts) if (typeof p === 'string' && p !== '') out.push(p);
  return out.join('\n\n');
}
