import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/svelte';
import { CARDS, DECK_ID, FakeApi } from './fakeApi';
import { front, press, renderApp, settle, startStudy } from './helpers';

const FRONT = CARDS.map((c) => c.front.replace(/<[^>]+>/g, ''));

describe('study screen', () => {
  it('shows the question with deck name and counts, current kind emphasised', async () => {
    await startStudy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('AWS Solutions Architect');
    expect(front()).toBe(FRONT[0]);
    expect(screen.queryByTestId('card-back')).toBeNull();

    const counts = screen.getByTestId('counts');
    expect(within(counts).getByTestId('counts-new').textContent).toContain('1');
    expect(within(counts).getByTestId('counts-learning').textContent).toContain('1');
    expect(within(counts).getByTestId('counts-review').textContent).toContain('1');
    expect(within(counts).getByTestId('counts-new').classList.contains('current')).toBe(true);
    expect(within(counts).getByTestId('counts-review').classList.contains('current')).toBe(false);
    expect(screen.getByTestId('undo').hasAttribute('disabled')).toBe(true);
  });

  it('focuses Show answer on the question side and Good on the answer side', async () => {
    await startStudy();
    expect(document.activeElement).toBe(screen.getByTestId('show-answer'));
    await press(' ');
    await settle();
    expect(document.activeElement).toBe(screen.getByTestId('rate-good'));
  });

  it('Space shows the answer; the four buttons carry interval labels and key hints', async () => {
    await startStudy();
    await press(' ');
    expect(screen.getByTestId('card-back').textContent).toContain('S3 Glacier Deep Archive');
    expect(screen.getByTestId('card-front').textContent).toContain(FRONT[0]);
    expect(screen.queryByTestId('show-answer')).toBeNull();

    const expected = { again: ['1m', 'Again', '1'], hard: ['6m', 'Hard', '2'], good: ['10m', 'Good', '3'], easy: ['4d', 'Easy', '4'] };
    for (const [rating, [label, name, key]] of Object.entries(expected)) {
      const button = screen.getByTestId(`rate-${rating}`);
      expect(within(button).getByTestId(`interval-${rating}`).textContent).toBe(label);
      expect(button.textContent).toContain(name);
      expect(button.querySelector('kbd')?.textContent).toBe(key);
    }
  });

  it('Enter also shows the answer, and the Show answer button does too', async () => {
    await startStudy();
    await press('Enter');
    expect(screen.getByTestId('card-back')).toBeTruthy();
    await press('3');
    await screen.findByText(FRONT[1]!);
    await fireEvent.click(screen.getByTestId('show-answer'));
    expect(screen.getByTestId('card-back').textContent).toContain('Identity and Access Management');
  });

  it('keys 1–4 rate the card and the next card appears; counts follow', async () => {
    const { api } = await startStudy();
    await press(' ');
    await press('2');
    await screen.findByText(FRONT[1]!);
    expect(api.answers.map((a) => [a.cardId, a.rating])).toEqual([[CARDS[0]!.id, 'hard']]);
    expect(screen.getByTestId('counts-new').textContent).toContain('0');
    expect(screen.getByTestId('counts-learning').classList.contains('current')).toBe(true);
    expect(screen.queryByTestId('card-back')).toBeNull();

    await press(' ');
    await press('1');
    await screen.findByText(FRONT[2]!);
    expect(api.answers.at(-1)?.rating).toBe('again');
  });

  it('rating keys do nothing on the question side', async () => {
    const { api } = await startStudy();
    await press('3');
    await settle();
    expect(api.count('answer')).toBe(0);
    expect(front()).toBe(FRONT[0]);
  });

  it('clicking a rating button answers with that rating', async () => {
    const { api } = await startStudy();
    await press(' ');
    await fireEvent.click(screen.getByTestId('rate-easy'));
    await screen.findByText(FRONT[1]!);
    expect(api.answers[0]?.rating).toBe('easy');
  });

  it('measures the answer duration from showing the question to rating', async () => {
    let clock = 1_700_000_000_000;
    const { api } = await startStudy(new FakeApi(), () => clock);
    clock += 4_000;
    await press(' ');
    clock += 2_500;
    await press('3');
    await screen.findByText(FRONT[1]!);
    expect(api.answers[0]?.durationMs).toBe(6_500);

    clock += 1_234;
    await press(' ');
    await press('3');
    await screen.findByText(FRONT[2]!);
    expect(api.answers[1]?.durationMs).toBe(1_234);
  });

  it('u undoes the last answer and shows the restored card’s question', async () => {
    const { api } = await startStudy();
    await press(' ');
    await press('3');
    await screen.findByText(FRONT[1]!);
    expect(screen.getByTestId('undo').hasAttribute('disabled')).toBe(false);

    await press('u');
    await screen.findByText(FRONT[0]!);
    expect(api.calls.filter((c) => c.method === 'undo').map((c) => c.args[0])).toEqual([{ deckId: DECK_ID }]);
    expect(screen.queryByTestId('card-back')).toBeNull();
    expect(screen.getByTestId('show-answer')).toBeTruthy();
    expect(screen.getByTestId('undo').hasAttribute('disabled')).toBe(true);
    expect(api.answers).toHaveLength(0);
  });

  it('Ctrl+Z and Cmd+Z undo, also from the answer side', async () => {
    const { api } = await startStudy();
    await press(' ');
    await press('3');
    await screen.findByText(FRONT[1]!);
    await press(' ');
    await press('4');
    await screen.findByText(FRONT[2]!);

    await press(' ');
    await press('z', { ctrlKey: true });
    await screen.findByText(FRONT[1]!);
    expect(screen.queryByTestId('card-back')).toBeNull();

    await press('z', { metaKey: true });
    await screen.findByText(FRONT[0]!);
    expect(api.count('undo')).toBe(2);
  });

  it('the Undo button undoes; it is disabled when nothing was answered in this session', async () => {
    const { api } = await startStudy();
    const undo = screen.getByTestId('undo');
    await fireEvent.click(undo);
    await press('u');
    await settle();
    expect(api.count('undo')).toBe(0);

    await press(' ');
    await press('1');
    await screen.findByText(FRONT[1]!);
    await fireEvent.click(screen.getByTestId('undo'));
    await screen.findByText(FRONT[0]!);
    expect(api.count('undo')).toBe(1);
  });

  it('ignores keys held with a modifier', async () => {
    const { api } = await startStudy();
    await press(' ', { ctrlKey: true });
    await press('Enter', { altKey: true });
    await press(' ', { shiftKey: true });
    expect(screen.queryByTestId('card-back')).toBeNull();

    await press(' ');
    await press('3', { ctrlKey: true });
    await press('3', { metaKey: true });
    await press('3', { altKey: true });
    await settle();
    expect(api.count('answer')).toBe(0);
    expect(screen.getByTestId('card-back')).toBeTruthy();
  });

  it('ignores keys while a request is in flight (no double answers)', async () => {
    const { api } = await startStudy();
    await press(' ');
    api.hold('answer');
    await press('3');
    await press('3');
    await press('1');
    await press('u');
    await fireEvent.click(screen.getByTestId('rate-easy'));
    await settle();
    expect(api.count('answer')).toBe(1);
    expect(api.count('undo')).toBe(0);
    expect(screen.getByTestId('undo').hasAttribute('disabled')).toBe(true);

    api.release('answer');
    await screen.findByText(FRONT[1]!);
    expect(api.answers.map((a) => a.rating)).toEqual(['good']);

    // The next card's question ignores Space while an undo is in flight, too.
    api.hold('undo');
    await press('u');
    await press(' ');
    await press('u');
    await settle();
    expect(screen.queryByTestId('card-back')).toBeNull();
    expect(api.count('undo')).toBe(1);
    api.release('undo');
    await screen.findByText(FRONT[0]!);
  });

  it('shows the summary when the last card is answered, with figures from sessionSummary', async () => {
    let clock = Date.parse('2030-01-01T00:00:00.000Z');
    const { api } = await startStudy(new FakeApi(), () => clock);
    for (const key of ['3', '1', '3']) {
      clock += 40_000;
      await press(' ');
      await press(key);
      await settle();
    }
    const summary = await screen.findByTestId('summary');
    expect(summary.textContent).toContain('Congratulations! You have finished this deck for now.');
    expect(within(summary).getByTestId('summary-reviewed').textContent).toBe('3');
    expect(within(summary).getByTestId('summary-retention').textContent).toBe('67%');
    expect(within(summary).getByTestId('summary-time').textContent).toBe('2 min');
    expect(within(summary).getByTestId('summary-next').textContent).toContain('in 8 minutes');
    expect(screen.queryByTestId('card-front')).toBeNull();
    expect(screen.queryByTestId('counts')).toBeNull();

    const call = api.calls.find((c) => c.method === 'sessionSummary');
    expect(call?.args[0]).toEqual({ deckId: DECK_ID, since: '2030-01-01T00:00:00.000Z' });
    expect(document.activeElement).toBe(screen.getByTestId('back-to-decks'));
  });

  it('goes straight to the summary when nothing is due, with "—" retention', async () => {
    const api = new FakeApi();
    api.nextDue = null;
    renderApp(api);
    await fireEvent.click(await screen.findByTestId('study-2'));
    const summary = await screen.findByTestId('summary');
    await settle();
    expect(within(summary).getByTestId('summary-reviewed').textContent).toBe('0');
    expect(within(summary).getByTestId('summary-retention').textContent).toBe('—');
    expect(within(summary).getByTestId('summary-time').textContent).toBe('0 s');
    expect(within(summary).getByTestId('summary-next').textContent).toContain('No cards are scheduled');
  });

  it('undo from the summary brings back the last card', async () => {
    await startStudy();
    for (const key of ['3', '3', '3']) {
      await press(' ');
      await press(key);
      await settle();
    }
    await screen.findByTestId('summary');
    await press('u');
    await screen.findByText(FRONT[2]!);
    expect(screen.queryByTestId('summary')).toBeNull();
  });

  it('Back to decks, Enter and Escape on the summary return to the refreshed deck list', async () => {
    const { api } = await startStudy();
    for (const key of ['3', '3', '3']) {
      await press(' ');
      await press(key);
      await settle();
    }
    await screen.findByTestId('summary');
    const listsBefore = api.count('listDecks');
    await press('Enter');
    expect(await screen.findAllByTestId('deck-row')).toHaveLength(2);
    await settle();
    expect(api.count('listDecks')).toBe(listsBefore + 1);

    await fireEvent.click(screen.getByTestId(`study-2`));
    await screen.findByTestId('summary');
    await press('Escape');
    expect(await screen.findAllByTestId('deck-row')).toHaveLength(2);

    await fireEvent.click(screen.getByTestId(`study-2`));
    await fireEvent.click(await screen.findByTestId('back-to-decks'));
    expect(await screen.findAllByTestId('deck-row')).toHaveLength(2);
  });

  it('Escape during study goes back to the deck list, refreshes counts and refocuses the deck', async () => {
    const { api } = await startStudy();
    await press(' ');
    await press('3');
    await screen.findByText(FRONT[1]!);
    api.decks[0]!.newToday = 0;
    await press('Escape');
    const rows = await screen.findAllByTestId('deck-row');
    await settle();
    expect(within(rows[0]!).getByTestId('count-new').textContent).toBe('0');
    expect(document.activeElement).toBe(screen.getByTestId(`study-${DECK_ID}`));
  });

  it('the Decks button goes back to the deck list', async () => {
    await startStudy();
    await fireEvent.click(screen.getByTestId('back'));
    expect(await screen.findAllByTestId('deck-row')).toHaveLength(2);
  });

  it('shows an alert when answering fails and keeps the card so the user can retry', async () => {
    const { api } = await startStudy();
    await press(' ');
    api.failNext('answer', 'The answer could not be saved.');
    await press('3');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The answer could not be saved.');
    expect(front()).toBe(FRONT[0]);
    expect(screen.getByTestId('card-back')).toBeTruthy();

    await press('3');
    await screen.findByText(FRONT[1]!);
    expect(api.answers).toHaveLength(1);
    // The retry worked: the stale alert goes away.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('an alert can be dismissed while studying', async () => {
    const { api } = await startStudy();
    await press(' ');
    api.failNext('answer', 'The answer could not be saved.');
    await press('3');
    const alert = await screen.findByRole('alert');
    await fireEvent.click(within(alert).getByRole('button', { name: 'Dismiss message' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('card-back')).toBeTruthy();
  });

  it('shows an alert and a retry when the first card cannot be loaded', async () => {
    const api = new FakeApi();
    api.failNext('nextCard', 'The deck could not be read.');
    renderApp(api);
    await fireEvent.click(await screen.findByTestId(`study-${DECK_ID}`));
    expect((await screen.findByRole('alert')).textContent).toContain('The deck could not be read.');
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('card-front')).toBeTruthy();
  });

  it('shows an alert when undo fails and stays on the current card', async () => {
    const { api } = await startStudy();
    await press(' ');
    await press('3');
    await screen.findByText(FRONT[1]!);
    api.failNext('undo', 'Nothing could be undone.');
    await press('u');
    expect((await screen.findByRole('alert')).textContent).toContain('Nothing could be undone.');
    expect(front()).toBe(FRONT[1]);
  });

  it('shows the summary heading even when sessionSummary fails', async () => {
    const api = new FakeApi();
    api.failNext('sessionSummary', 'Statistics are unavailable.');
    renderApp(api);
    await fireEvent.click(await screen.findByTestId('study-2'));
    const summary = await screen.findByTestId('summary');
    expect((await screen.findByRole('alert')).textContent).toContain('Statistics are unavailable.');
    expect(summary.textContent).toContain('Congratulations!');
    expect(summary.textContent).toContain('not available');
  });

  it('renders card HTML only inside the card faces', async () => {
    await startStudy();
    await press(' ');
    await press('3');
    await screen.findByText(FRONT[1]!);
    await press(' ');
    await press('3');
    await screen.findByText(FRONT[2]!);
    await press(' ');
    expect(screen.getByTestId('card-back').querySelector('code')?.textContent).toBe('172.31.0.0/16');
  });
});
