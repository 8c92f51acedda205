import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/svelte';
import type { DeckSummary } from '../../electron/shared/contract';
import { DECK_ID, defaultDecks, EMPTY_DECK_ID, FakeApi } from './fakeApi';
import { renderApp } from './helpers';

describe('deck list', () => {
  it('shows one row per deck with its new, learning and due counts', async () => {
    const api = new FakeApi();
    api.decks[0]!.newToday = 7;
    api.decks[0]!.learningDue = 2;
    api.decks[0]!.reviewDue = 15;
    renderApp(api);

    const rows = await screen.findAllByTestId('deck-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0]!);
    expect(first.getByText('AWS Solutions Architect')).toBeTruthy();
    expect(first.getByTestId('count-new').textContent).toBe('7');
    expect(first.getByTestId('count-learning').textContent).toBe('2');
    expect(first.getByTestId('count-due').textContent).toBe('15');
    expect(first.getByTestId('count-new').classList.contains('new')).toBe(true);

    const second = within(rows[1]!);
    expect(second.getByText('Azure Fundamentals')).toBeTruthy();
    expect(second.getByTestId('count-due').textContent).toBe('0');
    expect(second.getByTestId('count-due').classList.contains('zero')).toBe(true);
    expect(screen.getByTestId(`study-${EMPTY_DECK_ID}`)).toBeTruthy();
  });

  it('shows nested decks indented under their parent, sorted by name, with the parent counting its children', async () => {
    const [aws, azure] = defaultDecks();
    const deck = (id: number, name: string, parentId: number | null, depth: number, reviewDue: number): DeckSummary => ({
      ...aws!, id, name, parentId, depth, newToday: 0, learningDue: 0, reviewDue, dueToday: reviewDue,
    });
    // Given out of order: the list orders them as a tree.
    const api = new FakeApi([
      deck(12, 'AWS::Storage', 10, 1, 3),
      { ...azure!, id: 20 },
      deck(11, 'AWS::Compute', 10, 1, 2),
      deck(13, 'AWS::Compute::EC2', 11, 2, 1),
      deck(10, 'AWS', null, 0, 5),
      // Under AWS because "AWS::Network" is missing (an import can leave it out).
      deck(14, 'AWS::Network::VPC', 10, 1, 0),
    ]);
    renderApp(api);

    const rows = await screen.findAllByTestId('deck-row');
    const names = rows.map((r) => within(r).getAllByRole('button')[0]!);
    expect(names.map((b) => b.textContent?.trim())).toEqual(['AWS', 'Compute', 'EC2', 'Network::VPC', 'Storage', 'Azure Fundamentals']);
    expect(names.map((b) => b.getAttribute('aria-label'))).toEqual(['AWS', 'AWS::Compute', 'AWS::Compute::EC2', 'AWS::Network::VPC', 'AWS::Storage', 'Azure Fundamentals']);
    expect(rows.map((r) => r.dataset.depth)).toEqual(['0', '1', '2', '1', '1', '0']);
    const indent = (r: HTMLElement) => parseFloat((r.querySelector('.name-cell') as HTMLElement).style.paddingInlineStart || '0');
    expect(indent(rows[1]!)).toBeGreaterThan(indent(rows[0]!));
    expect(indent(rows[2]!)).toBeGreaterThan(indent(rows[1]!));
    expect(indent(rows[4]!)).toBe(indent(rows[1]!));
    expect(within(rows[0]!).getByTestId('count-due').textContent).toBe('5');
    expect(screen.getByTestId('study-13').getAttribute('aria-label')).toContain('AWS::Compute::EC2');
    // Today's totals count each card once: top-level decks only.
    expect(screen.getByTestId('today').querySelector('.count.due')?.textContent).toBe('5');

    await fireEvent.click(screen.getByRole('button', { name: 'AWS::Storage' }));
    // The study screen opens on the child deck (the fake has no cards in it).
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('AWS::Storage');
  });

  it('shows an empty state when there are no decks', async () => {
    renderApp(new FakeApi([]));
    expect(await screen.findByTestId('no-decks')).toBeTruthy();
    expect(screen.queryAllByTestId('deck-row')).toHaveLength(0);
  });

  it('focuses the first Study button so Enter starts studying', async () => {
    renderApp();
    const button = await screen.findByTestId(`study-${DECK_ID}`);
    expect(document.activeElement).toBe(button);
  });

  it('opens the study screen from the Study button and from the deck name', async () => {
    renderApp();
    await fireEvent.click(await screen.findByTestId(`study-${DECK_ID}`));
    expect(await screen.findByTestId('card-front')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('AWS Solutions Architect');

    await fireEvent.click(screen.getByTestId('back'));
    await fireEvent.click(await screen.findByRole('button', { name: 'AWS Solutions Architect' }));
    expect(await screen.findByTestId('card-front')).toBeTruthy();
  });

  it('shows an alert with the error sentence when the decks cannot be loaded, and can retry', async () => {
    const api = new FakeApi();
    api.failNext('listDecks', 'The collection could not be opened.');
    renderApp(api);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The collection could not be opened.');
    expect(screen.getByText('Your decks could not be loaded.')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByTestId('deck-row')).toHaveLength(2);
    // The retry worked, so the alert is gone.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('the alert can be dismissed', async () => {
    const api = new FakeApi();
    api.failNext('listDecks', 'The collection could not be opened.');
    renderApp(api);
    const alert = await screen.findByRole('alert');
    await fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss message' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('strips the Electron IPC prefix from error messages', async () => {
    const api = new FakeApi();
    api.failNext('listDecks', "Error invoking remote method 'stratus:listDecks': Error: The collection is locked.");
    renderApp(api);
    expect((await screen.findByRole('alert')).textContent?.trim()).toBe('The collection is locked.');
  });
});
