// Backups and restore.
//
// Where: a `backups` folder beside the collection file (backupsFolder()). Each backup is a
// complete, self-contained Stratus collection named stratus-YYYY-MM-DD-HHMMSS-mmm.stratus (local
// time), taken with SQLite's online backup API while the app runs (answers keep working), written
// to a temporary name and renamed when complete, and switched to a rollback journal so it is one
// file with no -wal/-shm beside it.
//
// Rotation, like Anki's: the newest 48 backups are kept, then one per day for 7 more days, then
// one per week (weeks start on Monday) for 4 more weeks; the rest are deleted (planRotation is pure
// and unit-tested on fixed dates). Automatic backups: at start and every 30 minutes of use, only
// when the collection changed since the last one (AutoBackup).
//
// Restore: the chosen file must be a sound Stratus collection (SQLite header, application id,
// not newer than this app, integrity check, the core tables); it is copied and brought up to this
// app's schema in a temporary file first, the current collection is backed up, then the copy is
// written over the open collection with the backup API. The open connection stays valid and sees
// the restored data at once; SQLite handles the WAL and shared memory files.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database as DB } from 'better-sqlite3';
import { openSqlite } from './db/sqlite';
import type { BackupEntry, BackupInfo, RestoreResult } from '../shared/contract';
import { APPLICATION_ID, openCollection, SCHEMA_VERSION } from './db/collection';
import { CollectionError, InvalidArgumentError, NotFoundError, StratusError } from './errors';
import { msg } from './messages';

export const BACKUP_FOLDER = 'backups';
export const BACKUP_EXTENSION = '.stratus';
const NAME = /^stratus-(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})(?:-\d+)?\.stratus$/;

export interface RotationLimits {
  recent: number;
  daily: number;
  weekly: number;
}

export const ROTATION: RotationLimits = { recent: 48, daily: 7, weekly: 4 };
export const AUTO_BACKUP_INTERVAL_MS = 30 * 60_000;

/** The backups folder of a collection file. */
export function backupsFolder(collectionPath: string): string {
  return join(dirname(collectionPath), BACKUP_FOLDER);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** File name of a backup taken at `time` (local time, sortable). */
export function backupFileName(time: number): string {
  const d = new Date(time);
  return `stratus-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}-${pad(d.getMilliseconds(), 3)}${BACKUP_EXTENSION}`;
}

/** The time encoded in a backup's file name, or null for files that are not our backups. */
export function backupTime(file: string): number | null {
  const m = NAME.exec(file);
  if (!m) return null;
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, s, ms);
  // Refuse impossible dates (month 13, 31 February) instead of letting Date roll them over.
  if (date.getMonth() !== mo - 1 || date.getDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return date.getTime();
}

/** Backups in a folder, newest first. */
export function listBackups(folder: string): BackupEntry[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((file) => ({ file, time: backupTime(file) }))
    .filter((b): b is { file: string; time: number } => b.time !== null)
    .map(({ file, time }) => {
      const path = join(folder, file);
      return { file, path, createdAt: new Date(time).toISOString(), size: statSync(path).size, time };
    })
    .sort((a, b) => b.time - a.time || b.file.localeCompare(a.file))
    .map(({ time: _time, ...entry }) => entry);
}

/** Local serial day number (days since the epoch in local time) and Monday-based week number. */
function localDay(time: number): number {
  const d = new Date(time);
  return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000);
}

function localWeek(time: number): number {
  // 1970-01-01 was a Thursday: shift so weeks roll over on Monday.
  return Math.floor((localDay(time) + 3) / 7);
}

/**
 * Which backups to keep and which to delete. Newest first: the first `recent` are kept; then a
 * backup is kept when it is the newest of a day older than the last kept one, for `daily` days;
 * then the newest of each older week, for `weekly` weeks. Everything else goes. (Anki's
 * BackupFilter, with a count of recent backups instead of its two-day grace period.)
 */
export function planRotation<T extends { time: number }>(backups: readonly T[], limits: RotationLimits = ROTATION): { keep: T[]; remove: T[] } {
  const sorted = [...backups].sort((a, b) => b.time - a.time);
  const keep: T[] = [];
  const remove: T[] = [];
  let { daily, weekly } = limits;
  let lastDay = Number.POSITIVE_INFINITY;
  let lastWeek = Number.POSITIVE_INFINITY;
  sorted.forEach((b, i) => {
    const day = localDay(b.time);
    const week = localWeek(b.time);
    let kept = false;
    if (i < limits.recent) kept = true;
    else if (daily > 0) {
      if (day < lastDay) {
        kept = true;
        daily--;
      }
    } else if (weekly > 0) {
      if (week < lastWeek) {
        kept = true;
        weekly--;
      }
    }
    if (kept) {
      keep.push(b);
      lastDay = day;
      lastWeek = week;
    } else remove.push(b);
  });
  return { keep, remove };
}

/** Deletes the backups the rotation drops; returns their file names. */
export function rotateBackups(folder: string, limits: RotationLimits = ROTATION): string[] {
  const backups = listBackups(folder).map((b) => ({ ...b, time: Date.parse(b.createdAt) }));
  const { remove } = planRotation(backups, limits);
  for (const b of remove) rmSync(b.path, { force: true });
  return remove.map((b) => b.file);
}

function counts(db: DB): { cards: number; reviews: number } {
  return db.prepare('SELECT (SELECT count(*) FROM card) AS cards, (SELECT count(*) FROM review) AS reviews').get() as { cards: number; reviews: number };
}

/**
 * Copies the open collection to `out` (default: a new file in `folder`) with the online backup
 * API, then rotates the folder's backups. Asynchronous: the backup runs in steps and the app keeps
 * answering meanwhile.
 */
export async function backup(db: DB, folder: string, now: number, out?: string): Promise<BackupInfo> {
  if (db.memory) throw new InvalidArgumentError(msg('backup.inMemory'));
  const target = out ?? uniquePath(folder, now);
  mkdirSync(dirname(target), { recursive: true });
  const temp = `${target}.part`;
  rmSync(temp, { force: true });
  try {
    await db.backup(temp);
    // One file: a backup opened later must not grow -wal/-shm files beside it.
    const copy = openSqlite(temp);
    let n: { cards: number; reviews: number };
    try {
      copy.pragma('journal_mode = DELETE');
      n = counts(copy);
    } finally {
      copy.close();
    }
    renameSync(temp, target);
    if (!out) rotateBackups(folder);
    const name = basename(target);
    return { file: name, path: target, createdAt: new Date(backupTime(name) ?? now).toISOString(), size: statSync(target).size, ...n };
  } catch (err) {
    rmSync(temp, { force: true });
    if (err instanceof StratusError) throw err;
    throw new CollectionError(target, msg('backup.notWritten', { detail: (err as Error).message }));
  }
}

function uniquePath(folder: string, now: number): string {
  const name = backupFileName(now);
  let path = join(folder, name);
  for (let i = 2; existsSync(path); i++) path = join(folder, name.replace(BACKUP_EXTENSION, `-${i}${BACKUP_EXTENSION}`));
  return path;
}

const REQUIRED_TABLES = ['deck', 'note', 'card', 'review', 'setting'];

/** Checks that a file is a sound Stratus collection this app can open, without writing to it. */
export function validateCollectionFile(file: string): { cards: number; reviews: number; version: number } {
  if (!existsSync(file)) throw new NotFoundError(msg('backup.noSuchFile', { file }));
  let db: DB;
  try {
    db = openSqlite(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new CollectionError(file, msg('collection.cantOpen', { detail: (err as Error).message }));
  }
  try {
    let appId: number;
    let version: number;
    try {
      appId = db.pragma('application_id', { simple: true }) as number;
      version = db.pragma('user_version', { simple: true }) as number;
    } catch {
      throw new CollectionError(file, msg('collection.notSqlite'));
    }
    if (appId !== APPLICATION_ID) throw new CollectionError(file, msg('collection.notStratus'));
    if (version > SCHEMA_VERSION) {
      throw new CollectionError(file, msg('collection.newer', { version: String(version), known: String(SCHEMA_VERSION) }));
    }
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    if (integrity !== 'ok') throw new CollectionError(file, msg('collection.damaged', { detail: integrity }));
    const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
    const missing = REQUIRED_TABLES.find((t) => !tables.has(t));
    if (missing) throw new CollectionError(file, msg('collection.incomplete', { table: missing }));
    return { ...counts(db), version };
  } finally {
    db.close();
  }
}

/**
 * Replaces the open collection with the backup `file`. The current collection is backed up first
 * (into `folder`); nothing is touched when the file is refused.
 */
export async function restoreBackup(db: DB, file: string, folder: string, now: number): Promise<RestoreResult> {
  if (db.memory) throw new InvalidArgumentError(msg('backup.inMemoryRestore'));
  validateCollectionFile(file);
  const live = db.name;
  const staging = join(dirname(live), `.restore-${process.pid}-${now}.stratus`);
  rmSync(staging, { force: true });
  try {
    // A copy made through SQLite (so a -wal beside the chosen file is included), then migrated
    // to this app's schema, as openCollection does for any collection.
    const source = openSqlite(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(staging);
    } finally {
      source.close();
    }
    openCollection(staging).close();
    const safetyBackup = await backup(db, folder, now);
    const staged = openSqlite(staging, { readonly: true, fileMustExist: true });
    try {
      await staged.backup(live);
    } finally {
      staged.close();
    }
    return { restored: file, safetyBackup, ...counts(db) };
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(staging + suffix, { force: true });
  }
}

/**
 * Restores a backup when the collection itself can't be opened (the start-up error screen's way
 * out). The unusable file is kept beside it as `<name>.unusable-<time>` (with its -wal/-shm), never
 * deleted; the backup, checked and brought up to this app's schema, takes its place.
 */
export async function restoreWithoutOpening(collectionPath: string, file: string, now: number): Promise<{ restored: string; keptAs: string | null; cards: number; reviews: number }> {
  validateCollectionFile(file);
  const staging = join(dirname(collectionPath), `.restore-${process.pid}-${now}.stratus`);
  rmSync(staging, { force: true });
  try {
    const source = openSqlite(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(staging);
    } finally {
      source.close();
    }
    const staged = openCollection(staging);
    const n = counts(staged);
    staged.close();
    let keptAs: string | null = null;
    if (existsSync(collectionPath)) {
      keptAs = `${collectionPath}.unusable-${backupFileName(now).replace(/^stratus-|\.stratus$/g, '')}`;
      for (const suffix of ['-wal', '-shm']) if (existsSync(collectionPath + suffix)) renameSync(collectionPath + suffix, keptAs + suffix);
      renameSync(collectionPath, keptAs);
    }
    renameSync(staging, collectionPath);
    return { restored: file, keptAs, ...n };
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(staging + suffix, { force: true });
  }
}

/** A backup of `folder` by its file name only (IPC passes names, never paths). */
export function backupPathByName(folder: string, file: string): string {
  if (file !== basename(file) || backupTime(file) === null) throw new InvalidArgumentError(msg('backup.badName', { file }));
  const path = join(folder, file);
  if (!existsSync(path)) throw new NotFoundError(msg('backup.notFound', { file }));
  return path;
}

/**
 * Automatic backups: `tick(now)` takes a backup when none was taken yet in this run (at start) or
 * when 30 minutes have passed since the last one and the collection changed since (total_changes
 * counts this connection's writes). The app calls tick at start and from a timer.
 */
export class AutoBackup {
  private last: { at: number; changes: number } | null = null;
  private running: Promise<BackupInfo | null> | null = null;

  constructor(
    private readonly db: DB,
    private readonly folder: string,
    private readonly intervalMs = AUTO_BACKUP_INTERVAL_MS,
  ) {}

  /** Resolves to the backup taken, or null when none was due. */
  tick(now: number): Promise<BackupInfo | null> {
    if (this.running) return this.running;
    const changes = this.db.prepare('SELECT total_changes()').pluck().get() as number;
    const due = this.last === null || (now - this.last.at >= this.intervalMs && changes !== this.last.changes);
    if (!due) return Promise.resolve(null);
    this.running = backup(this.db, this.folder, now)
      .then((info) => {
        this.last = { at: now, changes: this.db.prepare('SELECT total_changes()').pluck().get() as number };
        return info;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
