/**
 * Saved chat pages reference the site's scripts, styles, fonts and images. Served as they are,
 * the browser would try to fetch them (we abort those) and the site's own scripts would run
 * against a page they do not expect. For capture tests we want the DOM as saved, inert: strip
 * external scripts and resource links so that any request left in the log must come from us.
 * Fixture pages written for the e2e (with `data-e2e-script` on their inline script) keep it, and
 * a frame marked `data-e2e-frame` stays as an empty frame (its `src` is removed like any other).
 */
export function sanitizeFixtureHtml(html: string): string {
  return (
    html
      .replace(/<script\b(?![^>]*data-e2e-script)[^>]*>[\s\S]*?<\/script\s*>/gi, '')
      .replace(/<script\b(?![^>]*data-e2e-script)[^>]*\/>/gi, '')
      .replace(/<link\b[^>]*>/gi, '')
      .replace(/<(iframe|object|embed)\b(?![^>]*data-e2e-frame)[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<meta\b[^>]*http-equiv[^>]*>/gi, '')
      .replace(/\s(src|srcset|poster)\s*=\s*("[^"]*"|'[^']*')/gi, (m, attr: string, value: string) =>
        /^["']\s*(data:|blob:)/i.test(value) ? m : ` data-removed-${attr.toLowerCase()}=${value}`,
      )
      // SVG sprites (`<use href="/cdn/...svg#icon">`) and images fetch too.
      .replace(/<(use|image|feImage)\b([^>]*?)\s(xlink:href|href)\s*=\s*("[^"]*"|'[^']*')/gi, (m, tag: string, attrs: string, attr: string, value: string) =>
        /^["']\s*#/.test(value) ? m : `<${tag}${attrs} data-removed-${attr.replace(':', '-').toLowerCase()}=${value}`,
      )
      .replace(/url\(\s*(['"]?)https?:[^)]*\)/gi, 'none')
  );
}
