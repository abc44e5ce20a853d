import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices } from '../../adapters/services.ts';
import { StateChip } from '../../../common/StateChip.tsx';
import { LabelText } from '../../../common/LabelText.tsx';
import { ErrorBox } from '../../components/Status.tsx';
import { loadDemo } from './demo.ts';

interface Props {
  onOpen(conversationKey: string): void;
  onImport(): void;
  onList(): void;
}

/**
 * First run (opened once on install, and from empty states): what a badge means, privacy in
 * three lines, and two ways to see something at once — the bundled demo, or an import.
 */
export function WelcomeView({ onOpen, onImport, onList }: Props) {
  const services = useServices();
  const heading = useRef<HTMLHeadingElement>(null);
  const [demo, setDemo] = useState<{ kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; error: unknown }>({ kind: 'idle' });
  useEffect(() => {
    heading.current?.focus();
  }, []);

  async function openDemo() {
    setDemo({ kind: 'loading' });
    try {
      onOpen(await loadDemo(services));
    } catch (error) {
      setDemo({ kind: 'error', error });
    }
  }

  return (
    <div class="po-welcome">
      <h2 ref={heading} tabIndex={-1}>
        Welcome to Persona Observatory
      </h2>
      <p>It watches your own conversations on AI chat sites and marks where the assistant’s persona seems to change, and why.</p>
      <section class="po-card" aria-labelledby="po-w-badge">
        <h3 id="po-w-badge">What a badge means</h3>
        <p class="po-welcome-sample" aria-hidden="true">
          <span class="po-welcome-badge">
            <StateChip state="B" stateName="long · structured" /> <span class="po-badge-mark">⇄ verbosity jump · moderate</span>
          </span>
        </p>
        <ul>
          <li>
            <strong>#2 long · structured</strong>: this reply belongs to the conversation’s second persona segment, named from what sets it apart (longer
            replies, more lists and headers than the rest of the conversation).
          </li>
          <li>
            <strong>⇄ verbosity jump</strong>: a shift starts here, in words: what changed.
          </li>
          <li>
            <strong>strong / moderate / weak</strong>: how sure the tool is. Click the word for what it has meant in tests. A model change the site itself shows
            reads <em>from the page</em>: a fact, not an estimate.
          </li>
          <li>
            Click a badge for the evidence, and to say <em>Confirmed shift</em> or <em>Not a shift</em>. In the dashboard, personas are numbered across all your
            chats (P1, P2, …), so the same persona has the same number and colour everywhere.
          </li>
        </ul>
        <p class="po-muted po-small">
          Example label: <LabelText label={{ kind: 'model', text: 'model changed: gpt-4o → gpt-5-5', confidence: 1, evidence: [] }} />
        </p>
      </section>
      <section class="po-card" aria-labelledby="po-w-privacy">
        <h3 id="po-w-privacy">Privacy, in three lines</h3>
        <ul class="po-welcome-privacy">
          <li>Nothing leaves your browser: no network requests of its own, no analytics.</li>
          <li>It reads only the chat sites it supports, and you can switch any of them off in Settings.</li>
          <li>Your conversations stay on this device until you delete them (one, or everything).</li>
        </ul>
      </section>
      <div class="po-row-actions">
        <button type="button" class="po-btn po-btn-primary" onClick={openDemo} aria-disabled={demo.kind === 'loading'}>
          {demo.kind === 'loading' ? 'Opening the demo…' : 'Open the demo conversation'}
        </button>
        <button type="button" class="po-btn" onClick={onImport}>
          Import your chats
        </button>
        <button type="button" class="po-btn" onClick={onList}>
          Go to your conversations
        </button>
      </div>
      {demo.kind === 'error' && <ErrorBox title="The demo could not be opened" error={demo.error} onRetry={openDemo} />}
    </div>
  );
}
