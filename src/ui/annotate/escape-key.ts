/**
 * Escape anywhere in the annotation frame closes the panel around it. The signal waits for the key
 * to come back up: closing removes this frame, and a frame removed between key-down and key-up
 * leaves the browser waiting for a key-up no document receives (seen as a keystroke that never
 * completed in the browser tests). Key-down decides: a control that used Escape itself
 * (defaultPrevented) keeps the panel open, and a key-up without its key-down here is not ours.
 */
export function onEscapeReleased(doc: Document, onEscape: () => void): void {
  let armed = false;
  doc.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') armed = !e.defaultPrevented;
  });
  doc.addEventListener('keyup', (e) => {
    if (e.key !== 'Escape' || !armed) return;
    armed = false;
    onEscape();
  });
}
