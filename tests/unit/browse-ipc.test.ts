// The collection-management channels end to end through registerIpc: schema checks, handlers,
// core, and the one undo stack shared with the review screen.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, registerIpc, type IpcEventLike } from '../../electron/main/ipc';
import { openCollection } from '../../electron/core/db/collection';
import { parseDeckSource } from '../../electron/core/deckSource';
import { installDeckSource } from '../../electron/core/decks';
import { Study } from '../../electron/core/study';
import { CHANNEL_PREFIX } from '../../electron/shared/contract';
import { SAMPLE_DECK, TestClock } from './helpers';

function setup() {
  const file = join(mkdtempSync(join(tmpdir(), 'stratus-ipc-')), 'collection.stratus');
  const db = openCollection(file);
  const { deckId } = installDeckSource(db, parseDeckSource(SAMPLE_DECK, 'sample.md'), Date.parse('2026-03-02T08:00:00Z'));
  const clock = new TestClock(Date.parse('2026-03-02T08:00:00Z'));
  const study = new Study(db, clock.read);
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  const window = {};
  registerIpc({ handle: (c, fn) => handlers.set(c, fn) }, createHandlers({ db, study, now: clock.read }), (e) => e.sender === window);
  const ours: IpcEventLike = { sender: window, senderFrame: { url: 'app://stratus/index.html' } };
  const call = async <T = unknown>(name: string, ...args: unknown[]) => (await handlers.get(CHANNEL_PREFIX + name)!(ours, ...args)) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  const value = async <T = unknown>(name: string, ...args: unknown[]) => {
    const r = await call<T>(name, ...args);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  return { db, deckId, clock, study, call, value };
}

describe('collection IPC', () => {
  it('searches, acts in bulk from the review screen, and undoes the latest step first', async () => {
    const { deckId, value } = setup();
    const page = await value<{ total: number; rows: { id: number }[] }>('searchCards', { query: 'deck:Sample', sort: 'due', offset: 0, limit: 2 });
    expect(page.total).toBe(6);
    expect(page.rows).toHaveLength(2);
    const { ids } = await value<{ ids: number[] }>('searchCardIds', { query: '', sort: 'front', descending: true });
    expect(ids).toHaveLength(6);
    const next = await value<{ card: { id: number } }>('nextCard', { deckId });
    await value('answer', { cardId: next.card.id, rating: 'good', durationMs: 1000 });
    // "@" on the review screen: suspend the card shown, get the next one back.
    const shown = await value<{ card: { id: number } }>('nextCard', { deckId });
    const suspended = await value<{ kind: string; cards: number; next: { card: { id: number } } }>('bulkAction', { cardIds: [shown.card.id], action: { kind: 'suspend' }, deckId });
    expect(suspended).toMatchObject({ kind: 'suspend', cards: 1, label: 'Suspend 1 card' });
    expect(suspended.next.card.id).not.toBe(shown.card.id);
    expect(await value('undoStatus')).toMatchObject({ source: 'action', kind: 'suspend' });
    // The review screen's undo takes the suspend back first, then the answer.
    expect(await value('undo', { deckId })).toMatchObject({ undone: { source: 'action', kind: 'suspend' }, deckId, next: { card: expect.anything() } });
    expect(await value('undo', { deckId })).toMatchObject({ undone: { source: 'review', kind: 'answer' }, card: { id: next.card.id, state: 'new' } });
    expect(await value('undoLast')).toBeNull();
  });

  it('rejects malformed requests before the core', async () => {
    const { call } = setup();
    for (const [name, args] of [
      ['bulkAction', [{ cardIds: [1], action: { kind: 'explode' } }]],
      ['bulkAction', [{ cardIds: [], action: { kind: 'suspend' } }]],
      ['bulkAction', [{ cardIds: [1], action: { kind: 'flag', flag: 9 } }]],
      ['bulkAction', [{ cardIds: [1], action: { kind: 'reschedule', date: 'tomorrow' } }]],
      ['searchCards', [{ query: '', sort: 'colour', offset: 0, limit: 10 }]],
      ['searchCards', [{ query: '', offset: 0, limit: 5000 }]],
      ['updateAppSettings', [{ theme: 'blue' }]],
      ['restoreBackup', [{ file: '' }]],
      ['addNote', [{ deckId: 1, kind: 'image', fields: ['a'], tags: [] }]],
    ] as const) {
      const r = await call(name, ...args);
      expect(r.ok, `${name} ${JSON.stringify(args)}`).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('invalid-argument');
    }
    const bad = await call('searchCards', { query: 'is:nope', offset: 0, limit: 10 });
    expect(bad).toEqual({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/^"is:nope": use is:new/), id: 'search.badIs', params: { text: 'is:nope' } } });
  });

  it('edits, manages decks and presets, settings, backups and checks', async () => {
    const { deckId, value, call } = setup();
    const deck = await value<{ id: number }>('createDeck', { name: 'Cloud::Basics' });
    const note = await value<{ id: number; cards: { id: number }[] }>('addNote', { deckId: deck.id, kind: 'basic', fields: ['Q', 'A'], tags: ['t'] });
    expect((await value<{ fields: string[] }>('updateNote', { noteId: note.id, fields: ['Q2', 'A2'] })).fields).toEqual(['Q2', 'A2']);
    expect(await value('previewNote', { kind: 'cloze', fields: ['{{c1::x}} y'] })).toEqual([{ ord: 0, front: '<p>[...] y</p>', back: '<p><strong>x</strong> y</p>' }]);
    expect(await value('renderMarkdown', { text: '*hi*' })).toBe('<p><em>hi</em></p>');
    expect(await value('cardInfo', { cardId: note.cards[0]!.id })).toMatchObject({ deck: 'Cloud::Basics', state: 'new' });
    expect(await value('cardStatus', { cardId: note.cards[0]!.id })).toMatchObject({ flag: 0, marked: false });
    expect((await value<{ name: string }[]>('deckTree')).map((d) => d.name)).toEqual(['Cloud', 'Cloud::Basics', 'Sample']);
    await value('renameDeck', { deckId: deck.id, name: 'Cloud::Intro' });
    const preset = await value<{ id: number }>('createPreset', { name: 'Light' });
    await value('updatePreset', { presetId: preset.id, options: { newPerDay: 3 } });
    expect(await value('setDeckPreset', { deckIds: [deckId], presetId: preset.id })).toMatchObject({ name: 'Light', deckIds: [deckId] });
    expect(await value('deckOptions', { deckId })).toMatchObject({ name: 'Light', options: { newPerDay: 3 } });
    expect(await value<{ counts: { new: number } }>('nextCard', { deckId })).toMatchObject({ counts: { new: 3 } });
    expect((await value<unknown[]>('listPresets')).length).toBe(2);
    expect(await value('updateAppSettings', { theme: 'dark', language: 'nl' })).toEqual({ dayStartHour: 4, theme: 'dark', language: 'nl', fontSize: 16 });
    expect(await value('getAppSettings')).toMatchObject({ theme: 'dark' });
    const made = await value<{ file: string }>('backupNow');
    expect((await value<{ file: string }[]>('listBackups')).map((b) => b.file)).toEqual([made.file]);
    await value('deleteDeck', { deckId: deck.id });
    const restored = await value<{ cards: number }>('restoreBackup', { file: made.file });
    expect(restored.cards).toBe(7);
    expect((await value<{ name: string }[]>('deckTree')).map((d) => d.name)).toContain('Cloud::Intro');
    expect(await call('restoreBackup', { file: '../collection.stratus' })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(await value('checkDatabase')).toMatchObject({ ok: true, problems: [] });
    expect(await value('deletePreset', { presetId: preset.id })).toEqual({ decks: 1 });
  });
});
