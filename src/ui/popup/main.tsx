import { render } from 'preact';
import browser from 'webextension-polyfill';
import '../components/tokens.css';
import './popup.css';
import { Popup, type PopupServices } from './Popup.tsx';
import { sendMessage } from '../../messaging/client.ts';
import { workerCommands } from '../adapters/commands.ts';

const DASHBOARD = 'src/ui/dashboard/index.html';

const services: PopupServices = {
  async tabStatus() {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return sendMessage({ type: 'tab/status', tabId: tab.id });
  },
  getSettings: workerCommands.getSettings,
  setSettings: workerCommands.setSettings,
  openDashboard(hash = '') {
    void browser.tabs.create({ url: browser.runtime.getURL(DASHBOARD) + hash }).then(() => window.close());
  },
};

render(<Popup services={services} />, document.getElementById('app')!);
