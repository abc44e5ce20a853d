/** Commands implemented as messages to the background worker (src/messaging/catalog.ts catalog). */
import { sendMessage } from '../../messaging/client.ts';
import type { Commands } from './services.ts';

/** Turns `{ ok: false, error }` into a thrown Error so views handle one failure path. */
function unwrap<R extends { ok: boolean }>(r: R): Extract<R, { ok: true }> {
  if (!r.ok) throw new Error((r as { error?: string }).error ?? 'the background worker refused the request');
  return r as Extract<R, { ok: true }>;
}

export const workerCommands: Commands = {
  async saveAnnotation(input) {
    return unwrap(await sendMessage({ type: 'annotation/save', ...input })).annotation;
  },
  async deleteAnnotation(id) {
    unwrap(await sendMessage({ type: 'annotation/delete', id }));
  },
  async getSettings() {
    return unwrap(await sendMessage({ type: 'settings/get' })).settings;
  },
  async setSettings(patch) {
    return unwrap(await sendMessage({ type: 'settings/set', patch })).settings;
  },
  async deleteConversation(conversationKey) {
    unwrap(await sendMessage({ type: 'conversation/delete', conversationKey }));
  },
  async clearStore() {
    unwrap(await sendMessage({ type: 'store/clear' }));
  },
  async importBundles(bundles) {
    const r = unwrap(await sendMessage({ type: 'import/bundles', bundles }));
    return { added: r.added, updated: r.updated, skipped: r.skipped };
  },
  async importAnnotations(annotations) {
    const r = unwrap(await sendMessage({ type: 'import/annotations', annotations }));
    return { added: r.added, updated: r.updated, unchanged: r.unchanged };
  },
  async captureProblems() {
    return unwrap(await sendMessage({ type: 'capture/problems' })).problems;
  },
};
