// Creating, renaming, nesting and deleting decks. Nesting is by name, as in Anki: "AWS::Security"
// is a child of "AWS"; creating or renaming into a child creates its missing parents, renaming a
// parent renames its children, and deleting a deck deletes its children with all their cards.
// Every change is one transaction and can be undone (undoLog.ts).
import type { Database } from 'better-sqlite3';
import type { DeckDeleted, DeckInfo } from '../shared/contract';
import { InvalidArgumentError, NotFoundError } from './errors';
import { msg } from './messages';
import { plural } from './presets';
import { recordAction, type ActionLog } from './undoLog';

export const SEPARATOR = '::';
export const MAX_DECK_NAME = 200;

/** Trims each part of a deck name; refuses empty names and empty parts ("A::::B"). */
export function normalizeDeckName(name: string): string {
  const parts = name.split(SEPARATOR).map((p) => p.trim().replace(/\s+/g, ' '));
  if (parts.every((p) => p === '')) throw new InvalidArgumentError(msg('deck.nameMissing'));
  if (parts.some((p) => p === '')) throw new InvalidArgumentError(msg('deck.nameEmptyPart', { name: name.trim() }));
  const clean = parts.join(SEPARATOR);
  if (clean.length > MAX_DECK_NAME) throw new InvalidArgumentError(msg('deck.nameTooLong', { max: MAX_DECK_NAME }));
  return clean;
}

/** "A::B::C" → ["A", "A::B"]. */
function ancestors(name: string): string[] {
  const parts = name.split(SEPARATOR);
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join(SEPARATOR));
}

function deckByName(db: Database, name: string): { id: number; name: string } | undefined {
  return db.prepare('SELECT id, name FROM deck WHERE name = ? COLLATE NOCASE').get(name) as { id: number; name: string } | undefined;
}

function requireDeck(db: Database, deckId: number): { id: number; name: string; source: string | null } {
  const row = db.prepare('SELECT id, name, source FROM deck WHERE id = ?').get(deckId) as { id: number; name: string; source: string | null } | undefined;
  if (!row) throw new NotFoundError(msg('deck.notFound', { id: String(deckId) }));
  return row;
}

/** Creates the missing parents of `name`; returns their ids. */
function createParents(db: Database, name: string, now: number): number[] {
  const made: number[] = [];
  for (const parent of ancestors(name)) {
    if (!deckByName(db, parent)) made.push(Number(db.prepare('INSERT INTO deck (name, created_at) VALUES (?, ?)').run(parent, now).lastInsertRowid));
  }
  return made;
}

export function createDeck(db: Database, name: string, now: number): DeckInfo {
  const clean = normalizeDeckName(name);
  const id = db
    .transaction(() => {
      const existing = deckByName(db, clean);
      if (existing) throw new InvalidArgumentError(msg('deck.exists', { name: existing.name }));
      return recordAction(db, now, { kind: 'createDeck', label: `Create deck "${clean}"`, count: 1 }, (log) => {
        const parents = createParents(db, clean, now);
        const deckId = Number(db.prepare('INSERT INTO deck (name, created_at) VALUES (?, ?)').run(clean, now).lastInsertRowid);
        log.insert('deck', [...parents, deckId]);
        return deckId;
      });
    })
    .immediate();
  return deckInfo(db, id);
}

/** Renames a deck (moving it under another parent when the prefix changes); its children follow. */
export function renameDeck(db: Database, deckId: number, name: string, now: number): DeckInfo {
  const clean = normalizeDeckName(name);
  db.transaction(() => {
    const deck = requireDeck(db, deckId);
    if (deck.name === clean) return;
    const lowerOld = deck.name.toLowerCase();
    if (clean.toLowerCase().startsWith(`${lowerOld}${SEPARATOR}`)) {
      throw new InvalidArgumentError(msg('deck.intoItself', { name: deck.name }));
    }
    const family = (db.prepare('SELECT id, name FROM deck').all() as { id: number; name: string }[]).filter(
      (d) => d.id === deck.id || d.name.toLowerCase().startsWith(`${lowerOld}${SEPARATOR}`),
    );
    const renamed = family.map((d) => ({ id: d.id, name: clean + d.name.slice(deck.name.length) }));
    for (const r of renamed) {
      const clash = deckByName(db, r.name);
      if (clash && !family.some((f) => f.id === clash.id)) throw new InvalidArgumentError(msg('deck.exists', { name: clash.name }));
    }
    recordAction(db, now, { kind: 'renameDeck', label: `Rename deck "${deck.name}" to "${clean}"`, count: family.length }, (log) => {
      log.update('deck', ['name'], 'id IN (SELECT value FROM json_each(?))', [JSON.stringify(family.map((f) => f.id))]);
      // Through temporary names, so a rename that only swaps case or shuffles children never
      // trips over the UNIQUE name of a row renamed later in the loop.
      const set = db.prepare('UPDATE deck SET name = ? WHERE id = ?');
      for (const r of renamed) set.run(`\u{f8ff}stratus-renaming-${r.id}`, r.id);
      for (const r of renamed) set.run(r.name, r.id);
      log.insert('deck', createParents(db, clean, now));
    });
  }).immediate();
  return deckInfo(db, deckId);
}

/** Deletes a deck and its children with all their cards, notes left without cards and history. Undoable. */
export function deleteDeck(db: Database, deckId: number, now: number): DeckDeleted {
  return db
    .transaction(() => {
      const deck = requireDeck(db, deckId);
      const ids = [deck.id, ...descendants(db, deck.name).map((d) => d.id)];
      const json = JSON.stringify(ids);
      const counts = db
        .prepare(`SELECT count(*) AS cards, (SELECT count(*) FROM review WHERE card_id IN (SELECT id FROM card WHERE deck_id IN (SELECT value FROM json_each(@decks)))) AS reviews
          FROM card WHERE deck_id IN (SELECT value FROM json_each(@decks))`)
        .get({ decks: json }) as { cards: number; reviews: number };
      const label = `Delete deck "${deck.name}"${ids.length > 1 ? ` and ${plural(ids.length - 1, 'child deck')}` : ''} (${plural(counts.cards, 'card')})`;
      const notes = recordAction(db, now, { kind: 'deleteDeck', label, count: ids.length }, (log) => deleteDeckRows(db, log, json));
      return { decks: ids.length, notes, cards: counts.cards, reviews: counts.reviews };
    })
    .immediate();
}

function descendants(db: Database, name: string): { id: number; name: string }[] {
  const prefix = `${name.toLowerCase()}${SEPARATOR}`;
  return (db.prepare('SELECT id, name FROM deck').all() as { id: number; name: string }[]).filter((d) => d.name.toLowerCase().startsWith(prefix));
}

/**
 * Deletes decks (ids as JSON) with their cards, children first in the log. A note whose own deck
 * goes but which keeps cards elsewhere moves to one of those decks (the schema would otherwise
 * cascade it away); notes left without cards are deleted. Returns the notes deleted.
 */
function deleteDeckRows(db: Database, log: ActionLog, json: string): number {
  const inDecks = 'SELECT value FROM json_each(?)';
  const keep = `deck_id IN (${inDecks}) AND EXISTS (SELECT 1 FROM card k WHERE k.note_id = note.id AND k.deck_id NOT IN (${inDecks}))`;
  log.update('note', ['deck_id'], keep, [json, json]);
  db.prepare(`UPDATE note SET deck_id = (SELECT k.deck_id FROM card k WHERE k.note_id = note.id AND k.deck_id NOT IN (${inDecks}) ORDER BY k.ord LIMIT 1) WHERE ${keep}`).run(json, json, json);
  const noteIds = JSON.stringify(db.prepare(`SELECT DISTINCT note_id FROM card WHERE deck_id IN (${inDecks})`).pluck().all(json));
  const cards = `SELECT id FROM card WHERE deck_id IN (${inDecks})`;
  log.update('practice_answer', ['card_id'], `card_id IN (${cards})`, [json]);
  log.delete('review', `card_id IN (${cards})`, [json]);
  log.delete('card', `deck_id IN (${inDecks})`, [json]);
  const notes = log.delete('note', `(id IN (${inDecks}) AND NOT EXISTS (SELECT 1 FROM card k WHERE k.note_id = note.id)) OR deck_id IN (${inDecks})`, [noteIds, json]);
  log.delete('deck_domain', `deck_id IN (${inDecks})`, [json]);
  log.delete('deck', `id IN (${inDecks})`, [json]);
  return notes;
}

interface TreeRow {
  id: number;
  name: string;
  source: string | null;
  preset_id: number;
  preset: string;
  cards: number;
}

/** Every deck with its place in the tree, preset and card count, sorted by name (parents before children). */
export function deckTree(db: Database): DeckInfo[] {
  const rows = db
    .prepare(`SELECT d.id, d.name, d.source, p.id AS preset_id, p.name AS preset,
        (SELECT count(*) FROM card c WHERE c.deck_id = d.id) AS cards
      FROM deck d JOIN deck_preset p ON p.id = coalesce(d.preset_id, 1)`)
    .all() as TreeRow[];
  const byName = new Map(rows.map((r) => [r.name.toLowerCase(), r]));
  const sortKey = (name: string) => name.toLowerCase().split(SEPARATOR);
  rows.sort((a, b) => {
    const ka = sortKey(a.name);
    const kb = sortKey(b.name);
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
      const c = ka[i]!.localeCompare(kb[i]!);
      if (c) return c;
    }
    return ka.length - kb.length;
  });
  return rows.map((r) => {
    const parts = r.name.split(SEPARATOR);
    // The nearest ancestor that exists (an imported "A::B" may lack "A" until the check repairs it).
    const parent = ancestors(r.name).reverse().map((a) => byName.get(a.toLowerCase())).find(Boolean);
    return {
      id: r.id,
      name: r.name,
      leafName: parts[parts.length - 1]!,
      depth: parts.length - 1,
      parentId: parent?.id ?? null,
      presetId: r.preset_id,
      presetName: r.preset,
      cards: r.cards,
      builtin: r.source?.startsWith('builtin:') ?? false,
    };
  });
}

export function deckInfo(db: Database, deckId: number): DeckInfo {
  const info = deckTree(db).find((d) => d.id === deckId);
  if (!info) throw new NotFoundError(msg('deck.notFound', { id: String(deckId) }));
  return info;
}
