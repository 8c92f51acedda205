// The import pipeline: what parsers produced (ParsedNotes) → a plan (what would be added, updated,
// left unchanged or skipped, and why), then the plan applied in ONE immediate transaction.
//
// Identity: a note is its key (note.guid): an Anki guid, or source + term. Re-importing the same
// source therefore finds the same notes; a card is (note, ord). An existing card is updated in
// place (its id, and so its review history, stay), new cards are added, nothing is duplicated and
// nothing is deleted: a card that is gone from the source stays in the collection. A note that
// exists already stays in its deck.
//
// Schedules: a card that brings its exact memory state (Stratus JSON) keeps it; a card that brings
// only its answers (Anki's revlog) gets the memory state those answers give when replayed through
// the scheduler (../replay.ts), with the options of the deck it goes into. Imported answers are
// stored as review rows with origin 'import', which undo never touches. When a card exists already,
// answers it has logged are not added twice, and the imported schedule only replaces the card's if
// the import knows a later answer than the collection does (newer history wins).
//
// planImport only reads. applyImport re-checks that the collection has not changed since the plan
// was made (any write on this connection, or a commit from another one); if it has, it plans again
// inside its transaction, so what it writes always matches the collection it writes to.
import type { Database, Statement } from 'better-sqlite3';
import { InvalidArgumentError } from '../errors';
import { msg, type CoreMessage } from '../messages';
import { joinNotices, skipEntry } from './text';
import { deckOptions } from '../presets';
import { createCursorReplayer, type CursorReplayer } from '../replay';
import type { MemoryCursor, MemoryState } from '../scheduler';
import type { ImportedCard, ImportedNote, ImportedReview, ImportedReviewLog, ImportFormat, ParsedNotes, SkippedEntry } from './types';

export interface PlanOptions {
  /** Every new note goes into this deck (created when missing). Existing notes stay in theirs. */
  deck?: string;
  /** The clock of this import (new cards' due time, creation times), epoch ms. */
  now: number;
}

export type CardAction = 'add' | 'update' | 'unchanged';
export type CardChange = 'front' | 'back' | 'tags' | 'suspended' | 'history' | 'schedule';

/** One card of the preview. */
export interface PlannedCard {
  action: CardAction;
  /** For 'update': what changes. */
  changes: CardChange[];
  noteKey: string;
  ord: number;
  deck: string;
  front: string;
  back: string;
  file: string;
  line: number | null;
  /** The card in the collection, for 'update' and 'unchanged'. */
  cardId: number | null;
  /** Answers this import adds to the card's history. */
  newReviews: number;
}

export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

export interface PlannedDeck {
  name: string;
  /** False when the import creates it. */
  exists: boolean;
  /** Cards of this import that go to or already are in it. */
  cards: number;
}

export interface ImportPlan {
  /** The import's deck: --deck, or the deck most of the cards go to. */
  deck: string;
  decks: PlannedDeck[];
  counts: ImportCounts;
  /** Every card of the import that is added, updated or unchanged, in source order. */
  cards: PlannedCard[];
  /** Everything that did not become a card, with file, line and reason. */
  skipped: SkippedEntry[];
  notices: string[];
  /** The notices as core messages, in step with `notices` (null: English only). */
  noticeMessages: (CoreMessage | null)[];
  formats: ImportFormat[];
  /** Answers the import adds to review histories. */
  reviews: number;
  /** What applyImport needs; not for display. */
  readonly internal: PlanInternal;
}

export interface ImportSummary {
  deck: string;
  decks: string[];
  added: number;
  updated: number;
  unchanged: number;
  skipped: SkippedEntry[];
  notices: string[];
  noticeMessages: (CoreMessage | null)[];
  /** Answers added to review histories. */
  reviews: number;
  /** True when the collection changed after the preview, so the import was planned again. */
  replanned: boolean;
}

export interface ImportProgress {
  /** Notes written so far, of `total`. */
  done: number;
  total: number;
}

export type ProgressCallback = (progress: ImportProgress) => void;

interface PlanInternal {
  db: Database;
  fingerprint: string;
  inputs: readonly ParsedNotes[];
  options: PlanOptions;
  notes: NotePlan[];
}

interface NotePlan {
  note: ImportedNote;
  deck: string;
  /** Existing note and its deck, or null for a new note. */
  noteId: number | null;
  deckId: number | null;
  /** The note row needs writing (new, or tags, fields, kind or source changed). */
  writeNote: boolean;
  cards: CardPlan[];
}

interface CardPlan {
  card: ImportedCard;
  planned: PlannedCard;
  existing: ExistingCard | null;
  /** Imported answers not yet in the card's history. */
  newHistory: ImportedReview[];
  /** The imported schedule (memory, or replayed history) replaces the card's. */
  takeSchedule: boolean;
}

interface ExistingNote {
  id: number;
  deck_id: number;
  deck: string;
  tags: string;
  fields: string;
  kind: string;
  source: string | null;
  source_line: number | null;
}

interface ExistingCard {
  id: number;
  ord: number;
  front: string;
  back: string;
  suspended: number;
  last_review: number | null;
}

/** Import deck when nothing names one. */
export const FALLBACK_DECK = 'Imported';
const MAX_DECK_NAME = 200;
const PROGRESS_EVERY = 1000;

/** Plans an import without writing anything. Several inputs (files) make one import. */
export function planImport(db: Database, parsed: ParsedNotes | readonly ParsedNotes[], options: PlanOptions): ImportPlan {
  const inputs = Array.isArray(parsed) ? (parsed as readonly ParsedNotes[]) : [parsed as ParsedNotes];
  const optionDeck = options.deck === undefined ? undefined : checkDeckName(options.deck);
  return buildPlan(db, inputs, { ...options, ...(optionDeck === undefined ? {} : { deck: optionDeck }) });
}

/**
 * Writes a plan in one immediate transaction and returns what it did. When the collection changed
 * after planImport, the import is planned again inside the transaction (`replanned`).
 */
export function applyImport(db: Database, plan: ImportPlan, onProgress?: ProgressCallback): ImportSummary {
  return db
    .transaction((): ImportSummary => {
      const fresh = plan.internal.db !== db || fingerprint(db) !== plan.internal.fingerprint;
      const current = fresh ? buildPlan(db, plan.internal.inputs, plan.internal.options) : plan;
      const reviews = write(db, current, onProgress);
      return {
        deck: current.deck,
        decks: current.decks.map((d) => d.name),
        added: current.counts.added,
        updated: current.counts.updated,
        unchanged: current.counts.unchanged,
        skipped: current.skipped,
        notices: current.notices,
        noticeMessages: current.noticeMessages,
        reviews,
        replanned: fresh,
      };
    })
    .immediate();
}

/** Changes whenever anything is written through this connection or committed by another one. */
function fingerprint(db: Database): string {
  const version = db.pragma('data_version', { simple: true }) as number;
  const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  return `${version}:${changes}`;
}

/** Deck names as a person would type them: trimmed, one line, not too long. */
export function checkDeckName(name: string): string {
  const clean = tidyDeckName(name);
  if (!clean) throw new InvalidArgumentError(msg('import.deckNameEmpty'));
  if (clean.length > MAX_DECK_NAME) throw new InvalidArgumentError(msg('import.deckNameTooLong', { max: MAX_DECK_NAME }));
  return clean;
}

function tidyDeckName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Planning

interface PlanStatements {
  note: Statement<[string], ExistingNote>;
  cards: Statement<[number], ExistingCard>;
  reviewTimes: Statement<[number], { reviewed_at: number }>;
  deck: Statement<[string], { id: number; name: string }>;
}

function buildPlan(db: Database, inputs: readonly ParsedNotes[], options: PlanOptions): ImportPlan {
  const sql: PlanStatements = {
    note: db.prepare(`SELECT n.id, n.deck_id, d.name AS deck, n.tags, n.fields, n.kind, n.source, n.source_line
      FROM note n JOIN deck d ON d.id = n.deck_id WHERE n.guid = ?`),
    cards: db.prepare('SELECT id, ord, front, back, suspended, last_review FROM card WHERE note_id = ?'),
    reviewTimes: db.prepare('SELECT reviewed_at FROM review WHERE card_id = ?'),
    deck: db.prepare('SELECT id, name FROM deck WHERE name = ? COLLATE NOCASE'),
  };
  const skipped: SkippedEntry[] = inputs.flatMap((p) => p.skipped);
  const { notices, noticeMessages } = joinNotices(inputs);
  const fallback = options.deck ?? inputs.map((p) => p.defaultDeck && tidyDeckName(p.defaultDeck).slice(0, MAX_DECK_NAME)).find(Boolean) ?? FALLBACK_DECK;
  const deckNames = new Map<string, { id: number | null; name: string }>();
  // By the exact name first: every note of an import asks, nearly always with the same few names.
  const deckByExactName = new Map<string, { id: number | null; name: string }>();
  const resolveDeckName = (name: string) => {
    let found = deckByExactName.get(name);
    if (found) return found;
    const lower = name.toLowerCase();
    found = deckNames.get(lower);
    if (!found) {
      const row = sql.deck.get(name);
      found = row ? { id: row.id, name: row.name } : { id: null, name };
      deckNames.set(lower, found);
    }
    deckByExactName.set(name, found);
    return found;
  };

  // Notes of one import name few decks: each name is tidied once.
  const tidied = new Map<string, string>();
  const tidyDeckNameOnce = (name: string): string => {
    let clean = tidied.get(name);
    if (clean === undefined) {
      clean = tidyDeckName(name).slice(0, MAX_DECK_NAME);
      tidied.set(name, clean);
    }
    return clean;
  };

  const seen = new Map<string, { file: string; line: number | null }>();
  // A large import looks its keys up in one read of all keys rather than one query per note.
  const size = inputs.reduce((n, p) => n + p.notes.length, 0);
  const known = size > 1000 ? new Set(db.prepare('SELECT guid FROM note').pluck().all() as string[]) : null;
  const notes: NotePlan[] = [];
  const cards: PlannedCard[] = [];
  for (const input of inputs) {
    for (const note of input.notes) {
      const problem = noteProblem(note);
      if (problem) {
        skipped.push(skipEntry(note.source.file, note.source.line, problem));
        continue;
      }
      const earlier = seen.get(note.key);
      if (earlier) {
        skipped.push(skipEntry(note.source.file, note.source.line, msg('import.skip.duplicate', { where: where(earlier) })));
        continue;
      }
      seen.set(note.key, note.source);
      const existing = known === null || known.has(note.key) ? (sql.note.get(note.key) ?? null) : null;
      const named = note.deck === null ? '' : tidyDeckNameOnce(note.deck);
      const deck = existing ? { id: existing.deck_id, name: existing.deck } : resolveDeckName(options.deck ?? (named || fallback));
      const plan = planNote(sql, note, existing, deck.name, skipped);
      plan.deckId = deck.id;
      notes.push(plan);
      for (const c of plan.cards) cards.push(c.planned);
    }
  }

  const counts: ImportCounts = { added: 0, updated: 0, unchanged: 0, skipped: skipped.length };
  const perDeck = new Map<string, number>();
  let reviews = 0;
  for (const c of cards) {
    if (c.action === 'add') counts.added++;
    else if (c.action === 'update') counts.updated++;
    else counts.unchanged++;
    perDeck.set(c.deck, (perDeck.get(c.deck) ?? 0) + 1);
    reviews += c.newReviews;
  }
  const decks: PlannedDeck[] = [...perDeck].map(([name, n]) => ({ name, exists: resolveDeckName(name).id !== null, cards: n }));
  const main = (options.deck === undefined ? undefined : resolveDeckName(options.deck).name) ?? [...decks].sort((a, b) => b.cards - a.cards)[0]?.name ?? resolveDeckName(fallback).name;
  return {
    deck: main,
    decks,
    counts,
    cards,
    skipped,
    notices,
    noticeMessages,
    formats: [...new Set(inputs.map((p) => p.format))],
    reviews,
    internal: { db, fingerprint: fingerprint(db), inputs, options, notes },
  };
}

function where(source: { file: string; line: number | null }): string | CoreMessage {
  return source.line === null ? source.file : msg('import.skip.where', { file: source.file, line: String(source.line) });
}

/** A note the pipeline can't write; parsers avoid these, this keeps the database safe regardless. */
function noteProblem(note: ImportedNote): CoreMessage | null {
  if (typeof note.key !== 'string' || note.key.trim() === '') return msg('import.skip.noIdentity');
  if (note.cards.length === 0) return msg('import.skip.noCards');
  return null;
}

function planNote(sql: PlanStatements, note: ImportedNote, existing: ExistingNote | null, deck: string, skipped: SkippedEntry[]): NotePlan {
  const tagsChanged = existing !== null && !sameTags(existing.tags, note.tags);
  const writeNote =
    existing === null ||
    tagsChanged ||
    existing.fields !== JSON.stringify(note.fields) ||
    existing.kind !== note.kind ||
    existing.source !== note.source.file ||
    existing.source_line !== note.source.line ||
    existing.tags !== note.tags.join(' ');
  const old = existing ? sql.cards.all(existing.id) : [];
  const plans: CardPlan[] = [];
  for (const card of note.cards) {
    const problem = !Number.isInteger(card.ord) || card.ord < 0
      ? msg('import.skip.badOrd', { ord: String(card.ord) })
      : hasOrd(plans, card.ord)
        ? msg('import.skip.twoCards', { number: String(card.ord + 1) })
        : card.front.trim() === ''
          ? msg('import.skip.cardFrontEmpty', { number: String(card.ord + 1) })
          : null;
    if (problem) {
      skipped.push(skipEntry(note.source.file, note.source.line, problem));
      continue;
    }
    plans.push(planCard(sql, note, card, cardWithOrd(old, card.ord), deck, tagsChanged));
  }
  return { note, deck, noteId: existing?.id ?? null, deckId: existing?.deck_id ?? null, writeNote, cards: plans };
}

// Loops rather than closures: these run for every note of imports with 100,000 notes.
function hasOrd(plans: CardPlan[], ord: number): boolean {
  for (const p of plans) if (p.card.ord === ord) return true;
  return false;
}

function cardWithOrd(cards: ExistingCard[], ord: number): ExistingCard | null {
  for (const c of cards) if (c.ord === ord) return c;
  return null;
}

function planCard(sql: PlanStatements, note: ImportedNote, card: ImportedCard, existing: ExistingCard | null, deck: string, tagsChanged: boolean): CardPlan {
  const history = validHistory(card.history);
  const planned: PlannedCard = {
    action: 'add',
    changes: [],
    noteKey: note.key,
    ord: card.ord,
    deck,
    front: card.front,
    back: card.back,
    file: note.source.file,
    line: note.source.line,
    cardId: existing?.id ?? null,
    newReviews: history.length,
  };
  if (!existing) return { card, planned, existing, newHistory: history, takeSchedule: true };

  const changes: CardChange[] = [];
  if (existing.front !== card.front) changes.push('front');
  if (existing.back !== card.back) changes.push('back');
  if (tagsChanged) changes.push('tags');
  if (card.suspended !== undefined && card.suspended !== (existing.suspended === 1)) changes.push('suspended');
  let newHistory: ImportedReview[] = [];
  if (history.length) {
    const known = new Set(sql.reviewTimes.all(existing.id).map((r) => r.reviewed_at));
    newHistory = history.filter((h) => !known.has(h.reviewedAt));
    if (newHistory.length) changes.push('history');
  }
  // newHistory is in time order: its last answer is the latest.
  const latestImported = Math.max(card.memory?.lastReview ?? -Infinity, newHistory.at(-1)?.reviewedAt ?? -Infinity);
  const takeSchedule = latestImported > (existing.last_review ?? -Infinity) && (newHistory.length > 0 || card.memory !== undefined);
  if (takeSchedule) changes.push('schedule');
  planned.action = changes.length ? 'update' : 'unchanged';
  planned.changes = changes;
  planned.newReviews = newHistory.length;
  return { card, planned, existing, newHistory, takeSchedule };
}

/**
 * Answers the scheduler can replay, oldest first, one per millisecond (an answer logged twice is
 * the same answer). Parsers validate; this keeps a bad entry out of the database regardless.
 */
function validHistory(history: ImportedReview[] | undefined): ImportedReview[] {
  if (!history?.length) return [];
  // What parsers hand over is valid and in order already: then it is taken as it is (nothing
  // here or later changes it), without a set of times and a sort per card.
  if (validAndOrdered(history)) return history;
  const times = new Set<number>();
  const ok = history.filter((h) => {
    if (!Number.isFinite(h.reviewedAt) || h.reviewedAt < 0 || ![1, 2, 3, 4].includes(h.rating) || times.has(h.reviewedAt)) return false;
    times.add(h.reviewedAt);
    return true;
  });
  return ok.sort((a, b) => a.reviewedAt - b.reviewedAt);
}

/** Every answer valid and each later than the one before (so no time twice). */
function validAndOrdered(history: ImportedReview[]): boolean {
  let previous = -1;
  for (let i = 0; i < history.length; i++) {
    const { reviewedAt: t, rating: r } = history[i]!;
    if (!Number.isFinite(t) || t < 0 || !(t > previous) || !(r === 1 || r === 2 || r === 3 || r === 4)) return false;
    previous = t;
  }
  return true;
}

function sameTags(stored: string, tags: string[]): boolean {
  const a = stored.split(' ').filter(Boolean).sort();
  const b = [...new Set(tags)].sort();
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

// ---------------------------------------------------------------------------------------------
// Writing
//
// One prepared statement per kind of row, positional parameters, and no object per row: a large
// Anki import writes 60,000 cards and 500,000 review rows here. A new card with a history is
// replayed before it is written, so it is inserted once with its final memory state rather than
// inserted new and updated (every card index would be written twice). The replay seeds its
// interval fuzz with the card's id, so that id is taken before the insert: SQLite gives a new
// row the largest id in the table plus one, and this transaction is the only writer, so the id
// is passed explicitly and is the one SQLite would have chosen.

function write(db: Database, plan: ImportPlan, onProgress?: ProgressCallback): number {
  const now = plan.internal.options.now;
  const sql = {
    insertDeck: db.prepare('INSERT INTO deck (name, created_at) VALUES (?, ?)'),
    insertNote: db.prepare('INSERT INTO note (deck_id, guid, tags, source_line, created_at, updated_at, kind, fields, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    // A new card without an imported schedule: the memory columns keep their defaults (new).
    insertNewCard: db.prepare('INSERT INTO card (id, note_id, deck_id, ord, front, back, position, due, suspended) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    updateNote: db.prepare('UPDATE note SET tags = ?, source_line = ?, updated_at = ?, kind = ?, fields = ?, source = ? WHERE id = ?'),
    insertCard: db.prepare(`INSERT INTO card (id, note_id, deck_id, ord, front, back, position, state, due, stability, difficulty,
      scheduled_days, learning_steps, reps, lapses, last_review, suspended) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    updateText: db.prepare('UPDATE card SET front = ?, back = ? WHERE id = ?'),
    updateSuspended: db.prepare('UPDATE card SET suspended = ? WHERE id = ?'),
    updateMemory: db.prepare(`UPDATE card SET state = ?, due = ?, stability = ?, difficulty = ?, scheduled_days = ?, learning_steps = ?,
      reps = ?, lapses = ?, last_review = ?, buried_until = NULL WHERE id = ?`),
    insertReview: db.prepare(`INSERT INTO review (card_id, reviewed_at, rating, state_before, state_after, due, stability,
      difficulty, elapsed_days, scheduled_days, duration_ms, undo, origin)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'null', 'import')`),
    history: db.prepare('SELECT reviewed_at AS reviewedAt, rating FROM review WHERE card_id = ? ORDER BY reviewed_at, id'),
    maxPosition: db.prepare('SELECT coalesce(max(position), 0) AS p FROM card WHERE deck_id = ?'),
  };
  const deckIds = new Map<string, number>();
  const positions = new Map<number, number>();
  const replayers = new Map<number, CursorReplayer>();
  const deckId = (name: string): number => {
    const key = name.toLowerCase();
    let id = deckIds.get(key);
    if (id === undefined) {
      const row = db.prepare('SELECT id FROM deck WHERE name = ? COLLATE NOCASE').get(name) as { id: number } | undefined;
      id = row ? row.id : Number(sql.insertDeck.run(name, now).lastInsertRowid);
      deckIds.set(key, id);
    }
    return id;
  };
  const nextPosition = (deck: number): number => {
    const p = (positions.get(deck) ?? (sql.maxPosition.get(deck) as { p: number }).p) + 1;
    positions.set(deck, p);
    return p;
  };
  const replayer = (deck: number): CursorReplayer => {
    let r = replayers.get(deck);
    if (!r) {
      r = createCursorReplayer(deckOptions(db, deck));
      replayers.set(deck, r);
    }
    return r;
  };
  const maxCardId = (db.prepare('SELECT coalesce(max(id), 0) AS id FROM card').get() as { id: number }).id;
  if (!Number.isSafeInteger(maxCardId + plan.counts.added + 1)) {
    throw new InvalidArgumentError(msg('import.idsExhausted'));
  }
  let nextCardId = maxCardId + 1;
  const insertReview = (cardId: number, h: ImportedReview, log: ImportedReviewLog) =>
    sql.insertReview.run(cardId, h.reviewedAt, h.rating, log.stateBefore, log.stateAfter, log.due, log.stability, log.difficulty, log.elapsedDays, log.scheduledDays, Math.round(h.durationMs));
  const insertStep = (cardId: number, h: ImportedReview, m: Readonly<MemoryCursor>) =>
    sql.insertReview.run(cardId, h.reviewedAt, h.rating, m.stateBefore, m.state, m.due, m.stability, m.difficulty, m.elapsedDays, m.scheduledDays, Math.round(h.durationMs));
  const insertCard = (id: number, noteId: number, deck: number, card: ImportedCard, m: MemoryState) =>
    sql.insertCard.run(id, noteId, deck, card.ord, card.front, card.back, nextPosition(deck), m.state, m.due, m.stability, m.difficulty,
      m.scheduledDays, m.learningSteps, m.reps, m.lapses, m.lastReview, card.suspended ? 1 : 0);
  // The review rows of a new card, kept while its replay runs (they are written after the card).
  const pending = new ReviewBuffer();

  const total = plan.internal.notes.length;
  let reviews = 0;
  let done = 0;
  for (const n of plan.internal.notes) {
    const { note } = n;
    let noteId = n.noteId;
    const noteDeck = n.deckId ?? deckId(n.deck);
    if (noteId === null) {
      noteId = Number(sql.insertNote.run(noteDeck, note.key, note.tags.join(' '), note.source.line, note.createdAt ?? now, now, note.kind, JSON.stringify(note.fields), note.source.file).lastInsertRowid);
    } else if (n.writeNote) {
      sql.updateNote.run(note.tags.join(' '), note.source.line, now, note.kind, JSON.stringify(note.fields), note.source.file, noteId);
    }
    for (const c of n.cards) {
      if (c.planned.action === 'unchanged') continue;
      const { card, newHistory } = c;
      // Answers without a log of their own get the one the replay computes; the replay covers the
      // card's whole history so that its memory state is the one all those answers give.
      const unlogged = hasUnlogged(newHistory);

      if (!c.existing) {
        const cardId = nextCardId++;
        if (!newHistory.length) {
          if (card.memory) insertCard(cardId, noteId, noteDeck, card, card.memory);
          else sql.insertNewCard.run(cardId, noteId, noteDeck, card.ord, card.front, card.back, nextPosition(noteDeck), now, card.suspended ? 1 : 0);
          continue;
        }
        // A new card takes the imported schedule: its saved memory, else what its answers give.
        if (unlogged || !card.memory) {
          pending.clear();
          // newHistory is in time order (validHistory), so the replay visits it in its own order.
          const memory = replayer(noteDeck)(cardId, newHistory, (h, m) => pending.push(h, m), now);
          insertCard(cardId, noteId, noteDeck, card, card.memory ?? memory);
          for (let i = 0; i < newHistory.length; i++) {
            const h = newHistory[i]!;
            if (h.log) insertReview(cardId, h, h.log);
            else pending.insert(i, cardId, h, sql.insertReview);
          }
        } else {
          insertCard(cardId, noteId, noteDeck, card, card.memory);
          for (const h of newHistory) insertReview(cardId, h, h.log!);
        }
        reviews += newHistory.length;
        continue;
      }

      const cardId = c.existing.id;
      if (c.planned.changes.includes('front') || c.planned.changes.includes('back')) sql.updateText.run(card.front, card.back, cardId);
      if (c.planned.changes.includes('suspended')) sql.updateSuspended.run(card.suspended ? 1 : 0, cardId);
      if (!newHistory.length && !(c.takeSchedule && card.memory)) continue;
      const needsReplay = unlogged || (c.takeSchedule && !card.memory);
      let replayed: MemoryState | null = null;
      if (needsReplay) {
        const logged = sql.history.all(cardId) as ImportedReview[];
        const added = new Set(newHistory);
        const merged = logged.length ? [...logged, ...newHistory].sort((a, b) => a.reviewedAt - b.reviewedAt) : newHistory;
        // The card exists, so each new answer's row is written as the replay reaches it (in time order).
        replayed = replayer(noteDeck)(cardId, merged, (h, m) => {
          if (added.has(h)) {
            if (h.log) insertReview(cardId, h, h.log);
            else insertStep(cardId, h, m);
          }
        }, now);
        if (!merged.length) replayed = null;
      } else {
        for (const h of newHistory) insertReview(cardId, h, h.log!);
      }
      reviews += newHistory.length;
      if (c.takeSchedule) {
        const memory = card.memory ?? replayed;
        if (memory) sql.updateMemory.run(memory.state, memory.due, memory.stability, memory.difficulty, memory.scheduledDays, memory.learningSteps, memory.reps, memory.lapses, memory.lastReview, cardId);
      }
    }
    done++;
    if (onProgress && (done % PROGRESS_EVERY === 0 || done === total)) onProgress({ done, total });
  }
  if (onProgress && total === 0) onProgress({ done: 0, total: 0 });
  return reviews;
}

function hasUnlogged(history: ImportedReview[]): boolean {
  for (const h of history) if (!h.log) return true;
  return false;
}

/** The review-row values of one card's replayed answers, in reused arrays (no object per answer). */
class ReviewBuffer {
  private stateBefore: number[] = [];
  private stateAfter: number[] = [];
  private due: number[] = [];
  private stability: number[] = [];
  private difficulty: number[] = [];
  private elapsedDays: number[] = [];
  private scheduledDays: number[] = [];
  private answers: ImportedReview[] = [];
  private length = 0;

  clear(): void {
    this.length = 0;
  }

  push(h: ImportedReview, m: Readonly<MemoryCursor>): void {
    const i = this.length++;
    this.answers[i] = h;
    this.stateBefore[i] = m.stateBefore;
    this.stateAfter[i] = m.state;
    this.due[i] = m.due;
    this.stability[i] = m.stability;
    this.difficulty[i] = m.difficulty;
    this.elapsedDays[i] = m.elapsedDays;
    this.scheduledDays[i] = m.scheduledDays;
  }

  /** Writes the row of the `i`-th answer pushed, which must be `h`. */
  insert(i: number, cardId: number, h: ImportedReview, stmt: Statement): void {
    if (i >= this.length || this.answers[i] !== h) throw new Error('The import replayed a card\u2019s answers out of order.');
    stmt.run(cardId, h.reviewedAt, h.rating, this.stateBefore[i], this.stateAfter[i], this.due[i], this.stability[i], this.difficulty[i], this.elapsedDays[i], this.scheduledDays[i], Math.round(h.durationMs));
  }
}
