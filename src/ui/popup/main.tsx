import { render } from 'preact';
import browser from 'webextension-polyfill';
import '../../common/tokens.css';
import './popup.css';
import { Popup, type PopupServices } from './Popup.tsx';
import { sendMessage } from '../../messaging/client.ts';
import { workerCommands } from '../adapters/commands.ts';
import { downloadBlob } from '../adapters/download.ts';
import { parseBridgeDropCounts } from '../../core/route/bridge-drops.ts';

const DASHBOARD = 'src/ui/dashboard/index.html';

async function activeTabId(): Promise<number> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new Error('no active tab');
  return tab.id;
}

const services: PopupServices = {
  async tabStatus() {
    return sendMessage({ type: 'tab/status', tabId: await activeTabId() });
  },
  async captureSharedPage() {
    await browser.tabs.sendMessage(await activeTabId(), { type: 'capture/shared-page' });
  },
  async saveLayoutReport(includeText, status) {
    const answer: unknown = await browser.tabs.sendMessage(await activeTabId(), { type: 'layout/snapshot', includeText, status });
    if (typeof answer !== 'string') throw new Error('the page did not answer (reload it and try again)');
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    downloadBlob(new Blob([answer], { type: 'application/json' }), `layout-report-${stamp}.json`);
  },
  async routeDrops() {
    const answer: unknown = await browser.tabs.sendMessage(await activeTabId(), { type: 'route/drops' });
    return parseBridgeDropCounts(answer);
  },
  getSettings: workerCommands.getSettings,
  setSettings: workerCommands.setSettings,
  openDashboard(hash = '') {
    void browser.tabs.create({ url: browser.runtime.getURL(DASHBOARD) + hash }).then(() => window.close());
  },
};

render(<Popup services={services} />, document.getElementById('app')!);
