/**
 * Everything a message handler needs, passed in (no globals), so handlers run in Node tests
 * against fake-indexeddb with a fake analyzer and in-memory session storage.
 */
import type { Analyzer } from '../store/analyzer.ts';
import type { ObservatoryDB } from '../store/schema.ts';
import { CaptureGate } from './capture-gate.ts';
import type { SenderPolicy } from './sender.ts';
import type { SessionArea } from './session.ts';
import { TabRegistry } from './tab-registry.ts';
import { WriteQueue } from './write-queue.ts';

export interface BackgroundContext {
  db(): Promise<ObservatoryDB>;
  analyzer: Analyzer;
  /** Extension version (manifest). */
  version: string;
  policy: SenderPolicy;
  tabs: TabRegistry;
  gate: CaptureGate;
  queue: WriteQueue;
  now(): number;
  newId(): string;
  /** Resolves once tab status and the capture gate are restored from session storage. */
  ready: Promise<void>;
}

export interface ContextOptions {
  db(): Promise<ObservatoryDB>;
  analyzer: Analyzer;
  version: string;
  policy: SenderPolicy;
  session: SessionArea | null;
  now?: () => number;
  newId?: () => string;
}

export function createBackgroundContext(options: ContextOptions): BackgroundContext {
  const tabs = new TabRegistry(options.session);
  const gate = new CaptureGate(options.session);
  const ready = Promise.all([tabs.restore(), gate.restore()]).then(() => undefined, (error: unknown) => {
    console.warn('persona-observatory: could not restore session state', error);
  });
  return {
    db: options.db,
    analyzer: options.analyzer,
    version: options.version,
    policy: options.policy,
    tabs,
    gate,
    queue: new WriteQueue(),
    now: options.now ?? Date.now,
    newId: options.newId ?? (() => crypto.randomUUID()),
    ready,
  };
}
