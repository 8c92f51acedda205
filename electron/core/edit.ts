// Adding and editing notes, the editor's preview, card info and the review screen's card marks.
//
// Notes of kind basic / reversed / cloze keep their fields and their cards follow them: basic is
// [front, back] → one card; reversed adds the back→front card (ord 1); cloze is [text, extra] with
// Anki's {{c1::answer::hint}}, one card per number (ord = number − 1). Notes from built-in decks and
// the notes generator have no editable fields: each card's two sides are edited directly.
// Adds and edits are logged for undo (undoLog.ts).
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { CardInfo, CardPreview, CardReviewEntry, CardStatus, EditableNoteKind, NoteDetail, NoteInput, NoteKind, NoteUpdate } from '../shared/contract';
import { deleteNoteRows, MARKED_TAG, splitTags, cleanTags } from './browse';
import { InvalidArgumentError, NotFoundError } from './errors';
import { msg } from './messages';
import { getActiveExam } from './exam/profile';
import { examDayStart } from './exam/readiness';
import { presetOfDeck } from './presets';
import { renderCardHtml } from './render';
import { RATING_NAMES, STATE_NAMES, type StateCode } from './scheduler';
import { curveFor } from './search';
import { getAppSettings } from './settings';
import { DAY } from './time';
import { recordAction } from './undoLog';

export const EDITABLE_KINDS: readonly EditableNoteKind[] = ['basic', 'reversed', 'cloze'];
/** Longest side accepted (about 100 pages of text); longer input is almost certainly a paste gone wrong. */
export const MAX_FIELD = 200_000;

export interface GeneratedSide {
  ord: number;
  front: string;
  back: string;
}

const CLOZE = /\{\{c(\d+)::([\s\S]*?)(?:::([^{}]*?))?\}\}/g;

/** The cloze numbers used in a text, ascending. */
export function clozeNumbers(text: string): number[] {
  return [...new Set([...text.matchAll(CLOZE)].map((m) => Number(m[1])))].filter((n) => n >= 1).sort((a, b) => a - b);
}

/**
 * One card per cloze number: the front hides that number's answers as "[...]" (or "[hint]") and
 * shows the other answers; the back shows the whole text with the answers in bold, then the extra.
 */
export function clozeSides(text: string, extra: string): GeneratedSide[] {
  return clozeNumbers(text).map((n) => {
    const front = text.replace(CLOZE, (_all, num: string, answer: string, hint?: string) => (Number(num) === n ? (hint?.trim() ? `[${hint.trim()}]` : '[...]') : answer));
    const revealed = text.replace(CLOZE, (_all, num: string, answer: string) => (Number(num) === n ? `**${answer}**` : answer));
    return { ord: n - 1, front, back: extra.trim() ? `${revealed}\n\n${extra}` : revealed };
  });
}

/** The cards a note's fields make; `strict` refuses empty or incomplete fields (saving), preview is lenient. */
export function sidesFromFields(kind: EditableNoteKind, fields: readonly string[], strict = true): GeneratedSide[] {
  if (!EDITABLE_KINDS.includes(kind)) throw new InvalidArgumentError(msg('note.badKind', { kind }));
  if (fields.length > 2) throw new InvalidArgumentError(msg('note.tooManyFields', { kind, count: fields.length }));
  const tooLong = fields.findIndex((f) => f.length > MAX_FIELD);
  if (tooLong >= 0) throw new InvalidArgumentError(msg('note.fieldTooLong', { field: String(tooLong + 1), max: MAX_FIELD }));
  const [first = '', second = ''] = fields;
  if (kind === 'cloze') {
    const sides = clozeSides(first, second);
    if (strict && sides.length === 0) throw new InvalidArgumentError(msg('note.clozeEmpty', { example: '{{c1::answer}}' }));
    return sides;
  }
  if (strict && !first.trim()) throw new InvalidArgumentError(msg('note.frontEmpty'));
  if (strict && kind === 'reversed' && !second.trim()) throw new InvalidArgumentError(msg('note.backEmptyReversed'));
  const sides = [{ ord: 0, front: first, back: second }];
  if (kind === 'reversed') sides.push({ ord: 1, front: second, back: first });
  return sides;
}

/** The editor's live preview: what each card of these fields will look like. */
export function previewNote(kind: EditableNoteKind, fields: readonly string[]): CardPreview[] {
  return sidesFromFields(kind, fields, false).map((s) => ({ ord: s.ord, front: renderCardHtml(s.front), back: renderCardHtml(s.back) }));
}

interface NoteRow {
  id: number;
  deck_id: number;
  deck: string;
  kind: NoteKind;
  fields: string;
  tags: string;
  created_at: number;
  updated_at: number;
  source: string | null;
}

function noteRow(db: Database, noteId: number): NoteRow {
  const row = db
    .prepare('SELECT n.id, n.deck_id, d.name AS deck, n.kind, n.fields, n.tags, n.created_at, n.updated_at, n.source FROM note n JOIN deck d ON d.id = n.deck_id WHERE n.id = ?')
    .get(noteId) as NoteRow | undefined;
  if (!row) throw new NotFoundError(msg('note.notFound', { id: String(noteId) }));
  return row;
}

/** The fields of a note whose cards follow them, or null when its cards are edited one by one. */
function editableFields(row: Pick<NoteRow, 'kind' | 'fields'>): string[] | null {
  if (!EDITABLE_KINDS.includes(row.kind as EditableNoteKind)) return null;
  let fields: unknown;
  try {
    fields = JSON.parse(row.fields);
  } catch {
    return null;
  }
  return Array.isArray(fields) && fields.length > 0 && fields.every((f) => typeof f === 'string') ? (fields as string[]) : null;
}

export function getNote(db: Database, noteId: number): NoteDetail {
  const row = noteRow(db, noteId);
  const cards = db.prepare('SELECT id, ord, deck_id, front, back, state FROM card WHERE note_id = ? ORDER BY ord').all(noteId) as {
    id: number;
    ord: number;
    deck_id: number;
    front: string;
    back: string;
    state: StateCode;
  }[];
  const builtin = (db.prepare('SELECT source FROM deck WHERE id = ?').pluck().get(row.deck_id) as string | null)?.startsWith('builtin:');
  return {
    id: row.id,
    deckId: row.deck_id,
    deck: row.deck,
    kind: row.kind,
    fields: editableFields(row),
    tags: splitTags(row.tags),
    added: new Date(row.created_at).toISOString(),
    edited: new Date(row.updated_at).toISOString(),
    source: row.source ?? (builtin ? 'built-in deck' : null),
    cards: cards.map((c) => ({ id: c.id, ord: c.ord, deckId: c.deck_id, front: c.front, back: c.back, state: STATE_NAMES[c.state]! })),
  };
}

/** Adds a note and its cards at the end of the deck's new queue. Undoable. */
export function addNote(db: Database, input: NoteInput, now: number): NoteDetail {
  const noteId = db
    .transaction(() => {
      const deck = db.prepare('SELECT id FROM deck WHERE id = ?').get(input.deckId);
      if (!deck) throw new NotFoundError(msg('deck.notFound', { id: String(input.deckId) }));
      const sides = sidesFromFields(input.kind, input.fields);
      const tags = cleanTags(input.tags);
      // Always two fields: [front, back] or [cloze text, extra].
      const fields = [input.fields[0] ?? '', input.fields[1] ?? ''];
      return recordAction(db, now, { kind: 'addNote', label: `Add note (${sides.length === 1 ? '1 card' : `${sides.length} cards`})`, count: sides.length }, (log) => {
        const id = Number(
          db
            .prepare('INSERT INTO note (deck_id, guid, tags, created_at, updated_at, kind, fields) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(input.deckId, `stratus:${randomUUID()}`, tags.join(' '), now, now, input.kind, JSON.stringify(fields)).lastInsertRowid,
        );
        insertCards(db, id, input.deckId, sides, now);
        // Deleting the note on undo deletes its cards with it.
        log.insert('note', [id]);
        return id;
      });
    })
    .immediate();
  return getNote(db, noteId);
}

function insertCards(db: Database, noteId: number, deckId: number, sides: GeneratedSide[], now: number): number[] {
  let position = db.prepare('SELECT coalesce(max(position), 0) FROM card WHERE deck_id = ?').pluck().get(deckId) as number;
  const insert = db.prepare('INSERT INTO card (note_id, deck_id, ord, front, back, position, due) VALUES (?, ?, ?, ?, ?, ?, ?)');
  return sides.map((s) => Number(insert.run(noteId, deckId, s.ord, s.front, s.back, ++position, now).lastInsertRowid));
}

/**
 * Saves an edited note: tags, and either its fields (the cards follow: changed sides are updated in
 * place and keep their history, new cloze numbers add cards, removed ones delete theirs) or the
 * sides of single cards. One transaction, undoable; nothing changes when a value is refused.
 */
export function updateNote(db: Database, update: NoteUpdate, now: number): NoteDetail {
  db.transaction(() => {
    const row = noteRow(db, update.noteId);
    const fields = editableFields(row);
    const existing = db.prepare('SELECT id, ord, deck_id, front, back FROM card WHERE note_id = ? ORDER BY ord').all(row.id) as {
      id: number;
      ord: number;
      deck_id: number;
      front: string;
      back: string;
    }[];
    const tags = update.tags === undefined ? splitTags(row.tags) : cleanTags(update.tags);
    const tagsChanged = tags.join(' ') !== splitTags(row.tags).join(' ');

    const changedSides: { id: number; front: string; back: string }[] = [];
    let added: GeneratedSide[] = [];
    let removed: number[] = [];
    let newFields = fields;
    if (update.fields !== undefined) {
      if (!fields) throw new InvalidArgumentError(msg('note.noFields', { id: String(row.id) }));
      const sides = sidesFromFields(row.kind as EditableNoteKind, update.fields);
      newFields = [update.fields[0] ?? '', update.fields[1] ?? ''];
      for (const s of sides) {
        const card = existing.find((c) => c.ord === s.ord);
        if (card && (card.front !== s.front || card.back !== s.back)) changedSides.push({ id: card.id, front: s.front, back: s.back });
      }
      added = sides.filter((s) => !existing.some((c) => c.ord === s.ord));
      removed = existing.filter((c) => !sides.some((s) => s.ord === c.ord)).map((c) => c.id);
    }
    for (const c of update.cards ?? []) {
      const card = existing.find((e) => e.id === c.id);
      if (!card) throw new InvalidArgumentError(msg('note.cardNotOfNote', { card: String(c.id), note: String(row.id) }));
      if (!c.front.trim()) throw new InvalidArgumentError(msg('note.cardFrontEmpty', { card: String(c.id) }));
      if (c.front.length > MAX_FIELD || c.back.length > MAX_FIELD) throw new InvalidArgumentError(msg('note.cardSideTooLong', { card: String(c.id), max: MAX_FIELD }));
      if (card.front !== c.front || card.back !== c.back) changedSides.push({ id: c.id, front: c.front, back: c.back });
    }
    const fieldsChanged = JSON.stringify(newFields) !== JSON.stringify(fields);
    if (!tagsChanged && !fieldsChanged && changedSides.length === 0 && added.length === 0 && removed.length === 0) return;

    recordAction(db, now, { kind: 'editNote', label: `Edit note ${row.id}`, count: Math.max(1, existing.length + added.length) }, (log) => {
      log.update('note', ['tags', 'fields', 'updated_at'], 'id = ?', [row.id]);
      db.prepare('UPDATE note SET tags = ?, fields = ?, updated_at = ? WHERE id = ?').run(tags.join(' '), newFields ? JSON.stringify(newFields) : row.fields, now, row.id);
      if (changedSides.length) {
        log.update('card', ['front', 'back'], 'id IN (SELECT value FROM json_each(?))', [JSON.stringify(changedSides.map((c) => c.id))]);
        const set = db.prepare('UPDATE card SET front = ?, back = ? WHERE id = ?');
        for (const c of changedSides) set.run(c.front, c.back, c.id);
      }
      if (removed.length) {
        const ids = JSON.stringify(removed);
        log.update('practice_answer', ['card_id'], 'card_id IN (SELECT value FROM json_each(?))', [ids]);
        log.delete('review', 'card_id IN (SELECT value FROM json_each(?))', [ids]);
        log.delete('card', 'id IN (SELECT value FROM json_each(?))', [ids]);
      }
      if (added.length) log.insert('card', insertCards(db, row.id, existing[0]?.deck_id ?? row.deck_id, added, now));
    });
  }).immediate();
  return getNote(db, update.noteId);
}

/** Deletes notes with all their cards and history, one transaction, undoable (the editor's delete). */
export function deleteNotes(db: Database, noteIds: number[], now: number): { notes: number; cards: number } {
  return db
    .transaction(() => {
      const ids = JSON.stringify([...new Set(noteIds)]);
      const found = db.prepare('SELECT count(*) FROM note WHERE id IN (SELECT value FROM json_each(?))').pluck().get(ids) as number;
      if (found !== new Set(noteIds).size) throw new NotFoundError(msg('note.someGone'));
      const cards = db.prepare('SELECT count(*) FROM card WHERE note_id IN (SELECT value FROM json_each(?))').pluck().get(ids) as number;
      recordAction(db, now, { kind: 'delete', label: `Delete ${found === 1 ? '1 note' : `${found} notes`}`, count: cards }, (log) => deleteNoteRows(log, ids));
      return { notes: found, cards };
    })
    .immediate();
}

interface InfoRow {
  id: number;
  note_id: number;
  deck_id: number;
  deck: string;
  front: string;
  back: string;
  tags: string;
  state: StateCode;
  suspended: number;
  buried_until: number | null;
  flag: number;
  due: number;
  position: number;
  scheduled_days: number;
  stability: number;
  difficulty: number;
  reps: number;
  lapses: number;
  last_review: number | null;
  created_at: number;
}

/** Everything the card info panel shows, with the full review history (newest first). */
export function cardInfo(db: Database, cardId: number, now: number): CardInfo {
  const c = db
    .prepare(`SELECT c.id, c.note_id, c.deck_id, d.name AS deck, c.front, c.back, n.tags, c.state, c.suspended, c.buried_until, c.flag,
        c.due, c.position, c.scheduled_days, c.stability, c.difficulty, c.reps, c.lapses, c.last_review, n.created_at
      FROM card c JOIN note n ON n.id = c.note_id JOIN deck d ON d.id = c.deck_id WHERE c.id = ?`)
    .get(cardId) as InfoRow | undefined;
  if (!c) throw new NotFoundError(msg('card.notFound', { id: String(cardId) }));
  const reviews = db
    .prepare('SELECT reviewed_at, rating, state_before, scheduled_days, stability, difficulty, elapsed_days, duration_ms, origin FROM review WHERE card_id = ? ORDER BY reviewed_at DESC, id DESC')
    .all(cardId) as {
    reviewed_at: number;
    rating: number;
    state_before: StateCode;
    scheduled_days: number;
    stability: number;
    difficulty: number;
    elapsed_days: number;
    duration_ms: number;
    origin: 'app' | 'import';
  }[];
  const tags = splitTags(c.tags);
  const reviewed = c.state !== 0 && c.last_review !== null;
  const curve = curveFor(db, c.deck_id);
  const exam = getActiveExam(db);
  let examDay: CardInfo['examDay'] = null;
  if (exam?.examDate) {
    const at = examDayStart(exam.examDate, getAppSettings(db).dayStartHour);
    examDay = { date: exam.examDate, retrievability: reviewed ? curve((at - c.last_review!) / DAY, c.stability) : null };
  }
  const totalTimeMs = reviews.reduce((a, r) => a + r.duration_ms, 0);
  const entries: CardReviewEntry[] = reviews.map((r) => ({
    at: new Date(r.reviewed_at).toISOString(),
    rating: RATING_NAMES[r.rating]!,
    state: STATE_NAMES[r.state_before]!,
    interval: r.scheduled_days,
    stability: r.stability,
    difficulty: r.difficulty,
    elapsedDays: r.elapsed_days,
    durationMs: r.duration_ms,
    origin: r.origin,
  }));
  return {
    id: c.id,
    noteId: c.note_id,
    deckId: c.deck_id,
    deck: c.deck,
    preset: presetOfDeck(db, c.deck_id).name,
    front: renderCardHtml(c.front),
    back: renderCardHtml(c.back),
    tags,
    state: STATE_NAMES[c.state]!,
    suspended: c.suspended === 1,
    buried: c.buried_until !== null && c.buried_until > now,
    flag: c.flag,
    marked: tags.some((t) => t.toLowerCase() === MARKED_TAG),
    added: new Date(c.created_at).toISOString(),
    due: c.state === 0 ? null : new Date(c.due).toISOString(),
    position: c.state === 0 ? c.position : null,
    interval: c.scheduled_days,
    reps: c.reps,
    lapses: c.lapses,
    stability: c.state === 0 ? null : c.stability,
    difficulty: c.state === 0 ? null : c.difficulty,
    retrievabilityNow: reviewed ? curve((now - c.last_review!) / DAY, c.stability) : null,
    examDay,
    firstReview: reviews.length ? new Date(reviews[reviews.length - 1]!.reviewed_at).toISOString() : null,
    latestReview: reviews.length ? new Date(reviews[0]!.reviewed_at).toISOString() : null,
    averageTimeMs: reviews.length ? Math.round(totalTimeMs / reviews.length) : null,
    totalTimeMs,
    reviews: entries,
  };
}

/** The review screen's marks on one card. */
export function cardStatus(db: Database, cardId: number, now: number): CardStatus {
  const r = db
    .prepare('SELECT c.id, c.flag, c.suspended, c.buried_until, n.tags FROM card c JOIN note n ON n.id = c.note_id WHERE c.id = ?')
    .get(cardId) as { id: number; flag: number; suspended: number; buried_until: number | null; tags: string } | undefined;
  if (!r) throw new NotFoundError(msg('card.notFound', { id: String(cardId) }));
  return {
    id: r.id,
    flag: r.flag,
    marked: splitTags(r.tags).some((t) => t.toLowerCase() === MARKED_TAG),
    suspended: r.suspended === 1,
    buried: r.buried_until !== null && r.buried_until > now,
  };
}
