/**
 * Code blocks: which element is one (a <pre>, or a wrapper with a language header), its language,
 * and its Markdown fence. A fence is kept out of whitespace normalisation: the reader's text holds
 * a placeholder (`fence`) that `putFencesBack` replaces with the verbatim fence at the end.
 */

const LANGUAGE_TOKEN = /^[A-Za-z][\w+#.-]{0,23}$/;
/** A header word that names a language marks its wrapper as a code block whatever its classes. */
const KNOWN_LANGUAGES = new Set([
  'python',
  'javascript',
  'typescript',
  'java',
  'c',
  'c++',
  'cpp',
  'c#',
  'csharp',
  'go',
  'rust',
  'ruby',
  'php',
  'swift',
  'kotlin',
  'scala',
  'bash',
  'shell',
  'sh',
  'powershell',
  'sql',
  'html',
  'css',
  'json',
  'yaml',
  'xml',
  'markdown',
  'r',
  'matlab',
  'perl',
  'lua',
  'haskell',
  'dart',
  'plaintext',
  'text',
  'jsx',
  'tsx',
  'latex',
  'vba',
  'dockerfile',
]);

/**
 * The element holding the code when `el` is a code block: a <pre>, or a wrapper around exactly
 * one <pre> whose only other text is a language label (ChatGPT, Claude and Gemini put the
 * language in a header next to the code). Returns null for anything else.
 */
export function codeBlockOf(el: Element): Element | null {
  const tag = el.localName.toLowerCase();
  if (tag === 'pre') return innermostCode(el);
  if (!el.firstElementChild) return null;
  const pres = el.querySelectorAll('pre');
  const outer: Element[] = [];
  for (let i = 0; i < pres.length; i++) if (!pres[i].parentElement?.closest('pre')) outer.push(pres[i]);
  if (outer.length !== 1) return null;
  const label = languageLabel(el, outer[0]);
  if (label === null) return null;
  const codeish = tag === 'code-block' || /code/i.test(el.getAttribute('class') ?? '') || /code/i.test(el.getAttribute('aria-label') ?? '');
  const classLang = languageFromClass(outer[0]);
  return codeish || KNOWN_LANGUAGES.has(label.toLowerCase()) || (classLang !== null && classLang === label.toLowerCase()) ? innermostCode(outer[0]) : null;
}

function innermostCode(pre: Element): Element {
  return pre.querySelector('.cm-content') ?? pre.querySelector('pre code') ?? pre.querySelector('code') ?? pre;
}

/** The wrapper's text outside the <pre> and its buttons, when it is one language-like word. */
function languageLabel(wrapper: Element, pre: Element): string | null {
  const total = (wrapper.textContent ?? '').length - (pre.textContent ?? '').length;
  if (total > 200) return null;
  let text = '';
  const walk = (n: Node): void => {
    if (n === pre) return;
    if (n.nodeType === 3) text += ` ${n.nodeValue ?? ''}`;
    else if (n.nodeType === 1 && !(n as Element).matches('button, [role="button"], svg, .sr-only')) {
      for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
    }
  };
  walk(wrapper);
  const t = text.replace(/\s+/g, ' ').trim();
  if (t === '') return '';
  return LANGUAGE_TOKEN.test(t) ? t : null;
}

function languageFromClass(scope: Element): string | null {
  const withClass = scope.matches('[class*="language-"]') ? scope : scope.querySelector('[class*="language-"]');
  const m = withClass?.getAttribute('class')?.match(/language-([\w+#.-]+)/);
  return m ? m[1].toLowerCase() : null;
}

/** Adds the block's fence to `codes` and returns its placeholder for the text. */
export function fence(wrapper: Element, code: Element, codes: string[]): string {
  const pre = code.closest('pre') ?? code;
  const outerPre = wrapper.localName.toLowerCase() === 'pre' ? wrapper : pre;
  let lang = languageFromClass(outerPre) ?? wrapper.getAttribute('data-language')?.toLowerCase() ?? null;
  if (!lang) {
    const label = languageLabel(wrapper, code);
    if (label && LANGUAGE_TOKEN.test(label)) lang = label.toLowerCase();
  }
  const body = (code.textContent ?? '').replace(/\n+$/, '');
  codes.push(`\`\`\`${lang ?? ''}\n${body}\n\`\`\``);
  return `\n\n\u0000${codes.length - 1}\u0000\n\n`;
}

/** The normalised text with each placeholder replaced by its fence, verbatim. */
export function putFencesBack(text: string, codes: string[]): string {
  if (codes.length === 0 && !text.includes('\u0000')) return text;
  return text.replace(/\u0000(\d+)\u0000/g, (_, i: string) => codes[Number(i)] ?? '');
}
