// The card browser with the fake api: search (and the core's error sentence), sorting, the
// virtualized table, selection by mouse and keyboard, bulk actions with their dialogs, undo, and
// deck management in the sidebar.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import { FakeApi } from './fakeApi';
import { CollectionFake } from './fakeCollection';
import { GRID_HEIGHT, cell, dialog, installDomStubs, openView, row, rowIds, within } from './browseHelpers';
import { settle } from './helpers';

installDomStubs();

const ALL = [11, 12, 13, 41, 42, 51, 52]; // the fake's cards, oldest note first

async function openBrowse(api = new FakeApi()) {
  const rendered = await openView('browse', api);
  await waitFor(() => expect(rowIds().length).toBeGreaterThan(0));
  return rendered;
}

const grid = () => screen.getByTestId('browse-grid');
const key = (k: string, mods: Partial<KeyboardEventInit> = {}) => fireEvent.keyDown(grid(), { key: k, ...mods });
const selected = () => screen.queryAllByTestId('browse-row').filter((r) => r.getAttribute('aria-selected') === 'true').map((r) => Number(r.dataset.cardId));

async function search(text: string) {
  const input = screen.getByTestId('browse-search') as HTMLInputElement;
  await fireEvent.input(input, { target: { value: text } });
  await fireEvent.submit(input.closest('form')!);
  await settle(10);
}

describe('card browser: search and table', () => {
  it('lists every card with its columns, in the order the core sorts them', async () => {
    await openBrowse();
    expect(rowIds()).toEqual(ALL);
    expect(screen.getByTestId('browse-count').textContent).toContain('7 cards');
    expect(cell(13, 'front')).toBe('Default VPC CIDR block?');
    expect(cell(13, 'deck')).toBe('AWS Solutions Architect');
    expect(cell(13, 'tags')).toBe('networking');
    expect(cell(13, 'state')).toBe('Review');
    expect(cell(13, 'stability')).toBe('15 d');
    expect(cell(13, 'difficulty')).toBe('5.1');
    expect(cell(13, 'retrievability')).toMatch(/^\d+%$/);
    expect(cell(13, 'lapses')).toBe('1');
    expect(cell(11, 'due')).toBe('New #1');
    expect(cell(11, 'stability')).toBe('—');
    expect(cell(41, 'state')).toBe('New · Suspended');
    expect(row(41).classList.contains('suspended')).toBe(true);
    // Flags and marks are shown (and named for screen readers) in the first column.
    expect(row(51).querySelector('[data-column="front"]')?.textContent).toContain('Red flag');
    expect(grid().getAttribute('aria-rowcount')).toBe('8');
  });

  it('searches with the query language and shows the core’s sentence for a mistake, keeping the last results', async () => {
    const { api } = await openBrowse();
    await search('is:suspended');
    expect(rowIds()).toEqual([41, 42]);
    expect(api.calls.filter((c) => c.method === 'searchCardIds').at(-1)?.args[0]).toMatchObject({ query: 'is:suspended' });

    await search('"unclosed');
    expect(screen.getByTestId('query-error').textContent).toBe('The quote in "\\"unclosed" is never closed.');
    expect(screen.getByTestId('browse-search').getAttribute('aria-invalid')).toBe('true');
    expect(rowIds()).toEqual([41, 42]);

    await search('iam');
    expect(screen.queryByTestId('query-error')).toBeNull();
    expect(rowIds()).toEqual([12]);
  });

  it('searches as you type, after a pause', async () => {
    await openBrowse();
    await fireEvent.input(screen.getByTestId('browse-search'), { target: { value: 'vpc' } });
    expect(rowIds()).toEqual(ALL);
    await waitFor(() => expect(rowIds()).toEqual([13]), { timeout: 2000 });
  });

  it('says so when nothing matches', async () => {
    await openBrowse();
    await search('nothing-like-this');
    expect(screen.getByTestId('browse-empty').textContent).toBe('No cards match this search.');
  });

  it('sorts by a column header; a second click reverses; aria-sort says which', async () => {
    await openBrowse();
    await fireEvent.click(screen.getByTestId('sort-stability'));
    await settle(10);
    expect(rowIds().slice(-2)).toEqual([12, 13]); // new cards first (no stability), then 0.4 and 15.3
    expect(screen.getByTestId('sort-stability').closest('[role="columnheader"]')!.getAttribute('aria-sort')).toBe('ascending');
    await fireEvent.click(screen.getByTestId('sort-stability'));
    await settle(10);
    expect(rowIds().slice(0, 2)).toEqual([13, 12]);
    expect(screen.getByTestId('sort-stability').closest('[role="columnheader"]')!.getAttribute('aria-sort')).toBe('descending');
  });

  it('sorts from the keyboard: ↑ from the first row reaches the headers, ←/→ move, Enter sorts', async () => {
    await openBrowse();
    grid().focus();
    await key('ArrowDown');
    await key('ArrowUp');
    const active = () => document.getElementById(grid().getAttribute('aria-activedescendant')!)!;
    expect(active().getAttribute('role')).toBe('columnheader');
    expect(active().textContent).toContain('Question');
    await key('ArrowRight');
    await key('ArrowRight');
    expect(active().textContent).toContain('Deck');
    await key('Enter');
    await settle(10);
    expect(active().getAttribute('aria-sort')).toBe('ascending');
    expect(rowIds().slice(-2)).toEqual([41, 42]); // "Azure Fundamentals" sorts last
    await key('ArrowDown');
    expect(active().getAttribute('role')).toBe('row');
  });
});

describe('card browser: virtualized rows', () => {
  it('renders only the rows in view and fetches them page by page from the core as it scrolls', async () => {
    const api = new FakeApi();
    api.collection = new CollectionFake(undefined, 100_000);
    await openBrowse(api);
    expect(screen.getByTestId('browse-count').textContent).toContain('100,007 cards');
    // 400 px of 36 px rows, plus the overscan.
    const rendered = rowIds().length;
    expect(rendered).toBeGreaterThan(GRID_HEIGHT / 36);
    expect(rendered).toBeLessThan(40);
    const fetched = () => api.calls.filter((c) => c.method === 'browseRows').map((c) => (c.args[0] as { ids: number[] }).ids);
    expect(fetched()).toHaveLength(1);
    expect(fetched()[0]).toHaveLength(100);

    // Scroll to the middle: the rows there are fetched and shown, nothing in between.
    const target = 50_000;
    grid().scrollTop = target * 36;
    await fireEvent.scroll(grid());
    // Card 100,000 + i sits at position 7 + i (the fake's 7 older cards come first).
    await waitFor(() => expect(cell(100_000 + target - 7 + 2, 'front')).toBe(`Question ${target - 7 + 3}`));
    // Rows 49,990–50,022 (with the overscan) lie on pages 499 and 500: those two are fetched, nothing between.
    await waitFor(() => expect(fetched()).toHaveLength(3));
    expect(fetched().slice(1).map((ids) => [ids[0], ids.length])).toEqual([
      [100_000 + 49_900 - 7, 100],
      [100_000 + 50_000 - 7, 100],
    ]);
    expect(screen.getAllByTestId('browse-row').every((r) => Number(r.getAttribute('aria-rowindex')) > target - 20)).toBe(true);
    expect(screen.getAllByTestId('browse-row').length).toBe(rendered + 10); // overscan above as well now
  });

  it('selects all 100,000 with Ctrl+A and suspends them in one action', async () => {
    const api = new FakeApi();
    api.collection = new CollectionFake(undefined, 100_000);
    await openBrowse(api);
    grid().focus();
    await key('a', { ctrlKey: true });
    expect(screen.getByTestId('browse-count').textContent).toContain('100,007 selected');
    await fireEvent.click(screen.getByTestId('action-suspend'));
    await settle(20);
    const call = api.calls.find((c) => c.method === 'bulkAction')!;
    expect((call.args[0] as { cardIds: number[] }).cardIds).toHaveLength(100_007);
    expect(screen.getByTestId('browse-notice').textContent).toBe('Suspended 100,007 cards.');
  });
});

describe('card browser: selection', () => {
  it('click selects one, Ctrl-click toggles, Shift-click selects a range from the anchor', async () => {
    await openBrowse();
    await fireEvent.click(row(12));
    expect(selected()).toEqual([12]);
    await fireEvent.click(row(41), { shiftKey: true });
    expect(selected()).toEqual([12, 13, 41]);
    await fireEvent.click(row(51), { ctrlKey: true });
    expect(selected()).toEqual([12, 13, 41, 51]);
    await fireEvent.click(row(13), { ctrlKey: true });
    expect(selected()).toEqual([12, 41, 51]);
    // Ctrl+Shift adds the range from the anchor (51, the last Ctrl-click is 13) to 52.
    await fireEvent.click(row(52), { ctrlKey: true, shiftKey: true });
    expect(selected()).toEqual([12, 13, 41, 42, 51, 52]);
    await fireEvent.click(row(11));
    expect(selected()).toEqual([11]);
    expect(screen.getByTestId('browse-count').textContent).toContain('1 selected');
  });

  it('arrows move the selection, Shift+arrow extends it, Ctrl+arrow moves only the cursor, Ctrl+Space toggles', async () => {
    await openBrowse();
    grid().focus();
    await key('ArrowDown');
    expect(selected()).toEqual([11]);
    await key('ArrowDown');
    expect(selected()).toEqual([12]);
    await key('ArrowDown', { shiftKey: true });
    await key('ArrowDown', { shiftKey: true });
    expect(selected()).toEqual([12, 13, 41]);
    await key('ArrowDown', { ctrlKey: true });
    await key(' ', { ctrlKey: true });
    expect(selected()).toEqual([12, 13, 41, 42]);
    await key('End');
    expect(selected()).toEqual([52]);
    await key('Home');
    expect(selected()).toEqual([11]);
    // The cursor is the grid's active descendant and is drawn as such.
    expect(grid().getAttribute('aria-activedescendant')).toBe(row(11).id);
    expect(row(11).classList.contains('cursor')).toBe(true);
  });

  it('Enter opens the editor on the cursor’s card', async () => {
    await openBrowse();
    grid().focus();
    await key('ArrowDown');
    await key('ArrowDown');
    await key('Enter');
    const editor = await screen.findByTestId('editor');
    await waitFor(() => expect((within(editor).getByTestId('editor-field-0') as HTMLTextAreaElement).value).toBe('What does IAM stand for?'));
  });
});

describe('card browser: bulk actions and undo', () => {
  it('suspends the selection (the button reads Unsuspend when all are suspended) and Ctrl+Z undoes it', async () => {
    const { api } = await openBrowse();
    await fireEvent.click(row(11));
    await fireEvent.click(row(12), { shiftKey: true });
    expect(screen.getByTestId('action-suspend').textContent?.trim()).toBe('Suspend');
    await fireEvent.click(screen.getByTestId('action-suspend'));
    await settle(20);
    expect(cell(11, 'state')).toBe('New · Suspended');
    expect(cell(12, 'state')).toBe('Learning · Suspended');
    expect(screen.getByTestId('browse-notice').textContent).toBe('Suspended 2 cards.');
    expect(screen.getByTestId('action-suspend').textContent?.trim()).toBe('Unsuspend');
    expect(screen.getByTestId('browse-undo').textContent).toContain('Undo suspend 2 cards');

    await key('z', { ctrlKey: true });
    await settle(20);
    expect(api.count('undoLast')).toBe(1);
    expect(cell(11, 'state')).toBe('New');
    expect(cell(12, 'state')).toBe('Learning');
    expect(screen.getByTestId('browse-notice').textContent).toBe('Undone: suspend 2 cards.');
    expect((screen.getByTestId('browse-undo') as HTMLButtonElement).disabled).toBe(true);
  });

  it('Ctrl+Z pressed twice while the first undo is running undoes two steps, and a third press finds nothing more', async () => {
    const { api } = await openBrowse();
    await fireEvent.click(row(11));
    await fireEvent.click(screen.getByTestId('action-suspend'));
    await settle(20);
    await fireEvent.click(row(12));
    await fireEvent.click(screen.getByTestId('action-suspend'));
    await settle(20);
    expect(cell(11, 'state')).toBe('New · Suspended');
    expect(cell(12, 'state')).toBe('Learning · Suspended');

    api.hold('undoLast');
    await key('z', { ctrlKey: true });
    await key('z', { ctrlKey: true });
    await key('z', { ctrlKey: true });
    api.release('undoLast');
    await settle(40);
    expect(api.count('undoLast')).toBe(2);
    expect(cell(11, 'state')).toBe('New');
    expect(cell(12, 'state')).toBe('Learning');
    expect((screen.getByTestId('browse-undo') as HTMLButtonElement).disabled).toBe(true);
  });

  it('moves cards to another deck through its dialog', async () => {
    const { api } = await openBrowse();
    await fireEvent.click(row(13));
    await fireEvent.click(screen.getByTestId('action-move'));
    const d = dialog();
    expect(within(d).getByRole('heading').textContent).toBe('Change deck');
    await fireEvent.change(within(d).getByTestId('move-deck'), { target: { value: '2' } });
    await fireEvent.click(within(d).getByTestId('dialog-confirm'));
    await settle(20);
    expect(screen.queryByTestId('browse-dialog')).toBeNull();
    expect(cell(13, 'deck')).toBe('Azure Fundamentals');
    expect(api.calls.find((c) => c.method === 'bulkAction')?.args[0]).toEqual({ cardIds: [13], action: { kind: 'move', deckId: 2 } });
  });

  it('adds and removes tags', async () => {
    await openBrowse();
    await fireEvent.click(row(11));
    await fireEvent.keyDown(window, { key: 'a', ctrlKey: true, shiftKey: true });
    const d = dialog();
    await fireEvent.click(within(d).getByTestId('tags-add'));
    expect(within(d).getByTestId('dialog-error').textContent).toBe('Type at least one tag.');
    await fireEvent.input(within(d).getByTestId('tags-input'), { target: { value: 'exam  s3' } });
    await fireEvent.click(within(d).getByTestId('tags-add'));
    await settle(20);
    expect(cell(11, 'tags')).toBe('aws::s3 exam s3');

    await fireEvent.click(screen.getByTestId('action-tags'));
    await fireEvent.input(within(dialog()).getByTestId('tags-input'), { target: { value: 's3' } });
    await fireEvent.click(within(dialog()).getByTestId('tags-remove'));
    await settle(20);
    expect(cell(11, 'tags')).toBe('aws::s3 exam');
  });

  it('reschedules to a date, and shows the core’s refusal of a past date inside the dialog', async () => {
    const { api } = await openBrowse();
    await fireEvent.click(row(11));
    await fireEvent.click(screen.getByTestId('action-reschedule'));
    await fireEvent.input(within(dialog()).getByTestId('reschedule-date'), { target: { value: '2001-01-01' } });
    await fireEvent.click(within(dialog()).getByTestId('dialog-confirm'));
    await settle(20);
    expect(within(dialog()).getByTestId('dialog-error').textContent).toBe('The date 2001-01-01 is in the past; choose today or a later day.');
    await fireEvent.input(within(dialog()).getByTestId('reschedule-date'), { target: { value: '2030-05-01' } });
    await fireEvent.click(within(dialog()).getByTestId('dialog-confirm'));
    await settle(20);
    expect(screen.queryByTestId('browse-dialog')).toBeNull();
    expect(cell(11, 'state')).toBe('Review');
    expect(api.calls.filter((c) => c.method === 'bulkAction').at(-1)?.args[0]).toEqual({ cardIds: [11], action: { kind: 'reschedule', date: '2030-05-01' } });
  });

  it('forgets cards (optionally resetting their counts)', async () => {
    const { api } = await openBrowse();
    await fireEvent.click(row(13));
    await fireEvent.click(screen.getByTestId('action-forget'));
    await fireEvent.click(within(dialog()).getByTestId('forget-reset'));
    await fireEvent.click(within(dialog()).getByTestId('dialog-confirm'));
    await settle(20);
    expect(cell(13, 'state')).toBe('New');
    expect(cell(13, 'lapses')).toBe('0');
    expect(api.calls.find((c) => c.method === 'bulkAction')?.args[0]).toEqual({ cardIds: [13], action: { kind: 'forget', resetCounts: true } });
  });

  it('deletes only after confirmation, and undo brings the cards back', async () => {
    const { api } = await openBrowse();
    await fireEvent.click(row(41));
    await fireEvent.keyDown(grid(), { key: 'Delete' });
    const d = dialog();
    expect(d.textContent).toContain('Delete the note of the selected card, with all of its cards and their review history?');
    await fireEvent.click(within(d).getByText('Cancel'));
    expect(api.count('bulkAction')).toBe(0);
    expect(rowIds()).toContain(41);

    await fireEvent.click(screen.getByTestId('action-delete'));
    await fireEvent.click(within(dialog()).getByTestId('dialog-confirm'));
    await settle(20);
    expect(rowIds()).not.toContain(41);
    expect(rowIds()).not.toContain(42); // the note's other card goes too
    expect(screen.getByTestId('browse-notice').textContent).toBe('Deleted 2 cards.');
    await fireEvent.click(screen.getByTestId('browse-undo'));
    await settle(20);
    expect(rowIds()).toEqual(ALL);
  });

  it('flags with Ctrl+1…7 (again to take it off) and marks with Ctrl+K', async () => {
    const { api } = await openBrowse();
    await fireEvent.click(row(12));
    await fireEvent.keyDown(grid(), { key: '3', ctrlKey: true });
    await settle(20);
    expect(row(12).textContent).toContain('Green flag');
    await fireEvent.keyDown(grid(), { key: '3', ctrlKey: true });
    await settle(20);
    expect(row(12).textContent).not.toContain('flag');
    await fireEvent.keyDown(grid(), { key: 'k', ctrlKey: true });
    await settle(20);
    expect(row(12).textContent).toContain('Marked');
    expect(api.calls.filter((c) => c.method === 'bulkAction').map((c) => (c.args[0] as { action: unknown }).action)).toEqual([
      { kind: 'flag', flag: 3 },
      { kind: 'flag', flag: 0 },
      { kind: 'toggleMark' },
    ]);
  });

  it('shows a failed action in the app’s alert', async () => {
    const { api } = await openBrowse();
    await fireEvent.click(row(11));
    api.failNext('bulkAction', 'There is no card with id 11.');
    await fireEvent.click(screen.getByTestId('action-suspend'));
    await settle(20);
    expect(screen.getByRole('alert').textContent).toContain('There is no card with id 11.');
  });
});

describe('card browser: decks', () => {
  it('lists decks nested and searches a deck when picked', async () => {
    await openBrowse();
    const sidebar = screen.getByTestId('deck-sidebar');
    const security = within(sidebar).getByTestId('deck-3');
    expect(security.textContent).toContain('Security');
    expect(security.classList.contains('depth-1')).toBe(true);
    await fireEvent.click(within(sidebar).getByTestId('deck-1'));
    await settle(10);
    expect((screen.getByTestId('browse-search') as HTMLInputElement).value).toBe('deck:"AWS Solutions Architect"');
    expect(rowIds()).toEqual([11, 12, 13, 51, 52]); // the deck and its child
    expect(within(sidebar).getByTestId('deck-1').getAttribute('aria-current')).toBe('true');
  });

  it('creates a nested deck, shows the core’s refusal of a bad name, and renames', async () => {
    await openBrowse();
    await fireEvent.click(screen.getByTestId('deck-create'));
    const d = dialog();
    expect(d.textContent).toContain('AWS::Security');
    await fireEvent.input(within(d).getByTestId('deck-name'), { target: { value: 'AWS Solutions Architect::' } });
    await fireEvent.click(within(d).getByTestId('dialog-confirm'));
    await settle(10);
    expect(within(d).getByTestId('dialog-error').textContent).toBe('The deck name "AWS Solutions Architect::" has an empty part; write it like "Parent::Child".');
    await fireEvent.input(within(d).getByTestId('deck-name'), { target: { value: 'AWS Solutions Architect::Networking' } });
    await fireEvent.click(within(d).getByTestId('dialog-confirm'));
    await settle(10);
    expect(screen.queryByTestId('browse-dialog')).toBeNull();
    const created = screen.getAllByRole('button').find((b) => b.textContent?.includes('Networking'))!;
    expect(created.classList.contains('depth-1')).toBe(true);
    expect(screen.getByTestId('browse-notice').textContent).toBe('Created the deck “AWS Solutions Architect::Networking”.');

    await fireEvent.click(created);
    await settle(10);
    await fireEvent.click(screen.getByTestId('deck-rename'));
    await fireEvent.input(within(dialog()).getByTestId('deck-name'), { target: { value: 'Networking' } });
    await fireEvent.click(within(dialog()).getByTestId('dialog-confirm'));
    await settle(10);
    const renamed = screen.getAllByRole('button').find((b) => b.textContent?.includes('Networking'))!;
    expect(renamed.classList.contains('depth-0')).toBe(true);
    expect((screen.getByTestId('browse-search') as HTMLInputElement).value).toBe('deck:"Networking"');
  });

  it('deletes a deck with its children after a confirmation that names the number of cards', async () => {
    const { api } = await openBrowse();
    await fireEvent.click(screen.getByTestId('deck-1'));
    await settle(10);
    await fireEvent.click(screen.getByTestId('deck-delete'));
    expect(screen.getByTestId('delete-deck-body').textContent).toBe(
      'Delete the deck “AWS Solutions Architect”, the decks inside it and their 5 cards, with their review history?',
    );
    await fireEvent.click(within(dialog()).getByTestId('dialog-confirm'));
    await settle(20);
    expect(api.calls.find((c) => c.method === 'deleteDeck')?.args[0]).toEqual({ deckId: 1 });
    expect(rowIds()).toEqual([41, 42]);
    expect(screen.queryByTestId('deck-3')).toBeNull();
    // Undo brings the deck, its child and the cards back.
    await fireEvent.click(screen.getByTestId('browse-undo'));
    await settle(20);
    expect(rowIds()).toEqual(ALL);
    expect(screen.getByTestId('deck-3')).toBeTruthy();
  });
});
