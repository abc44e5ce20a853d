/**
 * The handler of each message type. Who may send it and its validator are declared with the
 * message in src/messaging/catalog.ts (`CATALOG`). Adding a message: its line there, a handler
 * file here, one line in the table below (the mapped type makes a missing line a type error). A
 * handler that acts for a chat tab takes the tab's site and URL from `chatSender(from)`
 * (../sender.ts), never from the message.
 */
import type { MessageType } from '../../messaging/requests.ts';
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
