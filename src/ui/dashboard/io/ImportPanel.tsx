import { checkFileBytes } from '../../adapters/safety.ts';
import { useMemo, useState } from 'preact/hooks';
import { useServices } from '../../adapters/services.ts';
import { Progress } from '../../components/Progress.tsx';
import { ErrorBox } from '../../components/Status.tsx';
import { plural } from '../../../common/format.ts';
import { throwIfCancelled, yieldToBrowser } from '../../components/cancel.ts';
import { IMPORT_BATCH, batches, type ParsedEntry } from './import-plan.ts';
import { useOperation } from './use-operation.ts';
import { ImportPreview } from './ImportPreview.tsx';
import { uniqueBundles } from './import-preview.ts';
import { formatName } from './format-names.ts';

interface Totals {
  added: number;
  updated: number;
  skipped: number;
}

/**
 * Import: pick files → each is read and parsed locally (format auto-detected; a bad file is
 * refused with the parser's message and does not block the others) → the user confirms → the
 * bundles go to the worker, which writes each batch in one transaction.
 */
export function ImportPanel({ onImported }: { onImported(): void }) {
  const { core, commands } = useServices();
  const [entries, setEntries] = useState<ParsedEntry[]>([]);
  const parse = useOperation<ParsedEntry[]>();
  const send = useOperation<Totals>();

  function pick(files: FileList | null) {
    if (!files || files.length === 0) return;
    const list = [...files];
    send.reset();
    void parse.start(async (step, signal) => {
      const out: ParsedEntry[] = [];
      for (const [i, file] of list.entries()) {
        step(`Reading ${file.name}`, { done: i, total: list.length });
        throwIfCancelled(signal);
        try {
          checkFileBytes(file.size, file.name); // before reading: a huge file is refused, not loaded
          const content = /\.zip$/i.test(file.name) ? new Uint8Array(await file.arrayBuffer()) : await file.text();
          const parsed = core.parseFile(content, file.name);
          out.push({ fileName: file.name, ok: true, format: parsed.format, bundles: parsed.bundles });
        } catch (err) {
          out.push({ fileName: file.name, ok: false, error: err instanceof Error ? err.message : String(err) });
        }
        await yieldToBrowser();
      }
      setEntries(out);
      return out;
    });
  }

  function importAll() {
    // The same conversation in two picked files (or two formats) is sent once.
    const all = unique;
    void send.start(async (step, signal) => {
      const totals: Totals = { added: 0, updated: 0, skipped: 0 };
      const parts = batches(all, IMPORT_BATCH);
      for (const [i, part] of parts.entries()) {
        throwIfCancelled(signal);
        step('Importing', { done: i * IMPORT_BATCH, total: all.length });
        const r = await commands.importBundles(part);
        totals.added += r.added;
        totals.updated += r.updated;
        totals.skipped += r.skipped;
      }
      setEntries([]);
      onImported();
      return totals;
    });
  }

  const unique = useMemo(() => uniqueBundles(entries), [entries]);
  const count = unique.length;
  return (
    <section class="po-card" aria-labelledby="po-import-h">
      <h3 id="po-import-h">Import</h3>
      <p class="po-muted">
        Our own JSON or JSONL export, a JSONL file in the label contract, or the <code>conversations.json</code> from a ChatGPT or Claude account export. Files
        are read on this device only. Importing the same file twice adds nothing twice. Work done in Label Studio or Argilla comes back through the Annotations
        tab.
      </p>
      <label class="po-file">
        <span class="po-btn">Choose files…</span>
        <input
          type="file"
          multiple
          accept=".json,.jsonl,.ndjson,.zip,application/json"
          class="po-sr-only"
          disabled={parse.state.kind === 'running' || send.state.kind === 'running'}
          onChange={(e) => {
            pick(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </label>
      {parse.state.kind === 'running' && (
        <Progress label={parse.state.label} done={parse.state.progress.done} total={parse.state.progress.total} onCancel={parse.cancel} />
      )}
      {parse.state.kind === 'cancelled' && (
        <p class="po-muted" role="status">
          Reading cancelled; nothing was imported.
        </p>
      )}
      {parse.state.kind === 'error' && <ErrorBox title="Could not read the files" error={parse.state.error} />}
      {entries.length > 0 && (
        <table class="po-table">
          <caption class="po-sr-only">Files ready to import</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Format</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={i}>
                <th scope="row">{e.fileName}</th>
                <td>
                  {e.ok ? (
                    <>
                      {formatName(e.format)} <span class="po-muted">({e.format})</span>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{e.ok ? plural(e.bundles.length, 'conversation') : <span class="po-error">Refused: {e.error}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {entries.length > 0 && <ImportPreview entries={entries} />}
      {count > 0 && send.state.kind !== 'running' && (
        <div class="po-row-actions">
          <button type="button" class="po-btn po-btn-primary" onClick={importAll}>
            Import {plural(count, 'conversation')}
          </button>
          <button type="button" class="po-btn" onClick={() => setEntries([])}>
            Discard
          </button>
        </div>
      )}
      {send.state.kind === 'running' && (
        <Progress label={send.state.label} done={send.state.progress.done} total={send.state.progress.total} onCancel={send.cancel} />
      )}
      {send.state.kind === 'done' && (
        <p class="po-saved" role="status">
          Imported: {send.state.result.added} new, {send.state.result.updated} updated, {send.state.result.skipped} already there.
        </p>
      )}
      {send.state.kind === 'cancelled' && (
        <p class="po-muted" role="status">
          Import stopped. Batches already sent stay imported; the rest were not sent.
        </p>
      )}
      {send.state.kind === 'error' && <ErrorBox title="Import refused; the store is as it was before this batch" error={send.state.error} />}
    </section>
  );
}
