/**
 * The handler of each message type. Adding a message: a validator in src/messages.ts, a
 * handler file here, one line below (the mapped type makes a missing line a type error).
 */
import type { MessageType } from '../../messages.ts';
import { annotationDelete } from './annotation-delete.ts';
import { annotationSave } from './annotation-save.ts';
import { capturePage } from './capture-page.ts';
import { captureProblems } from './capture-problems.ts';
import { conversationDelete } from './conversation-delete.ts';
import { importBundlesHandler } from './import-bundles.ts';
import { ping } from './ping.ts';
import { recompute } from './recompute.ts';
import { settingsGet } from './settings-get.ts';
import { settingsSet } from './settings-set.ts';
import { storeClear } from './store-clear.ts';
import { tabStatus } from './tab-status.ts';
import type { Handler } from './types.ts';

export const HANDLERS: { [T in MessageType]: Handler<T> } = {
  'ping': ping,
  'capture/page': capturePage,
  'tab/status': tabStatus,
  'capture/problems': captureProblems,
  'annotation/save': annotationSave,
  'annotation/delete': annotationDelete,
  'settings/get': settingsGet,
  'settings/set': settingsSet,
  'conversation/delete': conversationDelete,
  'store/clear': storeClear,
  'import/bundles': importBundlesHandler,
  'recompute': recompute,
};

/** What a content script may ask. Everything else (delete, import, clear, ...) is for our pages. */
export const CONTENT_SCRIPT_TYPES: ReadonlySet<MessageType> = new Set<MessageType>([
  'ping', 'capture/page', 'settings/get', 'annotation/save', 'annotation/delete',
]);
/** What only a content script may send (it needs a tab). */
export const CONTENT_ONLY_TYPES: ReadonlySet<MessageType> = new Set<MessageType>(['capture/page']);
