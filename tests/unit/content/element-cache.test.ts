// @vitest-environment happy-dom
// The content script's read cache: values stay valid until the element's subtree changes (as
// told by MutationObserver records), siblings keep theirs, and a time slice pauses long scans.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createElementCache, type ElementCache } from '../../../src/content/capture/element-cache.ts';
import { cachedRead, cachedScanRead, ScanPaused, withReadCache } from '../../../src/sites/read-cache.ts';
import { domToText } from '../../../src/sites/dom-text.ts';

let cache: ElementCache;
let observer: MutationObserver;
const flush = () => cache.noteMutations(observer.takeRecords());

beforeEach(() => {
  document.body.innerHTML = '<main><div id="a"><p>Alpha <b>one</b></p></div><div id="b"><p>Beta</p></div></main>';
  cache = createElementCache();
  observer = new MutationObserver((records) => cache.noteMutations(records));
  observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['hidden'] });
});
afterEach(() => observer.disconnect());

function countingRead(el: Element, counter: { n: number }): string {
  return withReadCache(cache, () =>
    cachedRead(el, 'k', () => {
      counter.n++;
      return domToText(el);
    }),
  );
}

describe('element cache', () => {
  it('serves a value until something below the element changes; siblings keep theirs', () => {
    const a = document.getElementById('a')!;
    const b = document.getElementById('b')!;
    const ca = { n: 0 };
    const cb = { n: 0 };
    expect(countingRead(a, ca)).toBe('Alpha **one**');
    expect(countingRead(b, cb)).toBe('Beta');
    expect(countingRead(a, ca)).toBe('Alpha **one**');
    expect(ca.n).toBe(1);

    a.querySelector('b')!.firstChild!.nodeValue = 'two'; // characterData deep inside a
    flush();
    expect(countingRead(a, ca)).toBe('Alpha **two**');
    expect(ca.n).toBe(2);
    expect(countingRead(b, cb)).toBe('Beta');
    expect(cb.n).toBe(1);

    b.querySelector('p')!.setAttribute('hidden', ''); // a watched attribute hides text
    flush();
    expect(countingRead(b, cb)).toBe('');
  });

  it('domToText itself is memoised per element and options while a cache is installed', () => {
    const a = document.getElementById('a')!;
    const first = withReadCache(cache, () => domToText(a));
    a.querySelector('p')!.append(' more');
    // Not flushed yet: the cache cannot know, and still answers from memory.
    expect(withReadCache(cache, () => domToText(a))).toBe(first);
    flush();
    expect(withReadCache(cache, () => domToText(a))).toBe('Alpha **one** more');
    expect(domToText(a)).toBe('Alpha **one** more'); // without a cache: always a fresh read
  });

  it('an element taken out, edited while detached and put back is read again', () => {
    const a = document.getElementById('a')!;
    const c = { n: 0 };
    countingRead(a, c);
    a.remove();
    flush();
    a.querySelector('p')!.textContent = 'Changed while detached';
    document.querySelector('main')!.prepend(a);
    flush();
    expect(countingRead(a, c)).toBe('Changed while detached');
  });

  it('a used-up time slice pauses at the next miss, after at least one value was computed', () => {
    const a = document.getElementById('a')!;
    const b = document.getElementById('b')!;
    cache.startSlice(-1); // already past the deadline
    const read = () => withReadCache(cache, () => [domToText(a), domToText(b)]);
    expect(read).toThrow(ScanPaused); // a was computed, b paused
    cache.startSlice(-1);
    expect(read()).toEqual(['Alpha **one**', 'Beta']); // a from the cache, b computed as the slice's first miss
  });

  it('a per-scan page read lasts through the slices of one scan, not into the next scan or past a change', () => {
    const c = { n: 0 };
    const read = () => withReadCache(cache, () => cachedScanRead(document, 'k', () => ++c.n));
    cache.startScan();
    expect(read()).toBe(1);
    cache.startSlice(20); // the same scan resumed in a later task
    expect(read()).toBe(1);
    cache.startScan(); // a new scan: unwatched attributes may have changed, read again
    expect(read()).toBe(2);
    expect(read()).toBe(2);
    document.getElementById('b')!.append('x'); // any observed change on the page
    flush();
    expect(read()).toBe(3);
    expect(cachedScanRead(document, 'k', () => 'no cache')).toBe('no cache');
    expect(withReadCache({ get: () => undefined, set: () => undefined }, () => cachedScanRead(document, 'k', () => 'no scans'))).toBe('no scans');
  });

  it('clear forgets everything', () => {
    const a = document.getElementById('a')!;
    const c = { n: 0 };
    countingRead(a, c);
    cache.clear();
    countingRead(a, c);
    expect(c.n).toBe(2);
  });
});
