/** The dashboard's location lives in the URL hash so the popup can link straight to a conversation. Pure. */
export type Route = { tab: 'conversations'; conversationKey: string | null } | { tab: 'router' | 'annotations' | 'io' | 'settings' | 'about' | 'welcome' };

export type TabKey = Route['tab'];

const TABS: readonly TabKey[] = ['conversations', 'router', 'annotations', 'io', 'settings', 'about', 'welcome'];

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  if (path.startsWith('c/')) {
    try {
      return { tab: 'conversations', conversationKey: decodeURIComponent(path.slice(2)) || null };
    } catch {
      return { tab: 'conversations', conversationKey: null };
    }
  }
  const tab = TABS.find((t) => t === path);
  if (!tab || tab === 'conversations') return { tab: 'conversations', conversationKey: null };
  return { tab };
}

export function routeHash(route: Route): string {
  if (route.tab === 'conversations') return route.conversationKey ? `#/c/${encodeURIComponent(route.conversationKey)}` : '#/conversations';
  return `#/${route.tab}`;
}
