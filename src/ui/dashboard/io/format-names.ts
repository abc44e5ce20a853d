/** Import formats in words (the parser's short ids, e.g. "jsonl-turns", mean nothing to people). Pure. */
const FORMAT_NAMES: Readonly<Record<string, string>> = {
  bundle: 'Persona Observatory export (JSON)',
  jsonl: 'Persona Observatory export (JSONL)',
  chatgpt: 'ChatGPT account export',
  claude: 'Claude account export',
  'jsonl-turns': 'JSONL, one conversation per line with its turns (label contract)',
  'jsonl-messages': 'JSONL of chat messages (fine-tuning style)',
  'jsonl-mixed': 'JSONL mixing conversations with turns and chat messages',
  'json-turns': 'JSON conversation(s) with their turns',
  empty: 'empty file',
};

export function formatName(format: string): string {
  if (FORMAT_NAMES[format]) return FORMAT_NAMES[format];
  // Zips report the formats inside, e.g. "zip: chatgpt, bundle".
  const zip = /^zip:\s*(.+)$/.exec(format);
  if (zip) return `zip of ${zip[1].split(/,\s*/).map(formatName).join(', ')}`;
  return format;
}
