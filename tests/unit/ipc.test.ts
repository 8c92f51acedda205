import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_PREFIX, CHANNELS } from '../../electron/shared/contract';
import { createHandlers, registerIpc, type IpcEventLike } from '../../electron/main/ipc';
import { sampleCollection } from './helpers';

function setup() {
  const { db, study, deckId, clock } = sampleCollection(Date.parse('2026-03-02T08:00:00Z'));
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  const window = { id: 'our window' };
  const log = vi.fn();
  registerIpc(
    { handle: (channel, fn) => handlers.set(channel, fn) },
    createHandlers({ db, study, now: clock.read }),
    (event) => event.sender === window && (event.senderFrame?.url ?? '').startsWith('app://stratus/'),
    log,
  );
  const ours: IpcEventLike = { sender: window, senderFrame: { url: 'app://stratus/index.html' } };
  const call = (name: string, event: IpcEventLike, ...args: unknown[]) => handlers.get(CHANNEL_PREFIX + name)!(event, ...args) as Promise<unknown>;
  return { handlers, call, ours, deckId, log };
}

describe('IPC handlers', () => {
  it('register exactly the contract\'s channels, under one prefix', async () => {
    expect([...setup().handlers.keys()]).toEqual(CHANNELS.map((c) => `stratus:${c}`));
  });

  it('answer valid requests from our window', async () => {
    const { call, ours, deckId } = setup();
    const next = await call('nextCard', ours, { deckId }) as { ok: true; value: { card: { id: number } } };
    expect(next.ok).toBe(true);
    const answered = await call('answer', ours, { cardId: next.value.card.id, rating: 'good', durationMs: 1500 });
    expect(answered).toMatchObject({ ok: true, value: { card: { id: 1, state: 'learning' } } });
  });

  it('refuse requests from any other sender or frame', async () => {
    const { call, ours } = setup();
    const refused = { ok: false, error: { code: 'internal', message: 'This request did not come from the Stratus window and was refused.', id: 'ipc.untrusted', params: {} } };
    expect(await call('listDecks', { sender: { id: 'other' }, senderFrame: ours.senderFrame })).toEqual(refused);
    expect(await call('listDecks', { sender: ours.sender, senderFrame: { url: 'https://evil.example/' } })).toEqual(refused);
    expect(await call('listDecks', { sender: ours.sender, senderFrame: null })).toEqual(refused);
  });

  it.each([
    ['answer', [{ cardId: 'x', rating: 'good', durationMs: 0 }], /cardId/],
    ['answer', [{ cardId: 1, rating: 'great', durationMs: 0 }], /rating/],
    ['answer', [{ cardId: -1, rating: 'good', durationMs: 0 }], /cardId/],
    ['answer', [{ cardId: 1, rating: 'good', durationMs: 0, extra: true }], /extra/],
    ['answer', [], /arguments|0/],
    ['nextCard', [{ deckId: 1.5 }], /deckId/],
    ['nextCard', [{ deckId: 1 }, 'more'], /arguments|1/],
    ['sessionSummary', [{ deckId: 1, since: 'yesterday' }], /since/],
    ['listDecks', [{}], /./],
  ])('reject invalid arguments to %s without touching the core', async (name, args, field) => {
    const { call, ours } = setup();
    const result = (await call(name, ours, ...args)) as { ok: false; error: { code: string; message: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid-argument');
    expect(result.error.message).toMatch(new RegExp(`^Invalid request to ${name}: `));
    expect(result.error.message).toMatch(field);
  });

  it('turn core errors into a user sentence and keep working', async () => {
    const { call, ours, log } = setup();
    expect(await call('answer', ours, { cardId: 999, rating: 'good', durationMs: 0 })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'There is no card with id 999.', id: 'card.notFound', params: { id: '999' } },
    });
    expect(log).not.toHaveBeenCalled();
    expect(await call('listDecks', ours)).toMatchObject({ ok: true });
  });
});
