import type { Database } from 'better-sqlite3';
import { openCollection } from '../../electron/core/db/collection';
import { parseDeckSource } from '../../electron/core/deckSource';
import { installDeckSource } from '../../electron/core/decks';
import { updateSettings } from '../../electron/core/settings';
import { Study } from '../../electron/core/study';

/** A mutable clock the tests move by hand. */
export class TestClock {
  constructor(public now: number) {}
  readonly read = (): number => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
}

export const SAMPLE_DECK = `---
id: sample
name: Sample
---
## Basics
One :: 1
Two :: 2
Three :: 3
Four ::: 4
Five :: 5
`;

export function sampleCollection(now: number, settings: Record<string, unknown> = {}, text = SAMPLE_DECK) {
  const db: Database = openCollection(':memory:');
  const { deckId } = installDeckSource(db, parseDeckSource(text, 'sample.md'), now);
  if (Object.keys(settings).length) updateSettings(db, settings);
  const clock = new TestClock(now);
  return { db, deckId, clock, study: new Study(db, clock.read) };
}

export function reviewRows(db: Database) {
  return db.prepare('SELECT * FROM review ORDER BY id').all() as Record<string, number | string>[];
}

export function cardRow(db: Database, id: number) {
  return db.prepare('SELECT * FROM card WHERE id = ?').get(id) as Record<string, number | string | null>;
}
