// Shared set-up of the browser, editor and settings component tests: what jsdom lacks (modal
// dialogs, ResizeObserver), a viewport height for the virtualized table, and a clean <html> and
// language after each test (Settings changes them app-wide).
import { afterEach, beforeEach } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/svelte';
import { i18n } from '../../renderer/src/lib/i18n.svelte';
import { appearance } from '../../renderer/src/lib/settings/appearance.svelte';
import { FakeApi } from './fakeApi';
import { renderApp, settle } from './helpers';

/** Height the card table's scroller reports (jsdom does no layout). */
export const GRID_HEIGHT = 400;

export function installDomStubs(): void {
  beforeEach(() => {
    if (!('ResizeObserver' in globalThis)) {
      (globalThis as Record<string, unknown>).ResizeObserver = class {
        observe(): void {}
        unobserve(): void {}
        disconnect(): void {}
      };
    }
    const dialog = HTMLDialogElement.prototype as HTMLDialogElement & { showModal?: () => void; close?: () => void };
    if (typeof dialog.showModal !== 'function') {
      dialog.showModal = function (this: HTMLDialogElement) {
        this.setAttribute('open', '');
      };
      dialog.close = function (this: HTMLDialogElement) {
        this.removeAttribute('open');
      };
    }
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.getAttribute('role') === 'grid' ? GRID_HEIGHT : 0;
      },
    });
  });
  afterEach(() => {
    i18n.use('en');
    appearance.fontSize = 16;
    document.documentElement.removeAttribute('data-theme');
    document.documentElement.style.fontSize = '';
  });
}

/** Renders the app and opens one of the top bar's screens. */
export async function openView(view: 'browse' | 'settings', api: FakeApi = new FakeApi(), now?: () => number) {
  const rendered = renderApp(api, now);
  await fireEvent.click(await screen.findByTestId(`nav-${view}`));
  await settle(10);
  return rendered;
}

/** The table rows on screen, as their card ids. */
export function rowIds(): number[] {
  return screen.queryAllByTestId('browse-row').map((r) => Number(r.getAttribute('data-card-id')));
}

/** The text of one cell of the row of a card. */
export function cell(cardId: number, column: string): string {
  const row = screen.getAllByTestId('browse-row').find((r) => r.getAttribute('data-card-id') === String(cardId));
  if (!row) throw new Error(`card ${cardId} is not on screen`);
  return row.querySelector(`[data-column="${column}"]`)?.textContent?.trim() ?? '';
}

export function row(cardId: number): HTMLElement {
  const found = screen.getAllByTestId('browse-row').find((r) => r.getAttribute('data-card-id') === String(cardId));
  if (!found) throw new Error(`card ${cardId} is not on screen`);
  return found;
}

export function dialog(testid = 'browse-dialog'): HTMLElement {
  return screen.getByTestId(testid);
}

export { within };
