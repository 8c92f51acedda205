// Opening a collection: refuse what isn't ours or is from a newer Stratus before touching it,
// then WAL + foreign keys, then pending migrations in one transaction.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import type { Database as DB } from 'better-sqlite3';
import { openSqlite } from './sqlite';
import { CollectionError } from '../errors';
import { msg } from '../messages';
import { assertMonotonic, MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';

/** PRAGMA application_id of every Stratus collection: "STRA". */
export const APPLICATION_ID = 0x53545241;

export interface OpenOptions {
  /** Path of a better-sqlite3 binary built for this runtime (Electron passes its own). */
  nativeBinding?: string;
  /** Migrations to apply; tests pass a prefix of MIGRATIONS to build older collections. */
  migrations?: readonly Migration[];
}

export function openCollection(file: string, options: OpenOptions = {}): DB {
  const migrations = options.migrations ?? MIGRATIONS;
  assertMonotonic(migrations);
  if (file !== ':memory:') inspectExisting(file, migrations.length, options.nativeBinding);
  const db = openRaw(file, options.nativeBinding);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // NORMAL in WAL mode: a crash of the app loses nothing committed; only a power cut can
    // lose the last transactions, never the database's consistency.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // Checkpoints copy the WAL back into the database; SQLite runs them inside the commit that
    // crosses the threshold, which would stall that answer. The app checkpoints when idle
    // (see checkpoint()); this large threshold only bounds the WAL if that never happens.
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function openRaw(file: string, nativeBinding: string | undefined, readonly = false): DB {
  try {
    return openSqlite(file, { readonly, fileMustExist: readonly, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (err) {
    throw new CollectionError(file, msg('collection.cantOpenPlain', { detail: (err as Error).message }));
  }
}

/** About 80 MB of WAL at the default 4 KiB page size. */
export const WAL_AUTOCHECKPOINT_PAGES = 20_000;

/** Moves committed pages from the WAL into the database without blocking readers or writers. */
export function checkpoint(db: DB): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

const SQLITE_HEADER = 'SQLite format 3\0';

/** Refuses a file that is not a Stratus collection or is newer than this app, without writing. */
function inspectExisting(file: string, known: number, nativeBinding: string | undefined): void {
  if (!existsSync(file) || statSync(file).size === 0) return;
  if (readHeader(file) !== SQLITE_HEADER) {
    throw new CollectionError(file, msg('collection.notSqliteUntouched'));
  }
  const db = openRaw(file, nativeBinding, true);
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n;
    if (appId !== APPLICATION_ID && (tables > 0 || version > 0)) {
      throw new CollectionError(file, msg('collection.otherSqliteUntouched'));
    }
    if (version > known) {
      throw new CollectionError(
        file,
        msg('collection.newerUntouched', { version: String(version), known: String(known) }),
      );
    }
  } finally {
    db.close();
  }
}

function readHeader(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

function migrate(db: DB, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  }).immediate();
}

export { SCHEMA_VERSION };
export type { DB };
