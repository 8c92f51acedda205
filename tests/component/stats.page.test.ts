// The statistics page with the fake api: reached from the top bar, every panel with its text
// alternative, the deck filter and range switches asking for the right figures, and failures.
import '@testing-library/svelte/vitest';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/svelte';
import { FakeApi } from './fakeApi';
import { renderApp, settle } from './helpers';

// jsdom has no canvas: the charts then render only their text alternatives (what is tested here;
// the drawing itself is checked in the end-to-end test).
beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

async function openStats(api = new FakeApi()) {
  renderApp(api);
  await fireEvent.click(await screen.findByTestId('nav-stats'));
  await screen.findByTestId('stats-panels');
  return api;
}

describe('statistics page', () => {
  it('is in the top bar as "Statistics" and marks itself as the current page', async () => {
    renderApp();
    const tab = await screen.findByTestId('nav-stats');
    expect(tab.textContent?.trim()).toBe('Statistics');
    await fireEvent.click(tab);
    expect(tab.getAttribute('aria-current')).toBe('page');
    expect(await screen.findByTestId('stats-page')).toBeTruthy();
  });

  it('shows today, the streak and every chart panel with a summary and a table for screen readers', async () => {
    const api = await openStats();
    expect(api.count('statistics')).toBe(1);
    expect(api.calls.find((c) => c.method === 'statistics')!.args).toEqual([{}]);

    const today = within(screen.getByTestId('today-figures'));
    expect(today.getByTestId('figure-reviewed').textContent).toContain('12');
    expect(today.getByTestId('figure-time').textContent).toContain('1 min 36 s');
    expect(today.getByTestId('figure-retention').textContent).toContain('88%');
    expect(within(screen.getByTestId('streak-figures')).getByTestId('figure-studied').textContent).toContain('123');

    for (const id of ['forecast', 'reviews', 'stability', 'difficulty', 'retrievability', 'buttons']) {
      const chart = screen.getByTestId(`chart-${id}`);
      // The canvas is hidden from assistive tech; the caption and a table stand in for it.
      expect(chart.querySelector('canvas')!.getAttribute('aria-hidden')).toBe('true');
      expect(screen.getByTestId(`chart-${id}-summary`).textContent!.length).toBeGreaterThan(20);
      expect(chart.querySelector('.sr-only > table caption')).toBeTruthy();
    }
    expect(screen.getByTestId('chart-forecast-summary').textContent).toContain('cards are due in the next 30 days');
    expect(screen.getByTestId('heatmap-summary').textContent).toContain('You studied on 123 of the last 365 days');
    // The heatmap grid itself is hidden from screen readers (365 cells); each cell has a tooltip.
    const heatmap = screen.getByTestId('heatmap');
    expect(heatmap.querySelector('[aria-hidden="true"]')).toBeTruthy();
    expect(heatmap.querySelectorAll('.cell[title]')).toHaveLength(365);
    expect(heatmap.querySelector('.cell.today')!.getAttribute('title')).toBe('Wed, Mar 18, 2026: 12 answers');

    expect(within(screen.getByTestId('counts-table')).getByTestId('count-new').textContent).toContain('20');
    const retention = within(screen.getByTestId('retention-month'));
    expect(retention.getByText('87.0%')).toBeTruthy();
    expect(retention.getByText('80 of 92')).toBeTruthy();
  });

  it('switches the reviews chart between ranges and between answers and time', async () => {
    await openStats();
    const summary = () => screen.getByTestId('chart-reviews-summary').textContent;
    expect(summary()).toContain('in the last 30 days');
    const panel = within(screen.getByRole('region', { name: 'Reviews' }));
    await fireEvent.click(panel.getByRole('radio', { name: '1 year' }));
    await settle();
    expect(summary()).toContain('in the last 365 days');
    await fireEvent.click(panel.getByRole('radio', { name: 'Time' }));
    await settle();
    expect(screen.getByText('Minutes spent answering per day.')).toBeTruthy();
  });

  it('narrows every figure to the deck chosen in the filter', async () => {
    const api = await openStats();
    const select = screen.getByTestId('stats-deck') as HTMLSelectElement;
    await vi.waitFor(() => expect(select.options).toHaveLength(3));
    expect([...select.options].map((o) => o.textContent)).toEqual(['All decks', 'AWS Solutions Architect', 'Azure Fundamentals']);
    select.value = '2';
    await fireEvent.change(select);
    await settle();
    expect(api.calls.filter((c) => c.method === 'statistics').at(-1)!.args).toEqual([{ deckId: 2 }]);
  });

  it('says when the statistics cannot be loaded, with the reason, and can try again', async () => {
    const api = new FakeApi();
    api.failNext('statistics', 'The collection is locked.');
    renderApp(api);
    await fireEvent.click(await screen.findByTestId('nav-stats'));
    expect(await screen.findByText('Your statistics could not be loaded.')).toBeTruthy();
    expect(screen.getByText('The collection is locked.')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('stats-panels')).toBeTruthy();
  });

  it('speaks Dutch', async () => {
    const { i18n } = await import('../../renderer/src/lib/i18n.svelte');
    const { api } = renderApp();
    // The app applies its stored language setting once read; switch after that.
    await screen.findByTestId('nav-stats');
    await vi.waitFor(() => expect(api.count('getAppSettings')).toBeGreaterThan(0));
    await settle();
    i18n.use('nl');
    try {
      const tab = await screen.findByTestId('nav-stats');
      expect(tab.textContent?.trim()).toBe('Statistieken');
      await fireEvent.click(tab);
      await screen.findByTestId('stats-panels');
      expect(screen.getByRole('heading', { name: 'Werkelijke retentie' })).toBeTruthy();
      expect(screen.getByTestId('heatmap-summary').textContent).toMatch(/^Je hebt op 123 van de laatste 365 dagen gestudeerd/);
    } finally {
      i18n.use('en');
    }
  });
});
