/**
 * Claude account export (`conversations.json`): conversations with `chat_messages`.
 *
 * Text comes from `content[]` text blocks where present (2025+ exports), else from `text`
 * (2024 exports); `thinking` blocks become the reply's `thinking`. With `parent_message_uuid`
 * on every message the tree is followed (branches → alternatives); without it messages are
 * sorted by `created_at` (real 2024 files are not in chronological order). The export has no
 * per-message model, so `model` stays null; a conversation-level `model` (internal API) is kept
 * as the replies' `selectedModel`.
 */
import type { ConversationBundle } from '../model/types.ts';
import { buildBundle, type ImportedTurn } from './build-bundle.ts';
import { FormatError } from '../model/errors.ts';
import { checkCount, type ImportLimits } from './limits.ts';
import { asArray, asObject, describeType, isObject, isoToMs, optString, reqString } from '../model/read-unknown.ts';
import { layoutTree, placeTurns, type TreeNode, type TurnDraft } from './tree.ts';

/** Parent id given to messages whose parent is the conversation itself. */
const ROOT = '\u0000root';

export function looksLikeClaudeExport(data: unknown): boolean {
  const first = Array.isArray(data) ? data[0] : data;
  return isObject(first) && 'chat_messages' in first;
}

export function importClaudeExport(data: unknown, fileLabel: string, limits: ImportLimits): ConversationBundle[] {
  const list = Array.isArray(data) ? data : [data];
  checkCount(list.length, limits.maxConversations, 'conversations', fileLabel);
  return list.map((raw, i) => importConversation(raw, `${fileLabel}: conversation ${i + 1}`, limits));
}

interface ClaudeMessage {
  uuid: string;
  parent: string | null;
  hasParentField: boolean;
  index: number;
  draft: TurnDraft | null;
}

function importConversation(raw: unknown, position: string, limits: ImportLimits): ConversationBundle {
  const conv = asObject(raw, position, 'conversation');
  const id = reqString(conv, 'uuid', position);
  const where = `${position} (id ${id})`;
  const rawMessages = asArray(conv.chat_messages, where, 'chat_messages');
  checkCount(rawMessages.length, limits.maxTurnsPerConversation, 'messages', where);
  const selectedModel = typeof conv.model === 'string' ? conv.model : null;
  const messages = rawMessages.map((m, index) => readMessage(m, index, selectedModel, where));
  const title = optString(conv, 'name', where);
  return buildBundle(
    {
      site: 'claude',
      conversationId: id,
      title: title === '' ? null : title,
      url: `https://claude.ai/chat/${encodeURIComponent(id)}`,
      source: 'import:claude',
      createdAt: isoToMs(conv.created_at),
      updatedAt: isoToMs(conv.updated_at),
      turns:
        messages.length > 0 && messages.every((m) => m.hasParentField)
          ? treeTurns(messages, optString(conv, 'current_leaf_message_uuid', where), where)
          : chronologicalTurns(messages),
    },
    where,
    limits,
  );
}

function readMessage(raw: unknown, index: number, selectedModel: string | null, convWhere: string): ClaudeMessage {
  const at = `${convWhere}: chat_messages[${index}]`;
  const message = asObject(raw, at, 'message');
  const uuid = reqString(message, 'uuid', at);
  const where = `${convWhere}: message ${uuid}`;
  const sender = reqString(message, 'sender', where);
  const parent = optString(message, 'parent_message_uuid', where);
  const hasParentField = 'parent_message_uuid' in message;
  // Unknown senders (none known today) are skipped rather than guessed.
  if (sender !== 'human' && sender !== 'assistant') return { uuid, parent, hasParentField, index, draft: null };
  const role = sender === 'human' ? 'user' : 'assistant';
  const blocks = message.content === undefined || message.content === null ? [] : asArray(message.content, where, 'content');
  const fromBlocks = blockTexts(blocks, 'text', where);
  const text = (fromBlocks !== '' ? fromBlocks : (optString(message, 'text', where) ?? '')).trim();
  const thinking = blockTexts(blocks, 'thinking', where);
  const draft: TurnDraft | null =
    text === ''
      ? null
      : {
          turnId: uuid,
          role,
          text,
          model: null,
          selectedModel: role === 'assistant' ? selectedModel : null,
          thinking: role === 'assistant' && thinking !== '' ? thinking : null,
          createdAt: isoToMs(message.created_at),
        };
  return { uuid, parent, hasParentField, index, draft };
}

/** Joins the `text` (or `thinking`) field of every block of that type. */
function blockTexts(blocks: unknown[], type: 'text' | 'thinking', where: string): string {
  const out: string[] = [];
  blocks.forEach((block, k) => {
    const b = asObject(block, where, `content[${k}]`);
    if (b.type !== type) return;
    const value = b[type];
    if (typeof value !== 'string') throw new FormatError(where, `content[${k}] (${type} block) has no ${type} text, got ${describeType(value)}`);
    if (value !== '') out.push(value);
  });
  return out.join('\n\n');
}

/** Older exports: no tree, sort by created_at (user first on ties), else keep file order. */
function chronologicalTurns(messages: ClaudeMessage[]): ImportedTurn[] {
  const drafts = messages.filter((m) => m.draft !== null).map((m) => m.draft as TurnDraft);
  const timed = drafts.every((d) => d.createdAt !== null);
  const sorted = timed
    ? drafts
        .map((d, i) => ({ d, i }))
        .sort((a, b) => (a.d.createdAt as number) - (b.d.createdAt as number) || roleRank(a.d) - roleRank(b.d) || a.i - b.i)
        .map((x) => x.d)
    : drafts;
  return sorted.map((d) => ({ ...d, alternativeOf: null, branch: null }));
}

function roleRank(d: TurnDraft): number {
  return d.role === 'user' ? 0 : 1;
}

function treeTurns(messages: ClaudeMessage[], currentLeaf: string | null, where: string): ImportedTurn[] {
  const byId = new Map<string, ClaudeMessage>();
  for (const m of messages) {
    if (byId.has(m.uuid)) throw new FormatError(where, `message id ${JSON.stringify(m.uuid)} appears twice`);
    byId.set(m.uuid, m);
  }
  const time = (m: ClaudeMessage): number => m.draft?.createdAt ?? 0;
  const ordered = [...messages].sort((a, b) => time(a) - time(b) || a.index - b.index);
  const children = new Map<string, string[]>([[ROOT, []]]);
  for (const m of ordered) {
    // Root messages point at a sentinel uuid (or nothing): hang them under our own root.
    const parent = m.parent !== null && byId.has(m.parent) ? m.parent : ROOT;
    const list = children.get(parent) ?? [];
    list.push(m.uuid);
    children.set(parent, list);
  }
  const nodes = new Map<string, TreeNode>([[ROOT, { id: ROOT, parent: null, children: children.get(ROOT) ?? [] }]]);
  for (const m of messages) {
    nodes.set(m.uuid, { id: m.uuid, parent: m.parent !== null && byId.has(m.parent) ? m.parent : ROOT, children: children.get(m.uuid) ?? [] });
  }
  const leaf = currentLeaf !== null && byId.has(currentLeaf) ? currentLeaf : latestLeaf(ordered, nodes);
  const layout = layoutTree(nodes, leaf, where);
  return placeTurns(nodes, layout, (id) => byId.get(id)?.draft ?? null);
}

function latestLeaf(ordered: ClaudeMessage[], nodes: Map<string, TreeNode>): string {
  for (let i = ordered.length - 1; i >= 0; i--) {
    if ((nodes.get(ordered[i].uuid)?.children.length ?? 0) === 0) return ordered[i].uuid;
  }
  return ROOT;
}
