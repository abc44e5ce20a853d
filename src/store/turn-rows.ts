/**
 * How a Turn is laid out in the `turns` object store (schema v3+). Pure.
 *
 * Every stored record repeats its field names (JSON-like structured clone), and most turns have
 * half their fields null; short names and omitted nulls cut ~170 bytes per turn.
 * The key is `${conversationKey}:${turnId}`, so neither part is stored again: `p` says where the
 * conversation key ends. One conversation's turns are then a key range of the store itself (no
 * secondary index); the range also holds conversations whose key extends this one
 * ("chatgpt:a" / "chatgpt:a:b"), which `p` tells apart. Nor is
 * `contentHash` when it is contentHash(role, text) (recomputed on read, ~1 ns per character;
 * imported turns whose hash differs keep theirs).
 * Callers never see rows: the store's read and write functions convert at the boundary.
 */
import { contentHash } from '../core/text/hash.ts';
import type { Role, RouteInfo, Turn, TurnStepKind } from '../core/model/types.ts';

export interface TurnRow {
  /** Primary key (keyPath), = `${conversationKey}:${turnId}`. */
  key: string;
  /** Length of the conversation key at the start of `key`. */
  p: number;
  /** order */
  o: number;
  /** 1 for an assistant turn; absent for a user turn. */
  a?: 1;
  /** text */
  x: string;
  /** contentHash, only when it is not contentHash(role, text) */
  h?: string;
  /** capturedAt */
  t: number;
  /** conversationKey and turnId, present only when `key` is not `${c}:${id}` (never written by us). */
  c?: string;
  id?: string;
  m?: string;
  s?: string;
  th?: string;
  /** branch marker [index, count] */
  b?: [number, number];
  /** alternativeOf (a turn key) */
  alt?: string;
  /** createdAt */
  ct?: number;
  /** route (schema v4+; rare, so kept as the plain record) */
  r?: RouteInfo;
  /** steps (schema v6+), each [kind, text] */
  st?: [TurnStepKind, string][];
  /** citations (schema v6+): URLs of the text's [n] markers */
  ci?: string[];
  /** notCaptured (schema v6+): why the reply's body could not be read */
  nc?: string;
}

export function encodeTurn(t: Turn): TurnRow {
  const row: TurnRow = { key: t.key, p: t.conversationKey.length, o: t.order, x: t.text, t: t.capturedAt };
  if (t.key !== `${t.conversationKey}:${t.turnId}`) {
    row.c = t.conversationKey;
    row.id = t.turnId;
  }
  if (t.role === 'assistant') row.a = 1;
  if (t.contentHash !== contentHash(t.role, t.text)) row.h = t.contentHash;
  if (t.model !== null) row.m = t.model;
  if (t.selectedModel !== null) row.s = t.selectedModel;
  if (t.thinking !== null) row.th = t.thinking;
  if (t.branch !== null) row.b = [t.branch.index, t.branch.count];
  if (t.alternativeOf !== null) row.alt = t.alternativeOf;
  if (t.createdAt !== null) row.ct = t.createdAt;
  if (t.route !== null) row.r = t.route;
  if (t.steps && t.steps.length > 0) row.st = t.steps.map((s) => [s.kind, s.text]);
  if (t.citations && t.citations.length > 0) row.ci = t.citations;
  if (t.notCaptured !== undefined) row.nc = t.notCaptured;
  return row;
}

export function rowConversationKey(row: TurnRow): string {
  return row.c ?? row.key.slice(0, row.p);
}

export function decodeTurn(row: TurnRow): Turn {
  const role: Role = row.a === 1 ? 'assistant' : 'user';
  return {
    key: row.key,
    conversationKey: rowConversationKey(row),
    turnId: row.id ?? row.key.slice(row.p + 1),
    order: row.o,
    role,
    text: row.x,
    contentHash: row.h ?? contentHash(role, row.x),
    model: row.m ?? null,
    selectedModel: row.s ?? null,
    thinking: row.th ?? null,
    branch: row.b ? { index: row.b[0], count: row.b[1] } : null,
    alternativeOf: row.alt ?? null,
    capturedAt: row.t,
    createdAt: row.ct ?? null,
    route: row.r ? { ...row.r, flags: [...row.r.flags] } : null,
    ...(row.st ? { steps: row.st.map(([kind, text]) => ({ kind, text })) } : {}),
    ...(row.ci ? { citations: [...row.ci] } : {}),
    ...(row.nc !== undefined ? { notCaptured: row.nc } : {}),
  };
}

/**
 * Key range holding every turn of a conversation (keys starting with `${conversationKey}:`;
 * ';' is the character after ':'), plus those of conversations whose key extends it:
 * filter with `ofConversation`.
 */
export function turnRange(conversationKey: string): IDBKeyRange {
  return IDBKeyRange.bound(`${conversationKey}:`, `${conversationKey};`, false, true);
}

/** The rows of `turnRange(conversationKey)` that belong to that conversation, decoded. */
export function ofConversation(rows: readonly TurnRow[], conversationKey: string): Turn[] {
  const out: Turn[] = [];
  for (const row of rows) if (rowConversationKey(row) === conversationKey) out.push(decodeTurn(row));
  return out;
}
