/**
 * The handler of each message type and who may send it. Adding a message: a validator in
 * src/messaging/catalog.ts, a handler file here, one line in each table below (the mapped types make a
 * missing line a type error). A handler that acts for a chat tab takes the tab's site and URL
 * from `chatSender(from)` (../sender.ts), never from the message.
 */
import type { MessageType } from '../../messaging/catalog.ts';
import type { SenderKind } from '../sender.ts';
import { annotationDelete } from './annotation-delete.ts';
import { annotationGet } from './annotation-get.ts';
import { annotationSave } from './annotation-save.ts';
import { badgesHide } from './badges-hide.ts';
import { capturePage } from './capture-page.ts';
import { captureProblems } from './capture-problems.ts';
import { conversationDelete } from './conversation-delete.ts';
import { importAnnotationsHandler } from './import-annotations.ts';
import { importBundlesHandler } from './import-bundles.ts';
import { ping } from './ping.ts';
import { recompute } from './recompute.ts';
import { routeObserve } from './route-observe.ts';
import { settingsGet } from './settings-get.ts';
import { settingsSet } from './settings-set.ts';
import { storeClear } from './store-clear.ts';
import { tabStatus } from './tab-status.ts';
import type { Handler } from './types.ts';

export const HANDLERS: { [T in MessageType]: Handler<T> } = {
  ping: ping,
  'capture/page': capturePage,
  'tab/status': tabStatus,
  'capture/problems': captureProblems,
  'annotation/save': annotationSave,
  'annotation/delete': annotationDelete,
  'annotation/get': annotationGet,
  'badges/hide': badgesHide,
  'settings/get': settingsGet,
  'settings/set': settingsSet,
  'conversation/delete': conversationDelete,
  'store/clear': storeClear,
  'import/bundles': importBundlesHandler,
  recompute: recompute,
  'import/annotations': importAnnotationsHandler,
  'route/observe': routeObserve,
};

type Kind = SenderKind['kind'];
const PAGE: readonly Kind[] = ['page'];

/**
 * Who may send each message: `page` = popup and dashboard, `content` = the content script,
 * `frame` = our annotation frame inside a chat tab. Content scripts never see or change
 * annotations (the page could read or forge them); annotation messages from a frame are bound
 * to its tab's site by their handlers.
 */
export const SENDERS: { [T in MessageType]: readonly Kind[] } = {
  ping: ['page', 'content', 'frame'],
  'capture/page': ['content'],
  'tab/status': PAGE,
  'capture/problems': PAGE,
  'annotation/save': ['page', 'frame'],
  'annotation/delete': ['page', 'frame'],
  'annotation/get': ['page', 'frame'],
  'badges/hide': ['content'],
  'settings/get': ['page', 'content'],
  'settings/set': PAGE,
  'conversation/delete': PAGE,
  'store/clear': PAGE,
  'import/bundles': PAGE,
  recompute: PAGE,
  'import/annotations': PAGE,
  // Page-reported routes: only from a content script; the handler binds them to the sender's tab site.
  'route/observe': ['content'],
};
