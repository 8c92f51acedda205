import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import {
  AutoBackup,
  backup,
  backupFileName,
  backupPathByName,
  backupsFolder,
  backupTime,
  listBackups,
  planRotation,
  restoreBackup,
  restoreWithoutOpening,
  rotateBackups,
  validateCollectionFile,
} from '../../electron/core/backup';
import { openCollection, SCHEMA_VERSION } from '../../electron/core/db/collection';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { parseDeckSource } from '../../electron/core/deckSource';
import { deleteDeck } from '../../electron/core/deckAdmin';
import { installDeckSource } from '../../electron/core/decks';
import { Study } from '../../electron/core/study';
import { DAY, MINUTE } from '../../electron/core/time';
import { dumpTables } from './browse-fixture';
import { SAMPLE_DECK, TestClock } from './helpers';

const NOW = Date.parse('2026-03-20T11:00:00Z');
const ALL_TABLES = () => ['deck', 'note', 'card', 'review', 'setting', 'exam', 'exam_domain', 'deck_domain', 'tag_domain', 'practice_test', 'practice_answer', 'deck_preset', 'undo_action'];

function fileCollection() {
  const dir = mkdtempSync(join(tmpdir(), 'stratus-backup-'));
  const file = join(dir, 'collection.stratus');
  const db = openCollection(file);
  const { deckId } = installDeckSource(db, parseDeckSource(SAMPLE_DECK, 'sample.md'), NOW);
  const clock = new TestClock(NOW);
  const study = new Study(db, clock.read);
  for (let i = 0; i < 3; i++) {
    const card = study.nextCard(deckId).card!;
    study.answer({ cardId: card.id, rating: 'good', durationMs: 1000 });
    clock.advance(MINUTE);
  }
  return { dir, file, db, deckId, clock, study, folder: backupsFolder(file) };
}

describe('backup names and rotation', () => {
  it('name backups by local time, sortable, and read the time back', () => {
    const t = new Date(2026, 2, 20, 9, 5, 7, 42).getTime();
    expect(backupFileName(t)).toBe('stratus-2026-03-20-090507-042.stratus');
    expect(backupTime('stratus-2026-03-20-090507-042.stratus')).toBe(t);
    expect(backupTime('stratus-2026-03-20-090507-042-2.stratus')).toBe(t);
    expect(backupTime('notes.txt')).toBeNull();
    expect(backupTime('stratus-2026-13-45-990000-000.stratus')).toBeNull();
    expect(backupTime('stratus-2026-02-30-090000-000.stratus')).toBeNull();
  });

  it('keep recent, then one per day, then one per week (fixed dates)', () => {
    const at = (m: number, d: number, h: number) => ({ name: `${m}-${d} ${h}h`, time: new Date(2026, m - 1, d, h).getTime() });
    const backups = [
      at(3, 20, 12), at(3, 20, 11), at(3, 20, 10), // recent
      at(3, 20, 9), // same day as the last recent one: dropped
      at(3, 19, 20), at(3, 19, 8), // daily: the newest of the day stays
      at(3, 17, 10), // daily (second and last)
      at(3, 16, 10), // Monday of the same week as the 17th: dropped
      at(3, 15, 10), // Sunday, the week before: weekly
      at(3, 8, 10), // weekly limit reached: dropped
    ];
    const { keep, remove } = planRotation([...backups].reverse(), { recent: 3, daily: 2, weekly: 1 });
    expect(keep.map((b) => b.name)).toEqual(['3-20 12h', '3-20 11h', '3-20 10h', '3-19 20h', '3-17 10h', '3-15 10h']);
    expect(remove.map((b) => b.name)).toEqual(['3-20 9h', '3-19 8h', '3-16 10h', '3-8 10h']);
  });

  it('keep 48 recent + 7 daily + 4 weekly by default', () => {
    // Every 30 minutes for 60 days up to Friday 20 March 12:00; the 48 recent reach back to the 19th 12:30.
    const end = new Date(2026, 2, 20, 12).getTime();
    const backups = Array.from({ length: 60 * 48 }, (_, i) => ({ time: end - i * 30 * MINUTE }));
    const { keep, remove } = planRotation(backups);
    expect(keep).toHaveLength(48 + 7 + 4);
    expect(keep.length + remove.length).toBe(backups.length);
    const days = keep.slice(48, 55).map((b) => new Date(b.time).getDate());
    expect(days).toEqual([18, 17, 16, 15, 14, 13, 12]);
    // Each daily keeper is the last backup of its day.
    expect(keep.slice(48, 55).every((b) => new Date(b.time).getHours() === 23 && new Date(b.time).getMinutes() === 30)).toBe(true);
    // Weekly: Sundays 23:30 (weeks roll over on Monday).
    expect(keep.slice(55).map((b) => new Date(b.time).getDay())).toEqual([0, 0, 0, 0]);
    expect(keep.slice(55).map((b) => new Date(b.time).getDate())).toEqual([8, 1, 22, 15]);
  });

  it('delete the backups the rotation drops, and nothing else in the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stratus-rotate-'));
    const end = new Date(2026, 2, 20, 12).getTime();
    for (let i = 0; i < 100; i++) writeFileSync(join(dir, backupFileName(end - i * 30 * MINUTE)), '');
    writeFileSync(join(dir, 'my notes.txt'), 'keep me');
    const removed = rotateBackups(dir);
    expect(removed).toHaveLength(100 - 48 - 1);
    expect(listBackups(dir)).toHaveLength(49);
    expect(existsSync(join(dir, 'my notes.txt'))).toBe(true);
  });
});

describe('backup', () => {
  it('copies the open collection into the backups folder beside it, as one file', async () => {
    const c = fileCollection();
    const info = await backup(c.db, c.folder, c.clock.now);
    expect(info).toMatchObject({ cards: 6, reviews: 3, file: backupFileName(c.clock.now), path: join(c.dir, 'backups', backupFileName(c.clock.now)) });
    expect(readdirSync(c.folder)).toEqual([info.file]);
    const copy = new Database(info.path, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(dumpTables(copy, ALL_TABLES())).toEqual(dumpTables(c.db, ALL_TABLES()));
    copy.close();
    expect(listBackups(c.folder)).toEqual([{ file: info.file, path: info.path, createdAt: info.createdAt, size: info.size }]);
    // A second backup in the same millisecond gets its own name.
    const again = await backup(c.db, c.folder, c.clock.now);
    expect(again.file).toBe(info.file.replace('.stratus', '-2.stratus'));
  });

  it('runs while the app keeps writing (online backup API)', async () => {
    const c = fileCollection();
    const pending = backup(c.db, c.folder, c.clock.now);
    // An answer while the backup is under way: the app is not blocked.
    const card = c.study.nextCard(c.deckId).card!;
    c.study.answer({ cardId: card.id, rating: 'good', durationMs: 1000 });
    const info = await pending;
    expect(validateCollectionFile(info.path).reviews).toBeGreaterThanOrEqual(3);
  });

  it('writes to --out when given and refuses an in-memory collection', async () => {
    const c = fileCollection();
    const out = join(c.dir, 'elsewhere', 'copy.stratus');
    expect((await backup(c.db, c.folder, NOW, out)).path).toBe(out);
    expect(existsSync(c.folder)).toBe(false);
    await expect(backup(openCollection(':memory:'), c.folder, NOW)).rejects.toThrow('An in-memory collection has no file to back up.');
  });

  it('takes automatic backups at start and every 30 minutes of use', async () => {
    const c = fileCollection();
    const auto = new AutoBackup(c.db, c.folder);
    expect(await auto.tick(NOW)).not.toBeNull();
    expect(await auto.tick(NOW + 10 * MINUTE)).toBeNull();
    // 31 minutes later but nothing changed: no backup.
    expect(await auto.tick(NOW + 31 * MINUTE)).toBeNull();
    c.clock.now = NOW + 32 * MINUTE;
    const card = c.study.nextCard(c.deckId).card!;
    c.study.answer({ cardId: card.id, rating: 'good', durationMs: 1000 });
    expect(await auto.tick(NOW + 33 * MINUTE)).not.toBeNull();
    expect(listBackups(c.folder)).toHaveLength(2);
  });
});

describe('restore', () => {
  it('gives back exactly the collection the backup came from, after saving the current one', async () => {
    const c = fileCollection();
    const atBackup = dumpTables(c.db, ALL_TABLES());
    const info = await backup(c.db, c.folder, c.clock.now);
    // Work after the backup: more answers, a deleted deck.
    c.clock.advance(DAY);
    const card = c.study.nextCard(c.deckId).card!;
    c.study.answer({ cardId: card.id, rating: 'easy', durationMs: 500 });
    deleteDeck(c.db, c.deckId, c.clock.now);
    const beforeRestore = dumpTables(c.db, ALL_TABLES());
    c.clock.advance(MINUTE);
    const result = await restoreBackup(c.db, info.path, c.folder, c.clock.now);
    expect(result).toMatchObject({ restored: info.path, cards: 6, reviews: 3 });
    // Same rows in every table, through the connection the app keeps using.
    expect(dumpTables(c.db, ALL_TABLES())).toEqual(atBackup);
    expect(c.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(c.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // The safety backup holds the collection as it was just before.
    const safety = new Database(result.safetyBackup.path, { readonly: true });
    expect(dumpTables(safety, ALL_TABLES())).toEqual(beforeRestore);
    safety.close();
    // The app goes on working on the restored collection.
    c.study.reloadSettings();
    expect(c.study.nextCard(c.deckId).counts.new).toBeGreaterThan(0);
    // And reopening the file shows the same.
    c.db.close();
    const reopened = openCollection(c.file);
    expect(dumpTables(reopened, ALL_TABLES())).toEqual(atBackup);
    reopened.close();
  });

  it('brings a backup from an older Stratus up to this version', async () => {
    const c = fileCollection();
    const oldFile = join(c.dir, 'old.stratus');
    const old = openCollection(oldFile, { migrations: MIGRATIONS.slice(0, 3) });
    installDeckSource(old, parseDeckSource(SAMPLE_DECK.replace('id: sample', 'id: old').replace('name: Sample', 'name: Old'), 'old.md'), NOW);
    old.close();
    await restoreBackup(c.db, oldFile, c.folder, NOW);
    expect(c.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(c.db.prepare('SELECT name FROM deck').pluck().all()).toEqual(['Old']);
    expect(c.db.prepare('SELECT name FROM deck_preset').pluck().all()).toEqual(['Default']);
  });

  it.each([
    ['a text file', (f: string) => writeFileSync(f, 'hello'), /is not a Stratus collection \(it is not an SQLite database\)|can.t be opened/],
    ['another SQLite database', (f: string) => new Database(f).exec('CREATE TABLE t (x)').close(), /is not a Stratus collection\./],
    ['a newer collection', (f: string) => {
      const db = openCollection(f);
      db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      db.close();
    }, /was written by a newer version of Stratus/],
    ['an incomplete collection', (f: string) => {
      const db = openCollection(f);
      db.exec('DROP TABLE review');
      db.close();
    }, /is not a complete Stratus collection \(it has no review table\)/],
  ])('refuses %s and touches nothing', async (_name, make, message) => {
    const c = fileCollection();
    const bad = join(c.dir, 'bad.stratus');
    make(bad);
    const before = dumpTables(c.db, ALL_TABLES());
    await expect(restoreBackup(c.db, bad, c.folder, NOW)).rejects.toThrow(message);
    expect(dumpTables(c.db, ALL_TABLES())).toEqual(before);
    expect(existsSync(c.folder)).toBe(false);
    expect(readdirSync(c.dir).filter((f) => f.startsWith('.restore'))).toEqual([]);
  });

  it('restores over a collection that can\u2019t be opened, keeping the unusable file aside', async () => {
    const c = fileCollection();
    const info = await backup(c.db, c.folder, NOW);
    const atBackup = dumpTables(c.db, ALL_TABLES());
    c.db.close();
    writeFileSync(c.file, 'this is not a database any more');
    expect(() => openCollection(c.file)).toThrow(/is not a Stratus collection/);
    const result = await restoreWithoutOpening(c.file, info.path, NOW);
    expect(result).toMatchObject({ restored: info.path, cards: 6, reviews: 3, keptAs: `${c.file}.unusable-2026-03-20-120000-000` });
    expect(existsSync(result.keptAs!)).toBe(true);
    const reopened = openCollection(c.file);
    expect(dumpTables(reopened, ALL_TABLES())).toEqual(atBackup);
    reopened.close();
  });

  it('refuses a missing file, and backup names that are paths', async () => {
    const c = fileCollection();
    await expect(restoreBackup(c.db, join(c.dir, 'nope.stratus'), c.folder, NOW)).rejects.toThrow(/nope.stratus: there is no such file/);
    expect(() => backupPathByName(c.folder, '../collection.stratus')).toThrow('"../collection.stratus" is not the name of a Stratus backup.');
    expect(() => backupPathByName(c.folder, backupFileName(NOW))).toThrow(/There is no backup called/);
  });
});

describe('CLI backup, restore, check', () => {
  async function cli(args: string[]) {
    let out = '';
    let err = '';
    const status = await runCli(args, { env: {}, decksFolder: join(__dirname, '../../decks'), stdout: (s) => (out += s), stderr: (s) => (err += s) });
    return { status, out, err, json: () => JSON.parse(out) as Record<string, unknown> };
  }

  it('backup --json → {path, cards, reviews}; restore FILE --json; check --json → {ok, problems}', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stratus-cli-backup-'));
    const db = join(dir, 'collection.stratus');
    const base = ['--db', db, '--now', '2026-11-23T09:00:00Z', '--json'];
    const next = (await cli(['next', '--deck', '1', ...base])).json();
    await cli(['answer', String(next.id), 'good', ...base]);
    const b = await cli(['backup', ...base]);
    expect(b.status).toBe(0);
    const made = b.json();
    expect(Object.keys(made).sort()).toEqual(['cards', 'path', 'reviews']);
    expect(made).toMatchObject({ path: join(dir, 'backups', backupFileName(Date.parse('2026-11-23T09:00:00Z'))), reviews: 1 });
    const out = await cli(['backup', '--out', join(dir, 'manual.stratus'), ...base]);
    expect(out.json().path).toBe(join(dir, 'manual.stratus'));
    await cli(['undo', ...base]);
    const restored = await cli(['restore', String(made.path), ...base.slice(0, 2), '--now', '2026-11-23T09:05:00Z', '--json']);
    expect(restored.status).toBe(0);
    expect(restored.json()).toMatchObject({ restored: made.path, reviews: 1, cards: made.cards });
    const check = await cli(['check', ...base]);
    expect(check.json()).toEqual({ ok: true, problems: [] });
    const search = await cli(['search', 'is:learn', ...base]);
    expect(search.json()).toMatchObject({ total: 1, offset: 0, rows: [{ id: next.id, state: 'learning' }] });
    const usage = await cli(['restore', ...base]);
    expect(usage.status).toBe(2);
    expect(usage.err).toMatch(/"restore" needs the backup file/);
    const bad = await cli(['search', 'is:nope', ...base]);
    expect(bad.status).toBe(1);
    expect(bad.err).toMatch(/"is:nope"/);
  });
});
