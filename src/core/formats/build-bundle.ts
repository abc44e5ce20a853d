/**
 * Turns the neutral shape every third-party importer produces (`ImportedConversation`) into
 * stored records, and keeps a bundle's conversation counters in step with its turns.
 */
import { isPlaceholder } from '../placeholders.ts';
import { contentHash } from '../text/hash.ts';
import type { BranchMarker, ConversationBundle, ConversationSource, Role, RouteInfo, SiteId, Turn } from '../model/types.ts';
import { FormatError } from '../model/errors.ts';
import { conversationKey, turnKey } from '../model/keys.ts';
import type { ImportLimits } from './limits.ts';
import { checkCount } from './limits.ts';

export interface ImportedTurn {
  /** The export's own message id (stable across re-imports). */
  turnId: string;
  role: Role;
  text: string;
  model: string | null;
  selectedModel: string | null;
  thinking: string | null;
  createdAt: number | null;
  branch: BranchMarker | null;
  /** turnId of the main-line turn this one is an alternative to; null on the main line. */
  alternativeOf: string | null;
  /** What the export says served the reply (e.g. ChatGPT `model_slug` and siblings); absent = null. */
  route?: RouteInfo | null;
}

export interface ImportedConversation {
  site: SiteId;
  conversationId: string;
  title: string | null;
  url: string | null;
  source: ConversationSource;
  createdAt: number | null;
  updatedAt: number | null;
  /** Main line in order; each alternative placed after the main-line turn it replaces. */
  turns: ImportedTurn[];
}

export function buildBundle(imported: ImportedConversation, where: string, limits: ImportLimits): ConversationBundle {
  checkCount(imported.turns.length, limits.maxTurnsPerConversation, 'messages', where);
  const key = conversationKey(imported.site, imported.conversationId);
  const orderOf = new Map<string, number>();
  const seen = new Set<string>();
  const turns: Turn[] = [];
  let mainIndex = 0;
  for (const t of imported.turns) {
    if (t.text.length > limits.maxTextChars) {
      throw new FormatError(where, `message ${t.turnId} is too long (${t.text.length} characters; the limit is ${limits.maxTextChars})`);
    }
    if (seen.has(t.turnId)) throw new FormatError(where, `message id ${JSON.stringify(t.turnId)} appears twice`);
    seen.add(t.turnId);
    let order: number;
    if (t.alternativeOf === null) {
      order = mainIndex++;
      orderOf.set(t.turnId, order);
    } else {
      const mainOrder = orderOf.get(t.alternativeOf);
      if (mainOrder === undefined) {
        throw new FormatError(where, `message ${t.turnId} is an alternative to ${t.alternativeOf}, which is not an earlier main-line message`);
      }
      order = mainOrder;
    }
    turns.push({
      key: turnKey(key, t.turnId),
      conversationKey: key,
      turnId: t.turnId,
      order,
      role: t.role,
      text: t.text,
      contentHash: contentHash(t.role, t.text),
      model: t.model,
      selectedModel: t.selectedModel,
      thinking: t.thinking,
      branch: t.branch,
      alternativeOf: t.alternativeOf === null ? null : turnKey(key, t.alternativeOf),
      // Imports are pure: "first stored" is taken as the site's own timestamp, not the clock.
      capturedAt: t.createdAt ?? imported.createdAt ?? 0,
      createdAt: t.createdAt,
      route: t.route ?? null,
    });
  }
  const times = turns.map((t) => t.createdAt).filter((v): v is number => v !== null);
  const earliest = times.reduce((a, b) => Math.min(a, b), Infinity);
  const latest = times.reduce((a, b) => Math.max(a, b), -Infinity);
  const bundle: ConversationBundle = {
    conversation: {
      key,
      site: imported.site,
      conversationId: imported.conversationId,
      title: imported.title,
      url: imported.url,
      source: imported.source,
      firstSeen: imported.createdAt ?? (times.length ? earliest : 0),
      lastSeen: imported.updatedAt ?? (times.length ? latest : (imported.createdAt ?? 0)),
      models: [],
      turnCount: 0,
      assistantCount: 0,
      shiftCount: 0,
      annotationCount: 0,
    },
    turns,
    analyses: [],
    annotations: [],
  };
  return refreshCounts(bundle);
}

/** Recomputes the conversation's derived fields (models, counts) from its turns and records. */
export function refreshCounts(bundle: ConversationBundle): ConversationBundle {
  const main = bundle.turns.filter((t) => t.alternativeOf === null);
  const models: string[] = [];
  for (const t of bundle.turns) if (t.model !== null && !models.includes(t.model)) models.push(t.model);
  return {
    ...bundle,
    conversation: {
      ...bundle.conversation,
      models,
      turnCount: main.length,
      assistantCount: main.filter((t) => t.role === 'assistant' && !isPlaceholder(t)).length,
      shiftCount: bundle.analyses.filter((a) => a.shift).length,
      annotationCount: bundle.annotations.length,
    },
  };
}
