// Start-up recovery over IPC: the four calls of the recovery screen, in two modes.
//
// - recoveryHandlers(): the group createHandlers() includes, for a window whose collection is
//   open (always, after a normal start): there is nothing to recover.
// - recoveryModeHandlers(ctx): the whole contract for a window whose collection could not be
//   opened. Only the recovery calls work; every other call is refused with one sentence, so no
//   handler ever touches a collection that is not open. A backup is named by its file name inside
//   the backups folder (backupPathByName refuses anything else), never by a path.
//
// Main registers one set of channels for the app's lifetime and switches from the second set to
// createHandlers() once the collection opens (ipc.ts, switchableHandlers).
import { backupPathByName, backupsFolder, backupTime, restoreWithoutOpening } from '../../core/backup';
import { StratusError } from '../../core/errors';
import { msg } from '../../core/messages';
import { recoveryStatus, type OpenFailure } from '../../core/recovery';
import { CHANNELS, type Channel, type RecoveryStatus, type StartupRestoreResult } from '../../shared/contract';
import type { Handlers } from '../ipc';

type RecoveryChannel = 'recoveryStatus' | 'restoreBackupAtStartup' | 'retryOpenAtStartup' | 'quitAtStartup';

const NOT_RECOVERING: RecoveryStatus = { recovering: false };

/** Normal mode: the collection is open and there is nothing to recover. */
export function recoveryHandlers() {
  const nothingToRecover = () => {
    throw new StratusError('invalid-argument', msg('recovery.nothingToRecover'));
  };
  return {
    recoveryStatus: () => NOT_RECOVERING,
    restoreBackupAtStartup: nothingToRecover,
    retryOpenAtStartup: () => NOT_RECOVERING,
    quitAtStartup: nothingToRecover,
  } satisfies Pick<Handlers, RecoveryChannel>;
}

export interface RecoveryContext {
  /** The collection file that could not be opened. */
  collectionPath: string;
  /** Why, from core/recovery.ts's diagnoseOpenFailure. */
  failure: OpenFailure;
  /** Wall clock, epoch ms. */
  now: () => number;
  /** better-sqlite3's binary for this runtime (Electron's), for reading the backups. */
  nativeBinding?: string;
  /**
   * Main's normal start path: opens the collection, switches IPC to the normal handlers and starts
   * the timers. Returns why it failed (nothing was switched), or null when the collection is open.
   */
  openNormally: () => OpenFailure | null;
  quit: () => void;
}

/** Recovery mode: every channel of the contract, of which only the recovery calls work. */
export function recoveryModeHandlers(ctx: RecoveryContext): Handlers {
  let failure = ctx.failure;
  let busy = false;
  const status = () => recoveryStatus(ctx.collectionPath, failure, ctx.nativeBinding ? { nativeBinding: ctx.nativeBinding } : {});
  const notOpen = () => {
    throw new StratusError('collection', msg('recovery.notOpen'));
  };
  // One restore or retry at a time: a second click must not move files under the first.
  const exclusive = async <T>(work: () => Promise<T> | T): Promise<T> => {
    if (busy) throw new StratusError('invalid-argument', msg('recovery.busy'));
    busy = true;
    try {
      return await work();
    } finally {
      busy = false;
    }
  };

  const recovery = {
    recoveryStatus: () => status(),
    restoreBackupAtStartup: ({ file }) =>
      exclusive(async (): Promise<StartupRestoreResult> => {
        const path = backupPathByName(backupsFolder(ctx.collectionPath), file);
        // Checks the backup fully, keeps the unusable file aside (renamed, never deleted) and puts
        // a copy brought up to this app's schema in its place.
        const restored = await restoreWithoutOpening(ctx.collectionPath, path, ctx.now());
        const again = ctx.openNormally();
        if (again) {
          failure = again;
          throw new StratusError('collection', msg('recovery.stillBroken', { reason: again.reasonMessage ?? again.reason }));
        }
        return { restored: file, createdAt: new Date(backupTime(file)!).toISOString(), keptAs: restored.keptAs, cards: restored.cards, reviews: restored.reviews };
      }),
    retryOpenAtStartup: () =>
      exclusive(() => {
        const again = ctx.openNormally();
        if (!again) return NOT_RECOVERING;
        failure = again;
        return status();
      }),
    quitAtStartup: () => ctx.quit(),
  } satisfies Pick<Handlers, RecoveryChannel>;

  const refused = Object.fromEntries(CHANNELS.map((name: Channel) => [name, notOpen])) as unknown as Handlers;
  return { ...refused, ...recovery };
}
