import { useEffect, useState } from 'preact/hooks';
import { Tabs, TabPanel, type TabDef } from '../components/Tabs.tsx';
import { ConversationList } from './list/ConversationList.tsx';
import { EMPTY_QUERY, type ListQuery } from './list/query.ts';
import { ConversationView } from './conversation/ConversationView.tsx';
import { RouterTab } from './router/RouterTab.tsx';
import { ImportExportTab } from './io/ImportExportTab.tsx';
import { AnnotationsTab } from './annotations/AnnotationsTab.tsx';
import { SettingsTab } from './settings/SettingsTab.tsx';
import { AboutPanel } from './about/AboutPanel.tsx';
import { parseRoute, routeHash, type Route, type TabKey } from './route.ts';
import { WelcomeView } from './welcome/WelcomeView.tsx';
import { forgetVocabulary } from './use-vocabulary.ts';

const TABS: readonly TabDef<Exclude<TabKey, 'welcome'>>[] = [
  { key: 'conversations', label: 'Conversations' },
  { key: 'router', label: 'Router analysis' },
  { key: 'annotations', label: 'Annotations' },
  { key: 'io', label: 'Import / export' },
  { key: 'settings', label: 'Settings' },
  { key: 'about', label: 'About the instrument' },
];

/** Dashboard shell: header, tabs, and the view of the current route (kept in location.hash). */
export function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const [query, setQuery] = useState<ListQuery>(EMPTY_QUERY);
  // Bumped after deletes/imports so lists re-read the store.
  const [generation, setGeneration] = useState(0);
  // Imports and deletes change what the persona vocabulary is fitted on.
  const changed = () => {
    forgetVocabulary();
    setGeneration((g) => g + 1);
  };

  // Imports happen in the import tab: the vocabulary is refitted after a visit there.
  useEffect(() => {
    if (route.tab === 'io') forgetVocabulary();
  }, [route.tab]);

  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  function go(next: Route) {
    const hash = routeHash(next);
    if (location.hash !== hash) history.pushState(null, '', hash);
    setRoute(next);
  }
  const open = (conversationKey: string) => go({ tab: 'conversations', conversationKey });
  const toList = () => go({ tab: 'conversations', conversationKey: null });

  return (
    <div class="po-app">
      <header class="po-header">
        <h1>
          <span class="po-logo" aria-hidden="true" />
          Persona Observatory
        </h1>
        <p class="po-muted">Everything here stays on this device.</p>
      </header>
      <nav>
        <Tabs
          tabs={TABS}
          active={route.tab}
          label="Dashboard sections"
          idPrefix="po-dash"
          onChange={(tab) => go(tab === 'conversations' ? { tab, conversationKey: null } : { tab })}
        />
      </nav>
      <main>
        {route.tab === 'welcome' && (
          <WelcomeView
            onOpen={(key) => {
              forgetVocabulary();
              open(key);
            }}
            onImport={() => go({ tab: 'io' })}
            onList={toList}
          />
        )}
        {route.tab !== 'welcome' && (
          <TabPanel idPrefix="po-dash" active={route.tab}>
            {route.tab === 'conversations' &&
              (route.conversationKey ? (
                <ConversationView
                  conversationKey={route.conversationKey}
                  onBack={toList}
                  onDeleted={() => {
                    changed();
                    toList();
                  }}
                />
              ) : (
                <ConversationList key={generation} query={query} onQuery={setQuery} onOpen={open} />
              ))}
            {route.tab === 'router' && <RouterTab onOpen={open} />}
            {route.tab === 'annotations' && <AnnotationsTab key={generation} />}
            {route.tab === 'io' && <ImportExportTab key={generation} />}
            {route.tab === 'settings' && <SettingsTab onCleared={changed} />}
            {route.tab === 'about' && <AboutPanel />}
          </TabPanel>
        )}
      </main>
    </div>
  );
}
