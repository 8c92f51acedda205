// Decks and their cards: look-ups for the CLI and the app, and installing a parsed deck source
// (the built-in decks) so that a changed source updates its cards in place.
import type { Database } from 'better-sqlite3';
import type { CardSchedule } from '../shared/contract';
import { CARD_COLUMNS, rowToMemory, toSchedule, type CardRow } from './cards';
import type { DeckSource } from './deckSource';
import { NotFoundError } from './errors';

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
  if (!found) throw new NotFoundError(`There is no deck called "${text}" (run the "decks" command to list them).`);
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
}

/**
 * Adds or updates a deck from its source in one transaction. Notes are matched by their stable
 * key, cards by (note, ord): edited text updates in place and keeps the card's review history.
 */
export function installDeckSource(db: Database, source: DeckSource, now: number): InstallResult {
  return db
    .transaction((): InstallResult => {
      const sourceId = `builtin:${source.id}`;
      const deckId = upsertDeck(db, sourceId, source.name, now);
      const result: InstallResult = { deckId, added: 0, updated: 0, unchanged: 0 };
      const findNote = db.prepare('SELECT id FROM note WHERE guid = ?');
      const insertNote = db.prepare('INSERT INTO note (deck_id, guid, tags, source_line, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
      const updateNote = db.prepare('UPDATE note SET tags = ?, source_line = ?, updated_at = ? WHERE id = ?');
      const findCard = db.prepare('SELECT id, front, back FROM card WHERE note_id = ? AND ord = ?');
      const insertCard = db.prepare('INSERT INTO card (note_id, deck_id, ord, front, back, position, due) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const updateCard = db.prepare('UPDATE card SET front = ?, back = ? WHERE id = ?');
      let position = (db.prepare('SELECT coalesce(max(position), 0) AS p FROM card WHERE deck_id = ?').get(deckId) as { p: number }).p;
      for (const note of source.notes) {
        const tags = note.tags.join(' ');
        const existing = findNote.get(note.key) as { id: number } | undefined;
        const noteId = existing ? existing.id : Number(insertNote.run(deckId, note.key, tags, note.line, now, now).lastInsertRowid);
        if (existing) updateNote.run(tags, note.line, now, noteId);
        for (const card of note.cards) {
          const old = findCard.get(noteId, card.ord) as { id: number; front: string; back: string } | undefined;
          if (!old) {
            insertCard.run(noteId, deckId, card.ord, card.front, card.back, ++position, now);
            result.added++;
          } else if (old.front !== card.front || old.back !== card.back) {
            updateCard.run(card.front, card.back, old.id);
            result.updated++;
          } else {
            result.unchanged++;
          }
        }
      }
      return result;
    })
    .immediate();
}

function upsertDeck(db: Database, sourceId: string, name: string, now: number): number {
  const row = db.prepare('SELECT id FROM deck WHERE source = ?').get(sourceId) as { id: number } | undefined;
  if (row) return row.id;
  return Number(db.prepare('INSERT INTO deck (name, source, created_at) VALUES (?, ?, ?)').run(name, sourceId, now).lastInsertRowid);
}
