/**
 * When the badge layer draws (placement is in placement.ts, rendering in layer.tsx). The task
 * that renders badges never reads layout: new badges are admitted a bounded batch per task and
 * rendered unplaced; after the browser's next frame, when layout is clean, they are measured,
 * placed and shown. Scrolls and viewport resizes re-place badges in the next animation frame.
 */
import { afterNextFrame, nextFrame, nextTask, type Cancel } from './frames.ts';

export interface DrawSteps {
  /** False while the layer is hidden: nothing is scheduled. */
  active(): boolean;
  /** Lets the next batch of new badges render; true when others are still waiting. */
  admit(): boolean;
  /** Renders (writes only, never reads layout). */
  paint(): void;
  /** Layout is clean: measure new badges and place them all. */
  measureAndPlace(): void;
  /** Layout is clean: re-place the badges; true when a placement changed. */
  relocate(): boolean;
}

export interface DrawSchedule {
  /** Render now, without reading layout; a large batch of new badges continues in the next tasks. */
  draw(): void;
  /** Badges follow their replies in the next frame (after a scroll or a viewport resize). */
  follow(): void;
  cancel(): void;
}

export function createDrawSchedule(win: Window, steps: DrawSteps): DrawSchedule {
  let cancelAdmit: Cancel | null = null;
  let cancelFollow: Cancel | null = null;
  let cancelSettle: Cancel | null = null;

  /** After the next frame: measure new badges, place them all, show them. */
  function settle(): void {
    if (cancelSettle || !steps.active()) return;
    cancelSettle = afterNextFrame(win, () => {
      cancelSettle = null;
      if (!steps.active()) return;
      steps.measureAndPlace();
      steps.paint();
    });
  }

  function draw(): void {
    if (!steps.active()) {
      steps.paint();
      return;
    }
    const more = steps.admit();
    steps.paint();
    settle();
    if (more && !cancelAdmit) {
      cancelAdmit = nextTask(win, () => {
        cancelAdmit = null;
        draw();
      });
    }
  }

  return {
    draw,
    follow() {
      if (cancelFollow || !steps.active()) return;
      cancelFollow = nextFrame(win, () => {
        cancelFollow = null;
        if (steps.active() && steps.relocate()) steps.paint();
      });
    },
    cancel() {
      cancelAdmit?.();
      cancelFollow?.();
      cancelSettle?.();
      cancelAdmit = cancelFollow = cancelSettle = null;
    },
  };
}
