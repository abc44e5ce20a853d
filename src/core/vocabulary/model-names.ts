/**
 * Readable model names from the slugs sites put in their pages and exports ("gpt-4-1-mini" →
 * "GPT-4.1 mini"). Views show the readable name with the raw slug on hover; stored data and
 * exports keep the slug. Unknown slugs are returned unchanged: never a guess that hides the slug.
 */
const KNOWN: Readonly<Record<string, string>> = {
  'text-davinci-002-render-sha': 'GPT-3.5 (ChatGPT default)',
  'text-davinci-002-render-sha-mobile': 'GPT-3.5 (ChatGPT default, mobile)',
  'text-davinci-002-render-paid': 'GPT-3.5 (ChatGPT Plus)',
  'gpt-4-gizmo': 'GPT-4 (custom GPT)',
  'gpt-4-browsing': 'GPT-4 (browsing)',
  'gpt-4-plugins': 'GPT-4 (plugins)',
  'gpt-4-code-interpreter': 'GPT-4 (code interpreter)',
  auto: 'Auto (site picks the model)',
};

const cap = (w: string) => (w ? w[0].toUpperCase() + w.slice(1) : w);

/** "3-5" → "3.5"; words after the version are kept lower-case ("mini", "turbo"). */
function versioned(parts: string[]): { version: string; rest: string[] } {
  const nums: string[] = [];
  while (parts.length && /^\d+$/.test(parts[0]) && parts[0].length <= 2 && nums.length < 2) nums.push(parts.shift()!);
  return { version: nums.join('.'), rest: parts };
}

export function readableModel(slug: string): string {
  const s = slug.trim();
  const lower = s.toLowerCase();
  if (KNOWN[lower]) return KNOWN[lower];
  // Date / snapshot suffixes ("20241022", "0613") are dropped from the readable name; the slug keeps them.
  const parts = lower.split(/[-_\s]+/).filter((p) => !/^\d{4}(\d{4})?$/.test(p));
  if (parts[0] === 'gpt') {
    const head = parts[1] ?? '';
    const m = /^(\d+)(?:\.(\d+))?(o?)$/.exec(head);
    if (!m) return s;
    const rest = parts.slice(2);
    let minor = m[2] ?? '';
    if (!minor && rest.length && /^\d$/.test(rest[0])) minor = rest.shift()!;
    return `GPT-${m[1]}${minor ? `.${minor}` : ''}${m[3]}${rest.length ? ' ' + rest.join(' ') : ''}`;
  }
  if (parts[0] === 'claude') {
    const rest = parts.slice(1);
    const out: string[] = [];
    while (rest.length) {
      if (/^\d+$/.test(rest[0])) {
        const { version, rest: after } = versioned(rest);
        out.push(version);
        rest.splice(0, rest.length, ...after);
      } else out.push(cap(rest.shift()!));
    }
    return `Claude ${out.join(' ')}`;
  }
  if (parts[0] === 'gemini' || parts[0] === 'grok' || parts[0] === 'mistral' || parts[0] === 'llama' || parts[0] === 'deepseek') {
    return [cap(parts[0]), ...parts.slice(1).map((p) => (/^\d/.test(p) ? p : cap(p)))].join(' ');
  }
  return s;
}
