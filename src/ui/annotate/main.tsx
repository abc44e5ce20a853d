/**
 * The annotation frame: an extension page that the in-page badge panel shows in an iframe, so
 * the note and label text live in the extension's origin. The chat page can't read this
 * document, see its key presses or forge its clicks. The reply is named by the URL fragment,
 * set by the content script (`frameHash`).
 */
import { render } from 'preact';
import '../../common/tokens.css';
import './annotate.css';
import { sendMessage } from '../../messaging/client.ts';
import { ErrorBox } from '../components/Status.tsx';
import { AnnotateFrame, type AnnotateServices } from './AnnotateFrame.tsx';
import { frameTarget, type FrameSignal } from '../../common/annotate-frame-url.ts';
import { onEscapeReleased } from './escape-key.ts';

/** Tells the badge panel around this frame (see FrameSignal); no note or label text. */
function signal(message: FrameSignal): void {
  if (window.parent !== window) window.parent.postMessage(message, '*');
}

const services: AnnotateServices = {
  async load(turnKey) {
    const r = await sendMessage({ type: 'annotation/get', turnKey });
    if (!r.ok) throw new Error(r.error);
    return r.annotations;
  },
  async save(draft) {
    const r = await sendMessage({ type: 'annotation/save', ...draft });
    if (!r.ok) throw new Error(r.error);
    signal({ type: 'po-annotate', event: 'judged', kind: r.annotation.kind });
    return r.annotation;
  },
  async remove(id) {
    const r = await sendMessage({ type: 'annotation/delete', id });
    if (!r.ok) throw new Error(r.error);
    signal({ type: 'po-annotate', event: 'judged', kind: null });
  },
};

onEscapeReleased(document, () => signal({ type: 'po-annotate', event: 'escape' }));

const target = frameTarget(location.hash);
render(
  target ? (
    <AnnotateFrame turnKey={target.turnKey} conversationKey={target.conversationKey} services={services} />
  ) : (
    <ErrorBox title="No reply to annotate" error="This frame was opened without a reply." />
  ),
  document.getElementById('app')!,
);
