/**
 * Builds ChatGPT-shaped fixture pages for the browser tests, with the markup of the real saved
 * pages (tests/fixtures/shared/sites/chatgpt: `article[data-testid=conversation-turn-N]` →
 * `[data-message-author-role][data-message-id]` → `.whitespace-pre-wrap` / `.markdown`, model in
 * `data-message-model-slug`). Text is escaped into the page as a site would show it: as text.
 * Optional inline scripts (kept by the fixture sanitizer via `data-e2e-script`) make the page
 * behave: stream a reply, unmount/remount turns, navigate as an SPA, count its own ticks.
 */
import { escapeHtml } from '../../../demo/chatgpt-page.ts';

export interface PageTurn {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  model?: string | null;
}

export function turnHtml(turn: PageTurn, index: number): string {
  const paragraphs = turn.text
    .split('\n')
    .map((p) => (turn.role === 'assistant' ? `<p>${escapeHtml(p)}</p>` : escapeHtml(p)))
    .join(turn.role === 'assistant' ? '' : '\n');
  const model = turn.role === 'assistant' && turn.model ? ` data-message-model-slug="${escapeHtml(turn.model)}"` : '';
  const content =
    turn.role === 'assistant' ? `<div class="markdown prose w-full break-words">${paragraphs}</div>` : `<div class="whitespace-pre-wrap">${paragraphs}</div>`;
  return (
    `<article class="w-full text-token-text-primary" dir="auto" data-testid="conversation-turn-${index + 1}" data-turn-id="${escapeHtml(turn.id)}" data-turn="${turn.role}">` +
    `<h5 class="sr-only">${turn.role === 'user' ? 'You said:' : 'ChatGPT said:'}</h5>` +
    `<div data-message-author-role="${turn.role}" data-message-id="${escapeHtml(turn.id)}"${model}>${content}</div></article>`
  );
}

export interface ChatPageOptions {
  title?: string;
  turns: PageTurn[];
  /** Inline script run by the page itself (its "own" script). */
  script?: string;
  /** Extra markup after the thread (e.g. a composer or a stop button). */
  extra?: string;
}

export function chatgptPage(o: ChatPageOptions): string {
  const title = escapeHtml(o.title ?? 'Fixture conversation');
  const script = o.script ? `<script data-e2e-script>${o.script}</script>` : '';
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
    `<body><div id="page-ok" data-ticks="0" data-clicks="0"></div>` +
    `<nav><a data-active href="#"><div class="truncate">${title}</div></a></nav>` +
    `<main><div id="thread" class="flex flex-col">${o.turns.map(turnHtml).join('')}</div>${o.extra ?? ''}</main>${script}</body></html>`
  );
}

/**
 * A grok.com conversation as sites.md §7 describes it: one `div#response-<uuid>` per turn
 * (`.items-end` user, `.items-start` assistant), text in `.message-bubble`, the answer in
 * `.response-content-markdown`. Turn ids are the element ids (`response-…`).
 */
export function grokPage(o: ChatPageOptions): string {
  const turn = (t: PageTurn): string =>
    `<div id="${escapeHtml(t.id)}" class="relative group flex flex-col justify-center w-full ${t.role === 'user' ? 'items-end' : 'items-start'}">` +
    (t.role === 'user'
      ? `<div class="message-bubble rounded-3xl"><span class="whitespace-pre-wrap">${escapeHtml(t.text)}</span></div><div class="action-buttons"><button aria-label="Edit">Edit</button></div>`
      : `<div class="message-bubble"><div class="response-content-markdown"><p>${escapeHtml(t.text)}</p></div></div><div class="action-buttons"><button aria-label="Regenerate">Regenerate</button></div>`) +
    '</div>';
  const script = o.script ? `<script data-e2e-script>${o.script}</script>` : '';
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(o.title ?? 'Grok')}</title></head>` +
    `<body><div id="page-ok" data-ticks="0" data-clicks="0"></div><main><div id="last-reply-container">${o.turns.map(turn).join('')}</div></main>${script}</body></html>`
  );
}

/** Alternating user/assistant turns with distinct, real-looking text. */
export function makeTurns(prefix: string, count: number, model = 'gpt-4o', texts?: readonly string[]): PageTurn[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${String(i).padStart(4, '0')}`,
    role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
    text: texts
      ? texts[i % texts.length] + ` (${prefix} #${i})`
      : `${i % 2 === 0 ? 'Question' : 'Answer'} ${i} of ${prefix}: ${'lorem ipsum dolor '.repeat(1 + (i % 5))}`.trim(),
    model: i % 2 === 1 ? model : null,
  }));
}

/** A conversation id in ChatGPT's URL shape (uuid-like), derived from a short name. */
/** The store's conversation key for a ChatGPT conversation URL (`chatgpt:<id>`). */
export function keyOf(url: string): string {
  return `chatgpt:${new URL(url).pathname.split('/').pop()}`;
}

export function chatgptUrl(name: string): string {
  const hex = Buffer.from(name).toString('hex').padEnd(32, '0').slice(0, 32);
  return `https://chatgpt.com/c/${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The page's own heartbeat: proves its script keeps running whatever our content script does. */
export const HEARTBEAT_SCRIPT = `
  (function () {
    var ok = document.getElementById('page-ok');
    setInterval(function () { ok.dataset.ticks = String(Number(ok.dataset.ticks) + 1); }, 50);
    document.addEventListener('click', function () { ok.dataset.clicks = String(Number(ok.dataset.clicks) + 1); });
  })();
`;

/**
 * Streams one assistant reply: the turn appears with `.result-streaming` and a stop button,
 * grows word by word, then the marker and the button go away. `window.__streamDone` is set
 * at the end and `window.__finalText` holds the full text.
 */
export function streamingScript(turnId: string, words: readonly string[], stepMs = 60): string {
  return `
  (function () {
    var words = ${JSON.stringify(words)};
    var thread = document.getElementById('thread');
    var n = thread.children.length;
    var art = document.createElement('article');
    art.setAttribute('data-testid', 'conversation-turn-' + (n + 1));
    art.setAttribute('data-turn-id', ${JSON.stringify(turnId)});
    art.setAttribute('data-turn', 'assistant');
    art.innerHTML = '<div data-message-author-role="assistant" data-message-id=${JSON.stringify(turnId).replace(/"/g, '')} data-message-model-slug="gpt-4o"><div class="markdown prose result-streaming"><p></p></div></div>';
    var stop = document.createElement('button');
    stop.setAttribute('data-testid', 'stop-button');
    stop.textContent = 'Stop';
    document.querySelector('main').appendChild(stop);
    thread.appendChild(art);
    var p = art.querySelector('p');
    var i = 0;
    var timer = setInterval(function () {
      if (i < words.length) { p.textContent += (i ? ' ' : '') + words[i]; i++; return; }
      clearInterval(timer);
      art.querySelector('.markdown').classList.remove('result-streaming');
      stop.remove();
      window.__finalText = p.textContent;
      window.__streamDone = true;
    }, ${stepMs});
  })();
  `;
}
