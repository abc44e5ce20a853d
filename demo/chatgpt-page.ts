/**
 * Renders a conversation as a page with ChatGPT's 2026 markup (section[data-turn] wrappers,
 * [data-message-author-role] messages with data-message-id and data-message-model-slug,
 * .markdown.prose bodies), so the real ChatGPT adapter captures it at a chatgpt.com URL.
 * Used by the demo (npm start) and e2e tests. All text is HTML-escaped.
 */
export interface DemoTurn {
  role: 'user' | 'assistant';
  text: string;
  model?: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Blank-line separated blocks → <p>, <ul>/<ol> for list blocks, <pre><code> for fences. */
function markdownToHtml(text: string): string {
  const out: string[] = [];
  const fence = /```(\w*)\n([\s\S]*?)```/g;
  let last = 0;
  for (const m of text.matchAll(fence)) {
    out.push(blocksToHtml(text.slice(last, m.index)));
    out.push(`<pre><code class="language-${escapeHtml(m[1])}">${escapeHtml(m[2])}</code></pre>`);
    last = m.index! + m[0].length;
  }
  out.push(blocksToHtml(text.slice(last)));
  return out.join('');
}

function blocksToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean)
    .map((block) => {
      const lines = block.split('\n');
      if (lines.every((l) => /^\s*[-*•]\s+/.test(l))) return `<ul>${lines.map((l) => `<li>${escapeHtml(l.replace(/^\s*[-*•]\s+/, ''))}</li>`).join('')}</ul>`;
      if (lines.every((l) => /^\s*\d+[.)]\s+/.test(l)))
        return `<ol>${lines.map((l) => `<li>${escapeHtml(l.replace(/^\s*\d+[.)]\s+/, ''))}</li>`).join('')}</ol>`;
      return `<p>${lines.map(escapeHtml).join('<br>')}</p>`;
    })
    .join('');
}

export function renderChatGptPage(opts: { title: string; turns: DemoTurn[]; idPrefix?: string }): string {
  const prefix = opts.idPrefix ?? 'demo';
  const sections = opts.turns.map((turn, i) => {
    const id = `${prefix}-${String(i).padStart(4, '0')}`;
    const slug = turn.role === 'assistant' && turn.model ? ` data-message-model-slug="${escapeHtml(turn.model)}"` : '';
    const body =
      turn.role === 'user'
        ? `<div class="user-message-bubble-color"><div class="whitespace-pre-wrap">${escapeHtml(turn.text)}</div></div>`
        : `<div class="markdown prose">${markdownToHtml(turn.text)}</div>`;
    const actions = turn.role === 'assistant' ? '<div class="actions"><button data-testid="copy-turn-action-button" aria-label="Copy">Copy</button></div>' : '';
    return `<div data-turn-id-container="${id}">
<section data-testid="conversation-turn-${i + 1}" data-turn="${turn.role}" data-turn-id="${id}">
<h4 class="sr-only">${turn.role === 'user' ? 'You said:' : 'ChatGPT said:'}</h4>
<div data-message-author-role="${turn.role}" data-message-id="${id}-msg"${slug}>${body}</div>
${actions}
</section></div>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(opts.title)}</title>
<style>
body{font:15px/1.55 system-ui,sans-serif;margin:0;background:#fff;color:#0d0d0d}
main{max-width:760px;margin:0 auto;padding:24px 16px 120px}
section{padding:14px 0;border-bottom:1px solid #eee;position:relative}
section[data-turn=user] .user-message-bubble-color{background:#f2f2f2;border-radius:18px;padding:10px 16px;margin-left:25%}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.actions button{font-size:12px;border:0;background:none;color:#888}
pre{background:#f6f6f6;padding:10px;overflow:auto}
</style></head>
<body><nav aria-label="Chat history" style="position:fixed;left:0;top:0;width:200px;padding:16px;font-size:13px"><a href="#" data-active=""><div class="truncate">${escapeHtml(opts.title)}</div></a></nav>
<main id="main"><div id="thread"><h1 style="font-size:18px">${escapeHtml(opts.title)}</h1>
${sections.join('\n')}
</div>
<form><textarea id="prompt-textarea" aria-label="Message"></textarea><button data-testid="send-button" type="button">Send</button></form>
</main></body></html>`;
}
