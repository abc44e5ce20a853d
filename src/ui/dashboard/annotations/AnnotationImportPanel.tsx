import { useState } from 'preact/hooks';
import type { ParsedAnnotationFile } from '../../adapters/services.ts';
import { useServices } from '../../adapters/services.ts';
import { ErrorBox } from '../../components/Status.tsx';
import { plural } from '../../../common/format.ts';
import { useOperation } from '../io/use-operation.ts';

type Picked = { fileName: string; ok: true; parsed: ParsedAnnotationFile } | { fileName: string; ok: false; error: string };

const TOOL_NAMES = { 'label-studio': 'Label Studio', argilla: 'Argilla' } as const;

/**
 * Import annotations: a Label Studio JSON export or Argilla records file of replies exported
 * from here → read locally → preview (how many, by whom, of which kind) → the worker writes them
 * in one transaction beside your own judgements. The same file twice changes nothing.
 */
export function AnnotationImportPanel({ onImported }: { onImported(): void }) {
  const { core, commands } = useServices();
  const [picked, setPicked] = useState<Picked | null>(null);
  const send = useOperation<{ added: number; updated: number; unchanged: number }>();

  async function pick(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    send.reset();
    try {
      setPicked({ fileName: file.name, ok: true, parsed: core.parseAnnotationFile(await file.text(), file.name) });
    } catch (err) {
      setPicked({ fileName: file.name, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  }

  function importNow(parsed: ParsedAnnotationFile) {
    void send.start(async () => {
      const r = await commands.importAnnotations(parsed.annotations);
      setPicked(null);
      onImported();
      return r;
    });
  }

  return (
    <section class="po-card" aria-labelledby="po-annot-import-h">
      <h3 id="po-annot-import-h">Import annotations</h3>
      <p class="po-muted">
        Corrections made in Label Studio (Export → JSON) or Argilla (<code>dataset.records.to_json()</code>) on replies exported from here (Import / export →
        “For annotation tools”). They are matched to your replies by id and kept beside your own judgements, with who made them and when. Importing the same
        file twice changes nothing.
      </p>
      <label class="po-file">
        <span class="po-btn">Choose a file…</span>
        <input
          type="file"
          accept=".json,application/json"
          class="po-sr-only"
          disabled={send.state.kind === 'running'}
          onChange={(e) => {
            void pick(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </label>
      {picked && !picked.ok && (
        <p class="po-error" role="alert">
          Refused {picked.fileName}: {picked.error}
        </p>
      )}
      {picked?.ok && <Preview fileName={picked.fileName} parsed={picked.parsed} />}
      {picked?.ok && picked.parsed.annotations.length > 0 && send.state.kind !== 'running' && (
        <div class="po-row-actions">
          <button type="button" class="po-btn po-btn-primary" onClick={() => importNow(picked.parsed)}>
            Import {plural(picked.parsed.annotations.length, 'annotation')}
          </button>
          <button type="button" class="po-btn" onClick={() => setPicked(null)}>
            Discard
          </button>
        </div>
      )}
      {send.state.kind === 'running' && (
        <p class="po-muted" role="status">
          Importing…
        </p>
      )}
      {send.state.kind === 'done' && (
        <p class="po-saved" role="status">
          Annotations: {send.state.result.added} new, {send.state.result.updated} updated, {send.state.result.unchanged} already there.
        </p>
      )}
      {send.state.kind === 'error' && <ErrorBox title="Import refused; nothing was written" error={send.state.error} />}
    </section>
  );
}

function Preview({ fileName, parsed }: { fileName: string; parsed: ParsedAnnotationFile }) {
  const byKind = new Map<string, number>();
  const authors = new Set<string>();
  const replies = new Set<string>();
  for (const a of parsed.annotations) {
    byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
    if (a.origin.author) authors.add(a.origin.author);
    replies.add(a.turnKey);
  }
  if (parsed.annotations.length === 0) {
    return (
      <p class="po-muted" role="status">
        {fileName} ({TOOL_NAMES[parsed.tool]}): no submitted annotations in it yet.
      </p>
    );
  }
  return (
    <p role="status">
      {fileName} ({TOOL_NAMES[parsed.tool]}): {plural(parsed.annotations.length, 'annotation')} on {plural(replies.size, 'reply', 'replies')} by{' '}
      {plural(authors.size, 'annotator')} — {[...byKind].map(([k, n]) => `${n} ${k}`).join(', ')}.
    </p>
  );
}
