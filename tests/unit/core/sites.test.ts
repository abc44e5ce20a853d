import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHAT_SITE_HOSTS, SITE_IDS, chatSiteMatchPatterns, chatSiteOrigins, chatSiteOfUrl, conversationUrl } from '../../../src/core/sites.ts';
import { SITE_ADAPTERS, adapterForUrl } from '../../../src/sites/registry.ts';
import { isRouteSite } from '../../../src/core/route/observation.ts';

const manifest = JSON.parse(readFileSync(new URL('../../../manifest.json', import.meta.url), 'utf8'));

describe('URL → site table (src/core/sites.ts)', () => {
  it('is the manifest: content-script matches, web-accessible matches and frame-ancestors', () => {
    // The isolated content script runs on every chat site (the main-world route observer only where routes are read).
    const capture = manifest.content_scripts.find((cs: { js: string[] }) => cs.js.includes('src/content/index.ts'));
    expect(capture.matches).toEqual(chatSiteMatchPatterns());
    // Chrome refuses a path in web-accessible match patterns: whole origins there.
    for (const war of manifest.web_accessible_resources) expect(war.matches).toEqual(chatSiteOrigins().map((o) => `${o}/*`));
    const ancestors = /frame-ancestors ([^;]*)/.exec(manifest.content_security_policy.extension_pages)![1].split(' ');
    expect(ancestors).toEqual(["'self'", ...chatSiteOrigins()]);
  });

  it('runs the main-world route observer only on the sites whose routes are read (least permission)', () => {
    const observer = manifest.content_scripts.filter((cs: { world?: string }) => cs.world === 'MAIN');
    expect(observer).toHaveLength(1);
    const routeHosts = CHAT_SITE_HOSTS.filter((e) => isRouteSite(e.site)).flatMap((e) => e.hosts.map((h) => `https://${h}${e.pathPrefix ?? ''}/*`));
    expect(observer[0].matches).toEqual(routeHosts);
    expect(routeHosts).toEqual(['https://chatgpt.com/*', 'https://chat.openai.com/*', 'https://grok.com/*']);
  });

  it('has one entry per dedicated adapter, and each adapter agrees on every host of its entry', () => {
    expect(CHAT_SITE_HOSTS.map((e) => e.site)).toEqual(SITE_ADAPTERS.map((a) => a.id));
    for (const entry of CHAT_SITE_HOSTS) {
      const adapter = SITE_ADAPTERS.find((a) => a.id === entry.site)!;
      for (const host of entry.hosts) {
        const url = `https://${host}${entry.pathPrefix ?? ''}/x`;
        expect(adapter.matchesUrl(new URL(url)), url).toBe(true);
        expect(chatSiteOfUrl(url)).toBe(entry.site);
        expect(adapterForUrl(url)).toBe(adapter);
      }
    }
    expect(SITE_IDS.filter((id) => id !== 'generic' && id !== 'unknown')).toEqual(CHAT_SITE_HOSTS.map((e) => e.site));
  });

  it('refuses other schemes, look-alike hosts, shared hosts outside the prefix, and garbage', () => {
    for (const url of [
      'http://chatgpt.com/c/1',
      'https://chatgpt.com.evil.example/c/1',
      'https://evil.example/chatgpt.com',
      'https://huggingface.co/models',
      'https://huggingface.co/chatty',
      'javascript:alert(1)',
      'not a url',
      'chrome-extension://chatgpt.com/x',
    ])
      expect(chatSiteOfUrl(url), url).toBeNull();
    expect(chatSiteOfUrl('https://huggingface.co/chat')).toBe('huggingchat');
  });

  it('keeps only origin and path of a conversation URL', () => {
    expect(conversationUrl(`https://chatgpt.com/c/1?x=${'a'.repeat(2100)}#h`)).toBe('https://chatgpt.com/c/1');
    expect(conversationUrl('javascript:alert(1)')).toBeNull();
    expect(conversationUrl('nope')).toBeNull();
  });
});
