// What every group of IPC handlers gets: the open collection, the review engine and the clock.
// Handlers are thin: they call the core with plain values and return plain values.
import type { Database } from 'better-sqlite3';
import type { Study } from '../../core/study';

export interface HandlerContext {
  db: Database;
  study: Study;
  /** Wall clock, epoch ms. */
  now: () => number;
}
