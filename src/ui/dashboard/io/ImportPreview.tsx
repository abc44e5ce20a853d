import { useMemo } from 'preact/hooks';
import { useServices } from '../../adapters/services.ts';
import { useAsync } from '../../components/use-async.ts';
import { formatDate, plural } from '../../../common/format.ts';
import { conversationTitle, siteName } from '../../../core/vocabulary/titles.ts';
import { buildPreview } from './import-preview.ts';
import type { ParsedEntry } from './import-plan.ts';

/** Rows listed in the preview table (the summary counts all of them). */
const SHOWN_ROWS = 50;

/** What the picked files hold, before importing: conversations, dates, sites, duplicates. */
export function ImportPreview({ entries }: { entries: readonly ParsedEntry[] }) {
  const { data } = useServices();
  const stored = useAsync(async () => new Set((await data.listConversations()).map((c) => c.key)), [data]);
  const preview = useMemo(() => buildPreview(entries, stored.status === 'data' ? stored.data : new Set()), [entries, stored.status]);
  if (preview.rows.length === 0) return null;
  const fresh = preview.rows.length - preview.skipped;
  return (
    <div class="po-import-preview">
      <p role="status">
        <strong>{plural(fresh, 'conversation')}</strong>
        {preview.first !== null && (
          <>
            {' '}
            · {formatDate(preview.first)} – {formatDate(preview.last ?? preview.first)}
          </>
        )}
        {' · '}
        {preview.sites.map(([s, n]) => `${siteName(s)} ${n}`).join(', ')}
        {preview.skipped > 0 && <> · {plural(preview.skipped, 'duplicate')} in the picked files, left out</>}
        {preview.stored > 0 && <> · {plural(preview.stored, 'conversation')} already stored (merged, nothing doubled)</>}
      </p>
      <table class="po-table po-preview-table">
        <caption class="po-sr-only">Conversations in the picked files</caption>
        <thead>
          <tr>
            <th scope="col">Conversation</th>
            <th scope="col">Site</th>
            <th scope="col">Replies</th>
            <th scope="col">Dates</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.slice(0, SHOWN_ROWS).map((r, i) => (
            <tr key={i}>
              <th scope="row">{conversationTitle({ title: r.title, site: r.site, firstSeen: r.first ?? 0 })}</th>
              <td>{siteName(r.site)}</td>
              <td>{r.replies}</td>
              <td>
                {r.first === null
                  ? '—'
                  : `${formatDate(r.first)}${r.last !== null && formatDate(r.last) !== formatDate(r.first) ? ` – ${formatDate(r.last)}` : ''}`}
              </td>
              <td>
                {r.duplicate === null
                  ? 'new'
                  : r.duplicate.kind === 'in-store'
                    ? 'already stored'
                    : `duplicate of ${r.duplicate.of} (${r.duplicate.file}): left out`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.rows.length > SHOWN_ROWS && <p class="po-muted po-small">…and {plural(preview.rows.length - SHOWN_ROWS, 'more conversation')}.</p>}
    </div>
  );
}
