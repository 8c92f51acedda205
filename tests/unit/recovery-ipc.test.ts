// Start-up recovery over IPC, through the same registerIpc main uses: in recovery mode only the
// recovery calls work (sender and schema checked like every channel), a backup is named by file
// name only, restoring keeps the unusable file aside and switches the same channels to the normal
// handlers; in normal mode the recovery calls report that there is nothing to recover.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backup, backupsFolder } from '../../electron/core/backup';
import { openCollection } from '../../electron/core/db/collection';
import { parseDeckSource } from '../../electron/core/deckSource';
import { installDeckSource } from '../../electron/core/decks';
import { openStratus } from '../../electron/core/open';
import { diagnoseOpenFailure, type OpenFailure } from '../../electron/core/recovery';
import { Study } from '../../electron/core/study';
import { recoveryModeHandlers } from '../../electron/main/handlers/recovery';
import { createHandlers, registerIpc, switchableHandlers, type IpcEventLike } from '../../electron/main/ipc';
import { CHANNEL_PREFIX, CHANNELS, type StartupRestoreResult } from '../../electron/shared/contract';
import { SAMPLE_DECK, sampleCollection } from './helpers';

const NOW = Date.parse('2026-03-20T11:00:00Z');
const FOREIGN = 'my shopping list, not a flashcard collection\n';
const opened: Database[] = [];

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
});

const window = { id: 'our window' };
const ours: IpcEventLike = { sender: window, senderFrame: { url: 'app://stratus/index.html' } };
const isOurs = (event: IpcEventLike) => event.sender === window && (event.senderFrame?.url ?? '').startsWith('app://stratus/');

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

function channels() {
  const registered = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  const call = (name: string, event: IpcEventLike, ...args: unknown[]) => registered.get(CHANNEL_PREFIX + name)!(event, ...args) as Promise<Reply>;
  return { ipc: { handle: (channel: string, fn: (event: IpcEventLike, ...args: unknown[]) => unknown) => void registered.set(channel, fn) }, registered, call };
}

/**
 * A collection that can't be opened (a text file in its place) with two real backups beside it,
 * wired up the way main's start() does it.
 */
async function recoveryApp(options: { reopen?: () => OpenFailure | null } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'stratus-recovery-ipc-'));
  const file = join(dir, 'collection.stratus');
  const db = openCollection(file);
  installDeckSource(db, parseDeckSource(SAMPLE_DECK, 'sample.md'), NOW);
  const older = await backup(db, backupsFolder(file), NOW - 3_600_000);
  installDeckSource(db, parseDeckSource(SAMPLE_DECK.replace('id: sample', 'id: second').replace('name: Sample', 'name: Second'), 'second.md'), NOW);
  const newer = await backup(db, backupsFolder(file), NOW);
  db.close();
  writeFileSync(file, FOREIGN);

  const failure = diagnoseOpenFailure(file, (() => {
    try {
      openStratus(file, [], NOW);
    } catch (err) {
      return err;
    }
  })())!;
  const quit = vi.fn();
  // Main's normal start path, in small: open, then the normal handlers on the same channels.
  const openNormally = (): OpenFailure | null => {
    const forced = options.reopen?.();
    if (forced !== undefined) return forced;
    try {
      const collection = openStratus(file, [], NOW);
      opened.push(collection);
      switcher.use(createHandlers({ db: collection, study: new Study(collection, () => NOW), now: () => NOW }));
      return null;
    } catch (err) {
      return diagnoseOpenFailure(file, err);
    }
  };
  const switcher = switchableHandlers(recoveryModeHandlers({ collectionPath: file, failure, now: () => NOW, openNormally, quit }));
  const { ipc, registered, call } = channels();
  registerIpc(ipc, switcher.handlers, isOurs, vi.fn());
  return { dir, file, older, newer, quit, registered, call };
}

describe('recovery mode', () => {
  it('registers exactly the contract’s channels, once', async () => {
    const { registered } = await recoveryApp();
    expect([...registered.keys()]).toEqual(CHANNELS.map((c) => CHANNEL_PREFIX + c));
  });

  it('says why the collection can’t be opened and lists the backups, newest first', async () => {
    const { call, file, older, newer } = await recoveryApp();
    const reply = await call('recoveryStatus', ours);
    expect(reply).toMatchObject({
      ok: true,
      value: {
        recovering: true,
        problem: 'not-stratus',
        reason: `${file}: is not a Stratus collection (it is not an SQLite database), so it was left untouched.`,
        collectionPath: file,
        collectionExists: true,
        keptAsPrefix: 'collection.stratus.unusable-',
        backups: [
          { file: newer.file, cards: 12, reviews: 0, problem: null },
          { file: older.file, cards: 6, reviews: 0, problem: null },
        ],
      },
    });
  });

  it('refuses every other call with one sentence, touching nothing', async () => {
    const { call, file } = await recoveryApp();
    const refused = { ok: false, error: { code: 'collection', message: 'Your collection is not open, so this can’t be done yet: restore a backup or quit Stratus.', id: 'recovery.notOpen' } };
    expect(await call('listDecks', ours)).toMatchObject(refused);
    expect(await call('backupNow', ours)).toMatchObject(refused);
    expect(await call('restoreBackup', ours, { file: 'stratus-2026-03-20-120000-000.stratus' })).toMatchObject(refused);
    expect(readFileSync(file, 'utf8')).toBe(FOREIGN);
  });

  it('refuses recovery calls from any other sender or frame', async () => {
    const { call, file, newer } = await recoveryApp();
    const refused = { ok: false, error: { code: 'internal', message: 'This request did not come from the Stratus window and was refused.', id: 'ipc.untrusted', params: {} } };
    expect(await call('recoveryStatus', { sender: { id: 'other' }, senderFrame: ours.senderFrame })).toEqual(refused);
    expect(await call('restoreBackupAtStartup', { sender: ours.sender, senderFrame: { url: 'https://evil.example/' } }, { file: newer.file })).toEqual(refused);
    expect(await call('quitAtStartup', { sender: ours.sender, senderFrame: null })).toEqual(refused);
    expect(readFileSync(file, 'utf8')).toBe(FOREIGN);
  });

  it.each([
    ['a path', { file: '../collection.stratus' }, 'invalid-argument', /^Invalid request to restoreBackupAtStartup: file: must be a file name, not a path/],
    ['an absolute path', { file: '/etc/passwd' }, 'invalid-argument', /file: must be a file name, not a path/],
    ['a Windows path', { file: 'C:\\Users\\sam\\x.stratus' }, 'invalid-argument', /file: must be a file name, not a path/],
    ['another field', { file: 'stratus-2026-03-20-120000-000.stratus', path: '/tmp/x' }, 'invalid-argument', /path/],
    ['a name that is not a backup’s', { file: 'collection.stratus' }, 'invalid-argument', /^"collection\.stratus" is not the name of a Stratus backup\.$/],
    ['a backup that is not there', { file: 'stratus-2020-01-01-000000-000.stratus' }, 'not-found', /^There is no backup called "stratus-2020-01-01-000000-000\.stratus"\.$/],
  ])('refuses %s as the backup to restore, touching nothing', async (_label, input, code, message) => {
    const { call, file } = await recoveryApp();
    const reply = await call('restoreBackupAtStartup', ours, input);
    expect(reply.ok).toBe(false);
    expect(reply).toMatchObject({ error: { code } });
    expect((reply as { error: { message: string } }).error.message).toMatch(message);
    expect(readFileSync(file, 'utf8')).toBe(FOREIGN);
  });

  it('restores a backup by name: the unusable file is kept aside, the same channels now serve the opened collection', async () => {
    const { call, file, older } = await recoveryApp();
    const reply = await call('restoreBackupAtStartup', ours, { file: older.file });
    expect(reply).toEqual({
      ok: true,
      value: { restored: older.file, createdAt: older.createdAt, keptAs: `${file}.unusable-2026-03-20-120000-000`, cards: 6, reviews: 0 } satisfies StartupRestoreResult,
    });
    expect(readFileSync(`${file}.unusable-2026-03-20-120000-000`, 'utf8')).toBe(FOREIGN);
    const decks = (await call('listDecks', ours)) as { ok: true; value: { name: string }[] };
    expect(decks.ok).toBe(true);
    expect(decks.value.map((d) => d.name)).toEqual(['Sample']);
    // Normal mode now: nothing to recover.
    expect(await call('recoveryStatus', ours)).toEqual({ ok: true, value: { recovering: false } });
    expect(await call('restoreBackupAtStartup', ours, { file: older.file })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: 'There is nothing to recover: your collection is open.' },
    });
  });

  it('runs one restore at a time', async () => {
    const { call, newer, older } = await recoveryApp();
    const [first, second] = await Promise.all([call('restoreBackupAtStartup', ours, { file: newer.file }), call('restoreBackupAtStartup', ours, { file: older.file })]);
    expect(first).toMatchObject({ ok: true, value: { restored: newer.file, cards: 12 } });
    expect(second).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: 'Stratus is already restoring or opening your collection; wait for it to finish.' },
    });
  });

  it('says so when the restored collection still can’t be opened, and shows the new reason', async () => {
    const stillBroken: OpenFailure = { problem: 'locked', reason: '/x/collection.stratus: is in use by another program (database is locked).' };
    const { call, older } = await recoveryApp({ reopen: () => stillBroken });
    expect(await call('restoreBackupAtStartup', ours, { file: older.file })).toMatchObject({
      ok: false,
      error: { code: 'collection', message: `The backup was put in place, but the collection still can’t be opened: ${stillBroken.reason}` },
    });
    expect(await call('recoveryStatus', ours)).toMatchObject({ ok: true, value: { recovering: true, problem: 'locked', reason: stillBroken.reason } });
    expect(await call('listDecks', ours)).toMatchObject({ ok: false, error: { code: 'collection' } });
  });

  it('tries again: the same screen while the problem lasts, the normal handlers once it opens', async () => {
    let lockedFor = 1;
    const locked: OpenFailure = { problem: 'locked', reason: 'locked.' };
    const { call } = await recoveryApp({ reopen: () => (lockedFor-- > 0 ? locked : undefined) as OpenFailure | null });
    expect(await call('retryOpenAtStartup', ours)).toMatchObject({ ok: true, value: { recovering: true, problem: 'locked', reason: 'locked.' } });
    // The file is still the text file: the real open now runs and fails the way it did at start.
    expect(await call('retryOpenAtStartup', ours)).toMatchObject({ ok: true, value: { recovering: true, problem: 'not-stratus' } });
  });

  it('quits when asked', async () => {
    const { call, quit } = await recoveryApp();
    expect(await call('quitAtStartup', ours)).toEqual({ ok: true, value: undefined });
    expect(quit).toHaveBeenCalledTimes(1);
  });
});

describe('normal mode', () => {
  it('reports that there is nothing to recover', async () => {
    const { db, study, clock } = sampleCollection(NOW);
    const { ipc, call } = channels();
    registerIpc(ipc, createHandlers({ db, study, now: clock.read }), isOurs, vi.fn());
    const nothing = { ok: false, error: { code: 'invalid-argument', message: 'There is nothing to recover: your collection is open.' } };
    expect(await call('recoveryStatus', ours)).toEqual({ ok: true, value: { recovering: false } });
    expect(await call('retryOpenAtStartup', ours)).toEqual({ ok: true, value: { recovering: false } });
    expect(await call('restoreBackupAtStartup', ours, { file: 'stratus-2026-03-20-120000-000.stratus' })).toMatchObject(nothing);
    expect(await call('quitAtStartup', ours)).toMatchObject(nothing);
    expect(await call('listDecks', ours)).toMatchObject({ ok: true });
  });
});
