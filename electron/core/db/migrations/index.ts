import type { Database } from 'better-sqlite3';
import { updateToSchemaVersion1 } from './0001-initial';
import { updateToSchemaVersion2 } from './0002-queue-index';
import { updateToSchemaVersion3 } from './0003-exam';
import { updateToSchemaVersion4 } from './0004-note-fields';
import { updateToSchemaVersion5 } from './0005-practice';
import { updateToSchemaVersion6 } from './0006-collection-admin';
import { updateToSchemaVersion7 } from './0007-tag-domain';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

// Append-only: never edit or reorder a shipped migration; add the next number at the end.
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: updateToSchemaVersion1 },
  { version: 2, name: 'queue-index', up: updateToSchemaVersion2 },
  { version: 3, name: 'exam', up: updateToSchemaVersion3 },
  { version: 4, name: 'note-fields', up: updateToSchemaVersion4 },
  { version: 5, name: 'practice', up: updateToSchemaVersion5 },
  { version: 6, name: 'collection-admin', up: updateToSchemaVersion6 },
  { version: 7, name: 'tag-domain', up: updateToSchemaVersion7 },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Throws at start-up if someone edits the list out of order. */
export function assertMonotonic(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}, expected ${i + 1}.`);
  });
}
