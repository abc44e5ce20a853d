/** Download file names: a readable slug of the title plus the format's extension. Pure. */
import type { ExportFormat } from '../../adapters/services.ts';

export const EXPORT_FORMATS: { key: ExportFormat; label: string; ext: string }[] = [
  { key: 'json', label: 'JSON (lossless bundle)', ext: 'json' },
  { key: 'jsonl', label: 'JSONL (chat messages)', ext: 'jsonl' },
  { key: 'csv', label: 'CSV (one row per turn)', ext: 'csv' },
  { key: 'md', label: 'Markdown transcript', ext: 'md' },
  { key: 'zip', label: 'Zip of all formats', ext: 'zip' },
  { key: 'annotation', label: 'For annotation tools (Label Studio, Argilla, Prodigy, Hugging Face) — zip', ext: 'annotation.zip' },
];

export function exportFileName(base: string, format: ExportFormat): string {
  const slug = base
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase();
  const ext = EXPORT_FORMATS.find((f) => f.key === format)?.ext ?? format;
  return `${slug || 'persona-observatory'}.${ext}`;
}
