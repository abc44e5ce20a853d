/**
 * Frame timing for the badge layer. Each helper returns a cancel function (the layer can be
 * destroyed while a callback is pending).
 */
export type Cancel = () => void;

/** `fn` in the next animation frame: after scroll events, before that frame's layout. */
export function nextFrame(win: Window, fn: () => void): Cancel {
  if (typeof win.requestAnimationFrame !== 'function') {
    const timer = win.setTimeout(fn, 16);
    return () => win.clearTimeout(timer);
  }
  const id = win.requestAnimationFrame(() => fn());
  return () => win.cancelAnimationFrame(id);
}

/** `fn` in a task of its own, so the browser can handle input and draw frames in between. */
export function nextTask(win: Window, fn: () => void): Cancel {
  const timer = win.setTimeout(fn, 0);
  return () => win.clearTimeout(timer);
}

/**
 * `fn` in a task of its own right after the next frame is rendered. The browser has just laid
 * the page out then, so reading sizes and positions costs nothing instead of forcing a
 * synchronous layout (unless some script changed the DOM in between).
 */
export function afterNextFrame(win: Window, fn: () => void): Cancel {
  let cancelTask: Cancel | null = null;
  const cancelFrame = nextFrame(win, () => {
    cancelTask = nextTask(win, fn);
  });
  return () => {
    cancelFrame();
    cancelTask?.();
  };
}
