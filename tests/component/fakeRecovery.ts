// Start-up recovery for component tests: a collection that could not be opened, its backups, and
// what restoring one, trying again and quitting do. FakeApi.recovery holds one while the app is in
// recovery mode (null: the collection is open, as after a normal start).
import type { RecoveryBackup, RecoveryProblem, RecoveryStatus, StartupRestoreResult } from '../../electron/shared/contract';

export type Recovering = Extract<RecoveryStatus, { recovering: true }>;

export const COLLECTION_PATH = '/home/sam/.config/Stratus/collection.stratus';

export function backupEntry(createdAt: string, cards: number | null, reviews: number | null, problem: RecoveryBackup['problem'] = null): RecoveryBackup {
  const d = new Date(createdAt);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const file = `stratus-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}-000.stratus`;
  return { file, createdAt: d.toISOString(), size: 2_400_000, cards, reviews, problem };
}

const REASONS: Record<RecoveryProblem, string> = {
  'not-stratus': `${COLLECTION_PATH}: is not a Stratus collection (it is not an SQLite database), so it was left untouched.`,
  'newer-version': `${COLLECTION_PATH}: was written by a newer version of Stratus (collection version 9, this app reads up to 6); update Stratus to open it — the file was left untouched.`,
  damaged: `${COLLECTION_PATH}: is damaged (database disk image is malformed).`,
  locked: `${COLLECTION_PATH}: is in use by another program (database is locked).`,
  unreadable: `${COLLECTION_PATH}: can’t be read (EACCES: permission denied).`,
};

export function recovering(problem: RecoveryProblem, backups: RecoveryBackup[]): Recovering {
  return {
    recovering: true,
    problem,
    reason: REASONS[problem],
    collectionPath: COLLECTION_PATH,
    collectionExists: true,
    keptAsPrefix: 'collection.stratus.unusable-',
    backupsFolder: '/home/sam/.config/Stratus/backups',
    backups,
  };
}

export class RecoveryFake {
  quits = 0;
  /** What "Try again" finds: the collection opens (true) or the same problem is still there. */
  opensOnRetry = false;

  constructor(public state: Recovering) {}

  status(): Recovering {
    return structuredClone(this.state);
  }

  /** Like main: refuses names that are not listed and backups this app can't read. */
  restore(file: string): StartupRestoreResult {
    const backup = this.state.backups.find((b) => b.file === file);
    if (!backup) throw new Error(`There is no backup called "${file}".`);
    if (backup.problem === 'newer-version') throw new Error(`${this.state.backupsFolder}/${file}: was written by a newer version of Stratus (collection version 9, this app reads up to 6).`);
    return {
      restored: file,
      createdAt: backup.createdAt,
      keptAs: `${this.state.collectionPath}.unusable-2026-03-02-091500-000`,
      cards: backup.cards ?? 0,
      reviews: backup.reviews ?? 0,
    };
  }
}
