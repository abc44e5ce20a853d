/** Tiny render helper for Preact component tests in happy-dom. */
import { render, type ComponentChildren } from 'preact';
import { act } from 'preact/test-utils';
import { ServicesContext, type UiServices } from '../../../src/ui/adapters/services.ts';

export async function mount(ui: ComponentChildren, services?: UiServices): Promise<HTMLElement> {
  const root = document.createElement('div');
  document.body.append(root);
  await act(() => {
    render(services ? <ServicesContext.Provider value={services}>{ui}</ServicesContext.Provider> : ui, root);
  });
  return root;
}

/** Lets pending promises (fake services) resolve and Preact re-render. */
export async function settle(times = 3): Promise<void> {
  for (let i = 0; i < times; i++)
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
}

export async function click(el: Element | null | undefined): Promise<void> {
  if (!el) throw new Error('element to click not found');
  await act(() => {
    (el as HTMLElement).click();
  });
}

export async function type(el: Element | null | undefined, value: string): Promise<void> {
  if (!el) throw new Error('input not found');
  await act(() => {
    (el as HTMLInputElement).value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function byText(root: ParentNode, selector: string, text: string | RegExp): HTMLElement | undefined {
  return [...root.querySelectorAll<HTMLElement>(selector)].find((e) =>
    typeof text === 'string' ? e.textContent?.includes(text) : text.test(e.textContent ?? ''),
  );
}

export function cleanup(): void {
  document.body.replaceChildren();
}
