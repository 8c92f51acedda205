// The recovery screen's state: shown instead of every other screen when main could not open the
// collection at start. Its way out is restoring a backup (main keeps the unusable file aside), or
// trying again (e.g. after closing the program that locked the file), or quitting. Once the
// collection opens, `onOpened` hands over to the normal app.

import type { RecoveryStatus, StartupRestoreResult, StratusApi } from '../../../electron/shared/contract';
import { errorMessage } from './format';

export type Recovering = Extract<RecoveryStatus, { recovering: true }>;

type RecoveryApi = Pick<StratusApi, 'recoveryStatus' | 'restoreBackupAtStartup' | 'retryOpenAtStartup' | 'quitAtStartup'>;

export class RecoveryState {
  status: Recovering;
  /** What is running now; the buttons wait for it. */
  busy = $state<'restore' | 'retry' | 'quit' | null>(null);
  /** The last call's failure, a user-facing sentence. */
  error = $state<string | null>(null);
  /** "Try again" found the same problem (said once, so a retry visibly did something). */
  stillClosed = $state(false);

  readonly #api: RecoveryApi;
  readonly #onOpened: (restored: StartupRestoreResult | null) => void;

  constructor(api: RecoveryApi, status: Recovering, onOpened: (restored: StartupRestoreResult | null) => void) {
    this.status = $state.raw(status);
    this.#api = api;
    this.#onOpened = onOpened;
  }

  /** Restores the backup `file` (a name from the list); true when the collection is open now. */
  async restore(file: string): Promise<boolean> {
    if (this.busy) return false;
    this.busy = 'restore';
    this.error = null;
    this.stillClosed = false;
    try {
      const restored = await this.#api.restoreBackupAtStartup({ file });
      this.#onOpened(restored);
      return true;
    } catch (error) {
      this.error = errorMessage(error);
      // Files may have moved (or the reason changed): show what is true now.
      await this.refresh();
      return false;
    } finally {
      this.busy = null;
    }
  }

  async retry(): Promise<void> {
    if (this.busy) return;
    this.busy = 'retry';
    this.error = null;
    this.stillClosed = false;
    try {
      const status = await this.#api.retryOpenAtStartup();
      if (!status.recovering) {
        this.#onOpened(null);
        return;
      }
      this.status = status;
      this.stillClosed = true;
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.busy = null;
    }
  }

  async quit(): Promise<void> {
    if (this.busy) return;
    this.busy = 'quit';
    this.error = null;
    try {
      await this.#api.quitAtStartup();
      // Main is closing the window; the buttons stay disabled until it does.
    } catch (error) {
      this.error = errorMessage(error);
      this.busy = null;
    }
  }

  async refresh(): Promise<void> {
    try {
      const status = await this.#api.recoveryStatus();
      if (status.recovering) this.status = status;
      else this.#onOpened(null);
    } catch {
      // The screen keeps what it showed; the error that led here is already on it.
    }
  }
}
