/** Maths kept as TeX, the way Markdown writes it: KaTeX annotations, `data-math`, MathML. */

export function isKatex(el: Element): boolean {
  return el.classList.contains('katex') && el.querySelector('annotation') !== null;
}

/**
 * Math whose TeX the page keeps on the element: Gemini's `div.math-block[data-math]` /
 * `span.math-inline[data-math]` (its KaTeX rendering has no annotation, and is aria-hidden), and
 * bare MathML `<math>` (its TeX annotation, else its text). Null when `el` is not math.
 */
export function mathSource(el: Element, tag: string): string | null {
  const data = el.getAttribute('data-math');
  if (data !== null && data.trim() !== '') {
    const display = tag === 'div' || el.classList.contains('math-block');
    return display ? `\n\n$$${data.trim()}$$\n\n` : `$${data.trim()}$`;
  }
  if (tag !== 'math') return null;
  const tex = el.querySelector('annotation[encoding*="tex" i]')?.textContent?.trim() ?? (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (!tex) return '';
  return el.getAttribute('display') === 'block' ? `\n\n$$${tex}$$\n\n` : `$${tex}$`;
}

/** KaTeX keeps the TeX source in a MathML annotation; show it the way Markdown writes math. */
export function katexText(el: Element): string {
  const tex = el.querySelector('annotation')?.textContent?.trim() ?? '';
  const display = el.parentElement?.classList.contains('katex-display') ?? false;
  return display ? `\n\n$$${tex}$$\n\n` : `$${tex}$`;
}
