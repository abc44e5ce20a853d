// @vitest-environment happy-dom
// Selector helpers with fast paths (src/sites/query.ts) answer exactly what the plain query
// answers: hasAny lists whose selectors all start with one tag (looked up by tag name, then
// matched) and lists that do not; queryAll in document order.
import { describe, expect, it } from 'vitest';
import { hasAny, hasText, queryAll, readBranchMarker, STOP_BUTTON } from '../../../src/sites/query.ts';

const PAGES = [
  '<main><p>no buttons</p></main>',
  '<form><button data-testid="send-button">Send</button><button aria-label="Voice">v</button></form>',
  '<form><button aria-label="STOP streaming">x</button></form>',
  '<form><div aria-label="Stop">not a button</div></form>',
  '<form><button data-testid="stop-button"></button></form>',
  '<nav><a data-active><span class="truncate"><span>Title</span></span></a></nav>',
  '<nav><button aria-label="Stop">s</button></nav>',
];
const LISTS = [
  STOP_BUTTON,
  ['button[data-testid="stop-button"]', 'button[data-testid="composer-stop-button"]'],
  ['button[aria-label*="stop" i]', 'div[aria-label="Stop"]'], // two tags: the plain query
  ['nav button[aria-label*="Stop" i]'], // a combinator: the subject is not the first tag
  ['a[data-active] span'],
  ['[aria-label="Stop"]'],
  [],
];

describe('query fast paths', () => {
  it('hasAny answers as one querySelector over the joined list', () => {
    let positives = 0;
    for (const html of PAGES) {
      document.body.innerHTML = html;
      for (const list of LISTS) {
        const plain = list.length > 0 && document.querySelector(list.join(', ')) !== null;
        expect(hasAny(document, list), `${list.join(', ')} on ${html}`).toBe(plain);
        expect(hasAny(document.body, list)).toBe(plain);
        if (plain) positives++;
      }
    }
    expect(positives).toBeGreaterThan(4); // both answers were exercised
  });

  it('queryAll returns the matches in document order', () => {
    document.body.innerHTML = '<div id="a"><p id="b"></p></div><p id="c"><span id="d"></span></p>';
    expect(queryAll(document, 'p, span').map((e) => e.id)).toEqual(['b', 'c', 'd']);
    expect(queryAll(document, 'table')).toEqual([]);
  });

  it('readBranchMarker skips empty leaves but still finds the counter', () => {
    document.body.innerHTML = '<div id="t"><svg><use></use></svg><div class="c">1/2 cup</div><span></span><span> 2 / 3 </span></div>';
    const t = document.getElementById('t')!;
    expect(readBranchMarker(t, t.querySelector('.c'))).toEqual({ index: 2, count: 3 });
  });

  it('hasText (a text-node walker in a DOM that has one) answers whether the text content has a non-space character', () => {
    const cases = [
      '<div id="t"></div>',
      '<div id="t">  \n <p> </p><!-- a comment --><span>\t</span></div>',
      '<div id="t"><svg><path></path></svg><div><div><p>  x </p></div></div></div>',
      '<div id="t"><!-- only a comment --></div>',
      '<div id="t"> <b> </b> <i>y</i></div>',
    ];
    const answers = cases.map((html) => {
      document.body.innerHTML = html;
      const t = document.getElementById('t')!;
      expect(hasText(t), html).toBe(/\S/.test(t.textContent ?? ''));
      return hasText(t);
    });
    expect(answers).toEqual([false, false, true, false, true]);
  });
});
