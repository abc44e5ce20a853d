/**
 * Everything a message handler needs, passed in (no globals), so handlers run in Node tests
 * against fake-indexeddb with a fake analyzer and in-memory session storage.
 */
import type { Settings } from '../core/model/types.ts';
import type { Analyzer } from '../store/analyzer.ts';
import { DEFAULT_BUDGETS, type StoreBudgets } from '../store/budgets.ts';
import { NewConversationRate } from './new-conversation-rate.ts';
import type { ObservatoryDB } from '../store/schema.ts';
import { CaptureGate } from './capture-gate.ts';
import type { SenderPolicy } from './sender.ts';
import type { SessionArea } from './session.ts';
import { TabRegistry } from './tab-registry.ts';
import { WriteQueue } from './write-queue.ts';

/** The worker's caps (see also src/store/budgets.ts); each pauses or trims with a reason. */
export interface WorkerBudgets extends StoreBudgets {
  newConversationsPerTabPerMinute: number;
  /** Bytes the extension's storage may use before capture pauses (null: no size is known). */
  storeBytes: number;
}

export const DEFAULT_WORKER_BUDGETS: Readonly<WorkerBudgets> = Object.freeze({
  ...DEFAULT_BUDGETS,
  newConversationsPerTabPerMinute: 10,
  storeBytes: 2 * 1024 ** 3,
});

export interface BackgroundContext {
  db(): Promise<ObservatoryDB>;
  analyzer: Analyzer;
  /** Extension version (manifest). */
  version: string;
  policy: SenderPolicy;
  tabs: TabRegistry;
  gate: CaptureGate;
  queue: WriteQueue;
  budgets: WorkerBudgets;
  newConversations: NewConversationRate;
  /** Bytes the extension's storage uses now (navigator.storage.estimate), or null when unknown. */
  storageUsage(): Promise<number | null>;
  now(): number;
  newId(): string;
  /** Resolves once tab status and the capture gate are restored from session storage. */
  ready: Promise<void>;
  /** Settings changed: pushed to the content scripts (they hold the one copy on the page side). */
  settingsChanged(settings: Settings): void;
  /** Called after verdicts may have changed: saved, deleted, imported, or gone with their conversation (index.ts: refit the user's confidence curve). */
  verdictsChanged?: () => void;
}

export interface ContextOptions {
  db(): Promise<ObservatoryDB>;
  analyzer: Analyzer;
  version: string;
  policy: SenderPolicy;
  session: SessionArea | null;
  budgets?: Partial<WorkerBudgets>;
  storageUsage?: () => Promise<number | null>;
  now?: () => number;
  newId?: () => string;
  settingsChanged?: (settings: Settings) => void;
}

export function createBackgroundContext(options: ContextOptions): BackgroundContext {
  const tabs = new TabRegistry(options.session);
  const gate = new CaptureGate(options.session);
  const ready = Promise.all([tabs.restore(), gate.restore()]).then(
    () => undefined,
    (error: unknown) => {
      console.warn('persona-observatory: could not restore session state', error);
    },
  );
  const budgets = { ...DEFAULT_WORKER_BUDGETS, ...options.budgets };
  return {
    db: options.db,
    analyzer: options.analyzer,
    version: options.version,
    policy: options.policy,
    tabs,
    gate,
    queue: new WriteQueue(),
    budgets,
    newConversations: new NewConversationRate(budgets.newConversationsPerTabPerMinute),
    storageUsage: options.storageUsage ?? (async () => null),
    now: options.now ?? Date.now,
    newId: options.newId ?? (() => crypto.randomUUID()),
    ready,
    settingsChanged: options.settingsChanged ?? (() => undefined),
  };
}
