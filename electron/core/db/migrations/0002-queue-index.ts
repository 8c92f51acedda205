import type { Database } from 'better-sqlite3';

// Today's queue counts filter on suspended and buried_until as well as deck, state and due; with
// them in the index SQLite answers the counts from the index alone, without reading card rows.
export function updateToSchemaVersion2(db: Database): void {
  db.exec(`
    DROP INDEX card_deck_state_due;
    CREATE INDEX card_queue ON card(deck_id, state, due, suspended, buried_until);
  `);
}
