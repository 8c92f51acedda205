// Decks and their cards: look-ups for the CLI and the app, and installing a parsed deck source
// (the built-in decks) so that a changed source updates its cards in place.
import type { Database } from 'better-sqlite3';
import type { CardSchedule } from '../shared/contract';
import { CARD_COLUMNS, rowToMemory, toSchedule, type CardRow } from './cards';
import type { DeckSource } from './deckSource';
import { NotFoundError } from './errors';
import { msg } from './messages';

export interface DeckRef {
  id: number;
  name: string;
}

/** A deck by numeric id or by name (case-insensitive). */
export function resolveDeck(db: Database, idOrName: string | number): DeckRef {
  const text = String(idOrName).trim();
  const row = /^\d+$/.test(text)
    ? (db.prepare('SELECT id, name FROM deck WHERE id = ?').get(Number(text)) as DeckRef | undefined)
    : undefined;
  const found = row ?? (db.prepare('SELECT id, name FROM deck WHERE name = ? COLLATE NOCASE').get(text) as DeckRef | undefined);
  if (!found) throw new NotFoundError(msg('deck.notFoundByName', { name: text }));
  return found;
}

export interface CardListing extends CardSchedule {
  front: string;
  back: string;
  tags: string[];
}

export function listCards(db: Database, deckId: number): CardListing[] {
  const rows = db
    .prepare(`SELECT ${CARD_COLUMNS.split(', ').map((c) => `c.${c}`).join(', ')}, n.tags AS tags
      FROM card c JOIN note n ON n.id = c.note_id WHERE c.deck_id = ? ORDER BY c.position, c.id`)
    .all(deckId) as (CardRow & { tags: string })[];
  return rows.map((r) => ({
    ...toSchedule(r.id, rowToMemory(r)),
    front: r.front,
    back: r.back,
    tags: r.tags.split(' ').filter(Boolean),
  }));
}

export interface InstallResult {
  deckId: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Cards no longer in the source: deleted when never reviewed, suspended (history kept) otherwise. */
  removed: number;
  suspended: number;
}

/** Tag on a note whose cards were suspended because the source no longer has it. */
const REMOVED_TAG = 'removed-from-source';

/**
 * Adds or updates a deck from its source in one transaction. Notes are matched by their stable
 * key, cards by (note, ord): edited text updates in place and keeps the card's review history.
 * Cards the source no longer makes are deleted if they were never reviewed; reviewed ones are
 * suspended and keep their history (and come back if the source brings them back).
 */
export function installDeckSource(db: Database, source: DeckSource, now: number): InstallResult {
  return db
    .transaction((): InstallResult => {
      const sourceId = `builtin:${source.id}`;
      const deckId = upsertDeck(db, sourceId, source.name, now);
      const result: InstallResult = { deckId, added: 0, updated: 0, unchanged: 0, removed: 0, suspended: 0 };
      const findNote = db.prepare('SELECT id, tags FROM note WHERE guid = ?');
      // The note's kind, fields and source file arrived with schema version 4; the migration tests
      // still seed older collections through here, so those columns are written only when present.
      const v4 = (db.prepare("SELECT count(*) AS n FROM pragma_table_info('note') WHERE name = 'fields'").get() as { n: number }).n > 0;
      const insertNote = v4
        ? db.prepare(`INSERT INTO note (deck_id, guid, tags, source_line, created_at, updated_at, kind, fields, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        : db.prepare('INSERT INTO note (deck_id, guid, tags, source_line, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
      const updateNote = v4
        ? db.prepare('UPDATE note SET tags = ?, source_line = ?, updated_at = ?, kind = ?, fields = ?, source = ? WHERE id = ?')
        : db.prepare('UPDATE note SET tags = ?, source_line = ?, updated_at = ? WHERE id = ?');
      const findCard = db.prepare('SELECT id, front, back FROM card WHERE note_id = ? AND ord = ?');
      const insertCard = db.prepare('INSERT INTO card (note_id, deck_id, ord, front, back, position, due) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const updateCard = db.prepare('UPDATE card SET front = ?, back = ? WHERE id = ?');
      const unsuspendNote = db.prepare('UPDATE card SET suspended = 0 WHERE note_id = ?');
      let position = (db.prepare('SELECT coalesce(max(position), 0) AS p FROM card WHERE deck_id = ?').get(deckId) as { p: number }).p;
      const keep = new Set<number>();
      for (const note of source.notes) {
        const tags = note.tags.join(' ');
        const fields = JSON.stringify(note.fields);
        const existing = findNote.get(note.key) as { id: number; tags: string } | undefined;
        const extra = v4 ? [note.kind, fields, source.file] : [];
        const noteId = existing ? existing.id : Number(insertNote.run(deckId, note.key, tags, note.line, now, now, ...extra).lastInsertRowid);
        if (existing) {
          updateNote.run(tags, note.line, now, ...extra, noteId);
          if (existing.tags.split(' ').includes(REMOVED_TAG)) unsuspendNote.run(noteId);
        }
        for (const card of note.cards) {
          const old = findCard.get(noteId, card.ord) as { id: number; front: string; back: string } | undefined;
          if (!old) {
            keep.add(Number(insertCard.run(noteId, deckId, card.ord, card.front, card.back, ++position, now).lastInsertRowid));
            result.added++;
            continue;
          }
          keep.add(old.id);
          if (old.front !== card.front || old.back !== card.back) {
            updateCard.run(card.front, card.back, old.id);
            result.updated++;
          } else {
            result.unchanged++;
          }
        }
      }
      retireCards(db, deckId, `${source.id}:`, keep, result);
      return result;
    })
    .immediate();
}

/**
 * Cards of a built-in deck that its source no longer makes. Only notes the source made (their key
 * starts with the deck id) are considered: cards a user added or imported into the deck stay.
 */
function retireCards(db: Database, deckId: number, keyPrefix: string, keep: Set<number>, result: InstallResult): void {
  const cards = db
    .prepare(`SELECT c.id, c.note_id AS noteId, c.suspended, EXISTS (SELECT 1 FROM review r WHERE r.card_id = c.id) AS reviewed
      FROM card c JOIN note n ON n.id = c.note_id WHERE c.deck_id = ? AND substr(n.guid, 1, ?) = ?`)
    .all(deckId, keyPrefix.length, keyPrefix) as { id: number; noteId: number; suspended: number; reviewed: number }[];
  const del = db.prepare('DELETE FROM card WHERE id = ?');
  const suspend = db.prepare('UPDATE card SET suspended = 1 WHERE id = ?');
  const mark = db.prepare(`UPDATE note SET tags = trim(tags || ' ' || ?) WHERE id = ? AND (' ' || tags || ' ') NOT LIKE ?`);
  for (const c of cards) {
    if (keep.has(c.id)) continue;
    if (c.reviewed) {
      if (!c.suspended) {
        suspend.run(c.id);
        result.suspended++;
      }
      mark.run(REMOVED_TAG, c.noteId, `% ${REMOVED_TAG} %`);
    } else {
      del.run(c.id);
      result.removed++;
    }
  }
  db.prepare('DELETE FROM note WHERE deck_id = ? AND substr(guid, 1, ?) = ? AND NOT EXISTS (SELECT 1 FROM card c WHERE c.note_id = note.id)').run(deckId, keyPrefix.length, keyPrefix);
}

function upsertDeck(db: Database, sourceId: string, name: string, now: number): number {
  const row = db.prepare('SELECT id FROM deck WHERE source = ?').get(sourceId) as { id: number } | undefined;
  if (row) return row.id;
  return Number(db.prepare('INSERT INTO deck (name, source, created_at) VALUES (?, ?, ?)').run(name, sourceId, now).lastInsertRowid);
}
