import { describe, expect, it } from 'vitest';
import { StudySession } from '../../renderer/src/lib/session.svelte';
import { CARDS, DECK_ID, FakeApi } from './fakeApi';
import { settle } from './helpers';

function makeSession(api = new FakeApi(), now = () => 1_000) {
  const errors: string[] = [];
  const session = new StudySession(api, { id: DECK_ID, name: 'AWS' }, { now, onError: (m) => errors.push(m) });
  return { api, session, errors };
}

describe('StudySession', () => {
  it('walks question → answer → next question → summary', async () => {
    const { session, api } = makeSession();
    expect(session.phase).toBe('loading');
    await session.start();
    expect(session.phase).toBe('question');
    expect(session.card?.id).toBe(CARDS[0]!.id);
    expect(session.currentKind).toBe('new');
    expect(session.counts).toEqual({ new: 1, learning: 1, review: 1 });

    expect(session.showAnswer()).toBe(true);
    expect(session.phase).toBe('answer');
    await session.answer('good');
    expect(session.phase).toBe('question');
    expect(session.card?.id).toBe(CARDS[1]!.id);
    expect(session.answered).toBe(1);
    expect(session.canUndo).toBe(true);

    session.showAnswer();
    await session.answer('good');
    session.showAnswer();
    await session.answer('again');
    expect(session.phase).toBe('summary');
    expect(session.card).toBeNull();
    expect(session.summaryStatus).toBe('ready');
    expect(session.summary?.reviewed).toBe(3);
    expect(api.calls.at(-1)).toEqual({
      method: 'sessionSummary',
      args: [{ deckId: DECK_ID, since: new Date(1_000).toISOString() }],
    });
  });

  it('only answers on the answer side', async () => {
    const { session, api } = makeSession();
    await session.start();
    await session.answer('good');
    expect(api.count('answer')).toBe(0);
  });

  it('undo restores the previous card and counts down answered', async () => {
    const { session } = makeSession();
    await session.start();
    session.showAnswer();
    await session.answer('hard');
    session.showAnswer();
    await session.undo();
    expect(session.phase).toBe('question');
    expect(session.card?.id).toBe(CARDS[0]!.id);
    expect(session.answered).toBe(0);
    expect(session.canUndo).toBe(false);
  });

  it('stops offering undo when the core has nothing to undo', async () => {
    const { session, api } = makeSession();
    await session.start();
    session.showAnswer();
    await session.answer('good');
    api.answers = [];
    await session.undo();
    expect(session.canUndo).toBe(false);
    expect(session.card?.id).toBe(CARDS[1]!.id);
  });

  it('clamps durations into what the core accepts', async () => {
    let clock = 5_000;
    const { session, api } = makeSession(new FakeApi(), () => clock);
    await session.start();
    clock = 1_000; // clock went backwards
    session.showAnswer();
    await session.answer('good');
    clock += 48 * 3600 * 1000;
    session.showAnswer();
    await session.answer('good');
    expect(api.answers.map((a) => a.durationMs)).toEqual([0, 24 * 3600 * 1000]);
  });

  describe('handleKey', () => {
    it('maps keys per phase', async () => {
      const { session } = makeSession();
      await session.start();
      expect(session.handleKey({ key: '3' })).toBe('ignored');
      expect(session.handleKey({ key: 'Escape' })).toBe('exit');
      // Space on a focused button is the button's own activation.
      expect(session.handleKey({ key: ' ' }, true)).toBe('ignored');
      expect(session.phase).toBe('question');
      expect(session.handleKey({ key: ' ' })).toBe('handled');
      expect(session.phase).toBe('answer');
      expect(session.handleKey({ key: '5' })).toBe('ignored');
      expect(session.handleKey({ key: '2', repeat: true })).toBe('ignored');
      expect(session.handleKey({ key: '2' })).toBe('handled');
      expect(session.busy).toBe(true);
      expect(session.handleKey({ key: '2' })).toBe('ignored');
      expect(session.handleKey({ key: 'Escape' })).toBe('exit');
      await settle();
      expect(session.card?.id).toBe(CARDS[1]!.id);
      expect(session.handleKey({ key: 'z', ctrlKey: true, shiftKey: true })).toBe('ignored');
      expect(session.handleKey({ key: 'Z', metaKey: true })).toBe('handled');
      await settle();
      expect(session.card?.id).toBe(CARDS[0]!.id);
    });

    it('u pressed again while an answer or an undo is still running waits its turn: every press undoes one step', async () => {
      const { session, api } = makeSession();
      await session.start();
      session.showAnswer();
      await session.answer('good');
      session.showAnswer();
      // The second answer is still on its way when u, u, u come in: the answer lands, then two undos
      // take back both answers; the third press finds nothing more to undo and is not queued.
      api.hold('answer');
      expect(session.handleKey({ key: '3' })).toBe('handled');
      expect(session.handleKey({ key: 'u' })).toBe('handled');
      api.hold('undo');
      api.release('answer');
      await settle();
      expect(session.card?.id).toBe(CARDS[2]!.id);
      expect(api.count('undo')).toBe(1);
      expect(session.handleKey({ key: 'u' })).toBe('handled');
      expect(session.handleKey({ key: 'u' })).toBe('ignored');
      expect(session.handleKey({ key: 'u', repeat: true })).toBe('ignored');
      api.release('undo');
      await session.idle();
      expect(api.count('undo')).toBe(2);
      expect(api.answers).toHaveLength(0);
      expect(session.answered).toBe(0);
      expect(session.card?.id).toBe(CARDS[0]!.id);
      expect(session.phase).toBe('question');
      expect(session.canUndo).toBe(false);
    });

    it('a queued undo is dropped when the screen is left', async () => {
      const { session, api } = makeSession();
      await session.start();
      session.showAnswer();
      api.hold('answer');
      session.handleKey({ key: '3' });
      expect(session.handleKey({ key: 'z', ctrlKey: true })).toBe('handled');
      session.dispose();
      api.release('answer');
      await session.idle();
      expect(api.count('undo')).toBe(0);
    });

    it('ignores keys while composing text', async () => {
      const { session } = makeSession();
      await session.start();
      expect(session.handleKey({ key: ' ', isComposing: true })).toBe('ignored');
    });
  });

  it('a disposed session ignores late responses', async () => {
    const { session, api } = makeSession();
    await session.start();
    session.showAnswer();
    api.hold('answer');
    const pending = session.answer('good');
    session.dispose();
    api.release('answer');
    await pending;
    await session.idle();
    expect(session.card?.id).toBe(CARDS[0]!.id);
    expect(api.count('sessionSummary')).toBe(0);
  });

  it('reports errors as sentences and goes to failed when the first card cannot load', async () => {
    const { session, api, errors } = makeSession();
    api.failNext('nextCard', 'The deck could not be read.');
    await session.start();
    expect(session.phase).toBe('failed');
    expect(errors).toEqual(['The deck could not be read.']);
    await session.start();
    expect(session.phase).toBe('question');
  });
});
