import { render } from 'preact';
import '../../common/tokens.css';
import './dashboard.css';
import { App } from './App.tsx';
import { ServicesContext, type UiServices } from '../adapters/services.ts';
import { storeReads } from '../adapters/store-reads.ts';
import { workerCommands } from '../adapters/commands.ts';
import { coreApi } from '../adapters/core.ts';

const services: UiServices = { data: storeReads, commands: workerCommands, core: coreApi };

render(
  <ServicesContext.Provider value={services}>
    <App />
  </ServicesContext.Provider>,
  document.getElementById('app')!,
);
