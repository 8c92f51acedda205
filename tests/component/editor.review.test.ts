// The review screen's extras: `e` edits the shown card (and the card shows the edit at once), flags
// with Ctrl+1…7, `-` buries, `@` suspends, `*` marks, all undoable with `u`; and the per-card
// answer timer.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/svelte';
import { CARDS, FakeApi } from './fakeApi';
import { installDomStubs, within } from './browseHelpers';
import { front, press, settle, startStudy } from './helpers';

installDomStubs();

const FRONT = CARDS.map((c) => c.front.replace(/<[^>]+>/g, ''));

describe('review extras', () => {
  it('e opens the editor on the shown card; after saving the card shows the new text, on the same side', async () => {
    const { api } = await startStudy();
    await press(' ');
    await press('e');
    const editor = await screen.findByTestId('editor');
    const question = await within(editor).findByTestId('editor-field-0');
    expect((question as HTMLTextAreaElement).value).toBe('Which S3 storage class is cheapest for archives?');
    // Keys typed in the editor never reach the review screen (3 would rate the card Good).
    await fireEvent.input(question, { target: { value: 'Cheapest S3 class for **archives**?' } });
    await fireEvent.keyDown(question, { key: '3' });
    await fireEvent.keyDown(question, { key: 'Enter', ctrlKey: true });
    await settle(10);
    expect(api.answers).toEqual([]);
    expect(api.calls.find((c) => c.method === 'updateNote')?.args[0]).toMatchObject({ noteId: 1, cards: [{ id: 11, front: 'Cheapest S3 class for **archives**?' }] });
    await fireEvent.keyDown(question, { key: 'Escape' });
    await settle(10);
    expect(screen.queryByTestId('editor')).toBeNull();
    expect(front()).toBe('Cheapest S3 class for archives?');
    expect(screen.getByTestId('card-front').querySelector('strong')?.textContent).toBe('archives');
    expect(screen.getByTestId('card-back')).toBeTruthy(); // still on the answer side

    // The edit is a step of the one undo stack: u takes it back.
    await press('u');
    await settle(10);
    expect(api.collection.card(11).front).toBe('Which S3 storage class is cheapest for archives?');
  });

  it('- buries the card and shows the next; u brings it back', async () => {
    const { api } = await startStudy();
    await press('-');
    await screen.findByText(FRONT[1]!);
    expect(api.calls.find((c) => c.method === 'bulkAction')?.args[0]).toEqual({ cardIds: [11], action: { kind: 'bury' }, deckId: 1 });
    expect(api.collection.cardStatus(11).buried).toBe(true);
    expect(screen.getByTestId('undo').hasAttribute('disabled')).toBe(false);
    await press('u');
    await screen.findByText(FRONT[0]!);
    expect(api.collection.cardStatus(11).buried).toBe(false);
  });

  it('@ suspends the card and moves on', async () => {
    const { api } = await startStudy();
    await press(' ');
    await fireEvent.keyDown(document.body, { key: '@', shiftKey: true });
    await screen.findByText(FRONT[1]!);
    expect(api.collection.cardStatus(11).suspended).toBe(true);
  });

  it('* marks the note and Ctrl+1…7 flag the card (the same key again takes the flag off); the card shows both', async () => {
    const { api } = await startStudy();
    await fireEvent.keyDown(document.body, { key: '*', shiftKey: true });
    await waitFor(() => expect(screen.getByTestId('card-marked').textContent).toContain('Marked'));
    await press('2', { ctrlKey: true });
    await waitFor(() => expect(screen.getByTestId('card-flag').textContent).toBe('Orange flag'));
    await press('2', { ctrlKey: true });
    await waitFor(() => expect(screen.queryByTestId('card-flag')).toBeNull());
    expect(api.calls.filter((c) => c.method === 'bulkAction').map((c) => (c.args[0] as { action: unknown }).action)).toEqual([
      { kind: 'toggleMark' },
      { kind: 'flag', flag: 2 },
      { kind: 'flag', flag: 0 },
    ]);
    // Still the same card, and these keys did not answer it.
    expect(front()).toBe(FRONT[0]);
    expect(api.answers).toEqual([]);
  });

  it('shows a per-card answer timer that starts again with each card', async () => {
    let now = 1_000_000;
    const api = new FakeApi();
    await startStudy(api, () => now);
    const timer = screen.getByTestId('answer-timer');
    expect(timer.getAttribute('role')).toBe('timer');
    expect(timer.textContent).toBe('0:00');
    now += 75_000;
    await waitFor(() => expect(screen.getByTestId('answer-timer').textContent).toBe('1:15'), { timeout: 2500 });
    await press(' ');
    await press('3');
    await screen.findByText(FRONT[1]!);
    await waitFor(() => expect(screen.getByTestId('answer-timer').textContent).toBe('0:00'));
    // The answer's duration is the time the timer showed.
    expect(api.answers[0]!.durationMs).toBe(75_000);
  });
});
