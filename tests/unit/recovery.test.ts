// Start-up recovery in the core: each way a collection can fail to open is diagnosed from the real
// failure (openStratus on a real bad file), and the backups beside it are listed with what they hold.
import { copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, closeSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backup, backupsFolder } from '../../electron/core/backup';
import { openCollection, SCHEMA_VERSION } from '../../electron/core/db/collection';
import { parseDeckSource } from '../../electron/core/deckSource';
import { installDeckSource } from '../../electron/core/decks';
import { InvalidArgumentError } from '../../electron/core/errors';
import { openStratus } from '../../electron/core/open';
import { diagnoseOpenFailure, recoveryBackups, recoveryStatus } from '../../electron/core/recovery';
import { Study } from '../../electron/core/study';
import { SAMPLE_DECK } from './helpers';

const NOW = Date.parse('2026-03-20T11:00:00Z');
const open: Database.Database[] = [];

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'stratus-recovery-'));
}

/** A real collection with the sample deck and `answers` reviews, closed. */
function collection(file: string, answers = 2): void {
  const db = openCollection(file);
  const { deckId } = installDeckSource(db, parseDeckSource(SAMPLE_DECK, 'sample.md'), NOW);
  const study = new Study(db, () => NOW);
  for (let i = 0; i < answers; i++) study.answer({ cardId: study.nextCard(deckId).card!.id, rating: 'good', durationMs: 1000 });
  db.close();
}

/** What opening `file` the app's way throws. */
function failureOf(file: string): unknown {
  try {
    openStratus(file, [], NOW).close();
  } catch (err) {
    return err;
  }
  throw new Error(`${file} opened`);
}

describe('diagnoseOpenFailure', () => {
  it('a file that is not a database: not-stratus, with the core’s sentence', () => {
    const file = join(folder(), 'collection.stratus');
    writeFileSync(file, 'my shopping list\n');
    expect(diagnoseOpenFailure(file, failureOf(file))).toMatchObject({
      problem: 'not-stratus',
      reason: `${file}: is not a Stratus collection (it is not an SQLite database), so it was left untouched.`,
    });
    expect(readFileSync(file, 'utf8')).toBe('my shopping list\n');
  });

  it('another program’s SQLite database: not-stratus', () => {
    const file = join(folder(), 'collection.stratus');
    const other = new Database(file);
    other.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY)');
    other.close();
    expect(diagnoseOpenFailure(file, failureOf(file))).toMatchObject({ problem: 'not-stratus', reason: expect.stringContaining('another SQLite database') });
  });

  it('a collection from a newer Stratus: newer-version', () => {
    const file = join(folder(), 'collection.stratus');
    collection(file);
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const failure = diagnoseOpenFailure(file, failureOf(file));
    expect(failure?.problem).toBe('newer-version');
    expect(failure?.reason).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: was written by a newer version of Stratus`));
  });

  it('a damaged file: SQLite’s header over garbage, and a collection with its first page overwritten', () => {
    const dir = folder();
    const garbage = join(dir, 'garbage.stratus');
    const bytes = Buffer.alloc(10_000, 7);
    Buffer.from('SQLite format 3\0', 'latin1').copy(bytes);
    writeFileSync(garbage, bytes);
    expect(diagnoseOpenFailure(garbage, failureOf(garbage))).toMatchObject({ problem: 'damaged', reason: `${garbage}: is damaged (file is not a database).` });

    const good = join(dir, 'good.stratus');
    collection(good);
    const broken = join(dir, 'broken.stratus');
    copyFileSync(good, broken);
    const fd = openSync(broken, 'r+');
    writeSync(fd, Buffer.alloc(3996, 0x41), 0, 3996, 100); // the schema page after the 100-byte header
    closeSync(fd);
    expect(diagnoseOpenFailure(broken, failureOf(broken))).toMatchObject({ problem: 'damaged', reason: `${broken}: is damaged (database disk image is malformed).` });
  });

  it('a file another program holds locked: locked', { timeout: 20_000 }, () => {
    const file = join(folder(), 'collection.stratus');
    collection(file);
    const other = new Database(file);
    open.push(other);
    other.pragma('journal_mode = DELETE');
    other.exec('BEGIN EXCLUSIVE');
    // The app waits for the lock (busy timeout) before it gives up.
    expect(diagnoseOpenFailure(file, failureOf(file))).toMatchObject({ problem: 'locked', reason: `${file}: is in use by another program (database is locked).` });
    other.exec('ROLLBACK');
  });

  it('something that can’t be read as a file (a folder in its place): unreadable', () => {
    const file = join(folder(), 'collection.stratus');
    mkdirSync(file);
    const failure = diagnoseOpenFailure(file, failureOf(file));
    expect(failure?.problem).toBe('unreadable');
    expect(failure?.reason).toMatch(/collection\.stratus: can’t be read \(EISDIR: illegal operation on a directory/);
  });

  it('failures that are not the collection’s are not diagnosed (a backup would not help)', () => {
    expect(diagnoseOpenFailure('/x/collection.stratus', new InvalidArgumentError('decks/aws.md line 3: a card needs a back.'))).toBeNull();
    expect(diagnoseOpenFailure('/x/collection.stratus', new TypeError('undefined is not a function'))).toBeNull();
    expect(diagnoseOpenFailure('/x/collection.stratus', 'a string')).toBeNull();
  });
});

describe('recoveryBackups and recoveryStatus', () => {
  async function withBackups() {
    const dir = folder();
    const file = join(dir, 'collection.stratus');
    collection(file, 3);
    const db = openCollection(file);
    const older = await backup(db, backupsFolder(file), NOW - 3_600_000);
    db.prepare('DELETE FROM review WHERE id = (SELECT max(id) FROM review)').run();
    const newer = await backup(db, backupsFolder(file), NOW);
    db.close();
    return { dir, file, older, newer };
  }

  it('list the backups newest first with their cards and reviews', async () => {
    const { file, older, newer } = await withBackups();
    expect(recoveryBackups(file)).toEqual([
      { file: newer.file, createdAt: newer.createdAt, size: newer.size, cards: 6, reviews: 2, problem: null },
      { file: older.file, createdAt: older.createdAt, size: older.size, cards: 6, reviews: 3, problem: null },
    ]);
  });

  it('mark backups this app can’t restore: from a newer Stratus, or not a collection', async () => {
    const { file, newer } = await withBackups();
    const db = new Database(join(backupsFolder(file), newer.file));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const junk = 'stratus-2026-03-20-130000-000.stratus';
    writeFileSync(join(backupsFolder(file), junk), 'not a database');
    const listed = recoveryBackups(file);
    expect(listed.map((b) => [b.file, b.problem])).toEqual([
      [junk, 'unreadable'],
      [newer.file, 'newer-version'],
      [expect.any(String), null],
    ]);
    expect(listed[0]).toMatchObject({ cards: null, reviews: null });
    // Its counts are still read when the tables are where this app expects them.
    expect(listed[1]).toMatchObject({ cards: 6, reviews: 2 });
  });

  it('leave counts unread once the time budget is spent, but list every backup', async () => {
    const { file } = await withBackups();
    let t = 0;
    const listed = recoveryBackups(file, { budgetMs: 5, clock: () => (t += 4) });
    expect(listed).toHaveLength(2);
    expect(listed[0]!.cards).toBe(6);
    expect(listed[1]).toMatchObject({ cards: null, reviews: null, problem: null });
  });

  it('say what the screen shows: the problem, the file, where backups are and how the unusable file will be named', async () => {
    const { dir, file } = await withBackups();
    writeFileSync(file, 'not a collection any more');
    const status = recoveryStatus(file, { problem: 'not-stratus', reason: 'r' });
    expect(status).toMatchObject({
      recovering: true,
      problem: 'not-stratus',
      reason: 'r',
      collectionPath: file,
      collectionExists: true,
      keptAsPrefix: 'collection.stratus.unusable-',
      backupsFolder: join(dir, 'backups'),
    });
    expect(status.backups).toHaveLength(2);
    expect(recoveryStatus(join(folder(), 'gone.stratus'), { problem: 'unreadable', reason: 'r' })).toMatchObject({ collectionExists: false, backups: [] });
  });
});
