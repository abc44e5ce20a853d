import { describe, expect, it } from 'vitest';
import { classifySender, type SenderPolicy } from '../../../src/background/sender.ts';

const policy: SenderPolicy = {
  extensionId: 'ours',
  extensionOrigin: 'chrome-extension://ours/',
  siteForUrl: (url) => (new URL(url).hostname === 'chatgpt.com' ? 'chatgpt' : null),
};

describe('classifySender', () => {
  it('accepts our pages and our content scripts on supported sites', () => {
    expect(classifySender({ id: 'ours', url: 'chrome-extension://ours/src/ui/popup/index.html' }, policy)).toEqual({ kind: 'page' });
    expect(classifySender({ id: 'ours', url: 'https://chatgpt.com/c/1', tab: { id: 4, url: 'https://chatgpt.com/c/1' } }, policy)).toEqual({
      kind: 'content',
      tabId: 4,
      url: 'https://chatgpt.com/c/1',
      site: 'chatgpt',
    });
  });

  it('rejects other extensions, unsupported sites and tab-less web senders', () => {
    expect(classifySender({ id: 'theirs', url: 'chrome-extension://theirs/x.html' }, policy)).toBeNull();
    expect(classifySender({ id: 'ours', url: 'https://evil.example/', tab: { id: 4 } }, policy)).toBeNull();
    expect(classifySender({ id: 'ours', url: 'https://chatgpt.com/c/1' }, policy)).toBeNull();
    expect(classifySender({ id: 'ours' }, policy)).toBeNull();
    expect(classifySender({ id: 'ours', url: 'chrome-extension://ours.evil/x', tab: { id: 1 } }, policy)).toBeNull();
  });
});
