// Start-up recovery: why the collection could not be opened, in a form the recovery screen can act
// on, and what each backup holds. Main calls this when openStratus fails at start and hands the
// result to the window (electron/main/handlers/recovery.ts); restoring uses core/backup.ts's
// restoreWithoutOpening, which keeps the unusable file aside.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Database as DB } from 'better-sqlite3';
import { openSqlite } from './db/sqlite';
import type { RecoveryBackup, RecoveryProblem, RecoveryStatus } from '../shared/contract';
import { backupsFolder, listBackups } from './backup';
import { APPLICATION_ID, SCHEMA_VERSION } from './db/collection';
import { CollectionError, StratusError } from './errors';
import { msg, type CoreMessage } from './messages';

export interface OpenFailure {
  problem: RecoveryProblem;
  /** One sentence naming the file. */
  reason: string;
  /** The same sentence as a core message, for the recovery screen's language. */
  reasonMessage?: CoreMessage;
}

/** SQLite's primary result codes (extended ones such as SQLITE_IOERR_SHORT_READ share the prefix). */
const SQLITE_PROBLEMS: Record<string, RecoveryProblem> = {
  SQLITE_BUSY: 'locked',
  SQLITE_LOCKED: 'locked',
  SQLITE_CANTOPEN: 'unreadable',
  SQLITE_PERM: 'unreadable',
  SQLITE_AUTH: 'unreadable',
  SQLITE_READONLY: 'unreadable',
  SQLITE_IOERR: 'unreadable',
  SQLITE_FULL: 'unreadable',
  SQLITE_NOTADB: 'damaged',
  SQLITE_CORRUPT: 'damaged',
};

const DETAIL: Record<RecoveryProblem, (detail: string) => CoreMessage> = {
  'not-stratus': (detail) => msg('recovery.detail.notStratus', { detail }),
  'newer-version': (detail) => msg('recovery.detail.newerVersion', { detail }),
  damaged: (detail) => msg('recovery.detail.damaged', { detail }),
  locked: (detail) => msg('recovery.detail.locked', { detail }),
  unreadable: (detail) => msg('recovery.detail.unreadable', { detail }),
};

/**
 * What went wrong when opening the collection `file` failed with `err`; null when the failure is
 * not the collection's (e.g. the app's own built-in decks could not be read), where restoring a
 * backup would not help. CollectionError messages are the core's own sentences and are kept as
 * they are; SQLite and file-system errors get one in the same style.
 */
export function diagnoseOpenFailure(file: string, err: unknown): OpenFailure | null {
  if (err instanceof CollectionError) return { problem: collectionProblem(err.message), reason: err.message, ...(err.coreMessage ? { reasonMessage: err.coreMessage } : {}) };
  if (err instanceof StratusError || !(err instanceof Error)) return null;
  const code = (err as Error & { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  let problem: RecoveryProblem;
  if (code.startsWith('SQLITE_')) {
    const primary = code.split('_').slice(0, 2).join('_');
    // Any other SQLite error while opening (e.g. "no such table") means the file is not what it claims.
    problem = SQLITE_PROBLEMS[primary] ?? 'damaged';
  } else if (/^E[A-Z]+$/.test(code)) {
    // A Node file-system error (EACCES, EISDIR, EIO, …) reading or creating the file.
    problem = 'unreadable';
  } else {
    return null;
  }
  const said = new CollectionError(file, DETAIL[problem](err.message.replace(/\.$/, ''))).coreMessage!;
  return { problem, reason: said.text, reasonMessage: said };
}

/** The kind of problem a CollectionError from openCollection (core/db/collection.ts) describes. */
function collectionProblem(message: string): RecoveryProblem {
  if (/newer version of Stratus/i.test(message)) return 'newer-version';
  if (/not a Stratus collection/i.test(message)) return 'not-stratus';
  if (/database is locked|database table is locked/i.test(message)) return 'locked';
  if (/malformed|not a database|is damaged/i.test(message)) return 'damaged';
  return 'unreadable';
}

export interface PeekOptions {
  /** Path of a better-sqlite3 binary built for this runtime (Electron passes its own). */
  nativeBinding?: string;
  /** Stop reading counts after this long (they are a nicety; the list itself always comes back). */
  budgetMs?: number;
  /** Monotonic clock in ms (tests pass a fake one). */
  clock?: () => number;
}

/**
 * The backups beside the collection, newest first, with what each holds: read-only, application
 * id and version from the header, then two counts. No integrity check here (restoring runs the
 * full one); counts past the time budget are left null.
 */
export function recoveryBackups(collectionPath: string, options: PeekOptions = {}): RecoveryBackup[] {
  const clock = options.clock ?? (() => performance.now());
  const budget = options.budgetMs ?? 1500;
  const start = clock();
  return listBackups(backupsFolder(collectionPath)).map((b) => {
    const base = { file: b.file, createdAt: b.createdAt, size: b.size };
    if (clock() - start > budget) return { ...base, cards: null, reviews: null, problem: null };
    return { ...base, ...peekBackup(b.path, options.nativeBinding) };
  });
}

function peekBackup(path: string, nativeBinding: string | undefined): Pick<RecoveryBackup, 'cards' | 'reviews' | 'problem'> {
  let db: DB;
  try {
    db = openSqlite(path, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch {
    return { cards: null, reviews: null, problem: 'unreadable' };
  }
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID) return { cards: null, reviews: null, problem: 'unreadable' };
    const problem = version > SCHEMA_VERSION ? 'newer-version' : null;
    try {
      const n = db.prepare('SELECT (SELECT count(*) FROM card) AS cards, (SELECT count(*) FROM review) AS reviews').get() as { cards: number; reviews: number };
      return { ...n, problem };
    } catch {
      // A newer schema may have moved things; its counts are unknown, not a reason to call it broken.
      return { cards: null, reviews: null, problem: problem ?? 'unreadable' };
    }
  } catch {
    return { cards: null, reviews: null, problem: 'unreadable' };
  } finally {
    db.close();
  }
}

/** Everything the recovery screen shows for a collection that could not be opened. */
export function recoveryStatus(collectionPath: string, failure: OpenFailure, options: PeekOptions = {}): Extract<RecoveryStatus, { recovering: true }> {
  return {
    recovering: true,
    problem: failure.problem,
    reason: failure.reason,
    ...(failure.reasonMessage ? { reasonMessage: failure.reasonMessage } : {}),
    collectionPath,
    collectionExists: existsSync(collectionPath),
    keptAsPrefix: `${basename(collectionPath)}.unusable-`,
    backupsFolder: backupsFolder(collectionPath),
    backups: recoveryBackups(collectionPath, options),
  };
}
