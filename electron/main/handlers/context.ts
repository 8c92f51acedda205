// What every group of IPC handlers gets: the open collection, the review engine and the clock.
// Handlers are thin: they call the core with plain values and return plain values.
import type { Database } from 'better-sqlite3';
import type { Study } from '../../core/study';
import type { ImportProgress } from '../../shared/contract';
import type { FileDialogs } from './dialogs';

export interface HandlerContext {
  db: Database;
  study: Study;
  /** Wall clock, epoch ms. */
  now: () => number;
  /** Electron's Open/Save dialogs on the app's window (absent where there is no window, e.g. unit tests). */
  dialogs?: FileDialogs;
  /** Tells the window how far a running import is (absent: nobody is told). */
  importProgress?: (progress: ImportProgress) => void;
}
