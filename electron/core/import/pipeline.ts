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
import { deckOptions } from '../presets';
import { createReplayer, type ReplayStep, type Replayer } from '../replay';
import type { MemoryState } from '../scheduler';
import type { ImportedCard, ImportedNote, ImportedReview, ImportFormat, ParsedNotes, SkippedEntry } from './types';

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
  if (!clean) throw new InvalidArgumentError('The deck name is empty; give the deck a name.');
  if (clean.length > MAX_DECK_NAME) throw new InvalidArgumentError(`The deck name is longer than ${MAX_DECK_NAME} characters; choose a shorter name.`);
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
  const notices: string[] = inputs.flatMap((p) => p.notices);
  const fallback = options.deck ?? inputs.map((p) => p.defaultDeck && tidyDeckName(p.defaultDeck).slice(0, MAX_DECK_NAME)).find(Boolean) ?? FALLBACK_DECK;
  const deckNames = new Map<string, { id: number | null; name: string }>();
  const resolveDeckName = (name: string) => {
    const lower = name.toLowerCase();
    let found = deckNames.get(lower);
    if (!found) {
      const row = sql.deck.get(name);
      found = row ? { id: row.id, name: row.name } : { id: null, name };
      deckNames.set(lower, found);
    }
    return found;
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
        skipped.push({ file: note.source.file, line: note.source.line, reason: problem });
        continue;
      }
      const earlier = seen.get(note.key);
      if (earlier) {
        skipped.push({ file: note.source.file, line: note.source.line, reason: `the same note as ${where(earlier)} is already in this import.` });
        continue;
      }
      seen.set(note.key, note.source);
      const existing = known === null || known.has(note.key) ? (sql.note.get(note.key) ?? null) : null;
      const named = note.deck === null ? '' : tidyDeckName(note.deck).slice(0, MAX_DECK_NAME);
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
    formats: [...new Set(inputs.map((p) => p.format))],
    reviews,
    internal: { db, fingerprint: fingerprint(db), inputs, options, notes },
  };
}

function where(source: { file: string; line: number | null }): string {
  return source.line === null ? source.file : `${source.file} line ${source.line}`;
}

/** A note the pipeline can't write; parsers avoid these, this keeps the database safe regardless. */
function noteProblem(note: ImportedNote): string | null {
  if (typeof note.key !== 'string' || note.key.trim() === '') return 'the note has no identity (an empty key or guid).';
  if (note.cards.length === 0) return 'the note has no cards.';
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
      ? `card ${card.ord} of the note has an invalid number.`
      : hasOrd(plans, card.ord)
        ? `the note has two cards numbered ${card.ord + 1}; the second is left out.`
        : card.front.trim() === ''
          ? `card ${card.ord + 1} of the note has an empty front.`
          : null;
    if (problem) {
      skipped.push({ file: note.source.file, line: note.source.line, reason: problem });
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
  const times = new Set<number>();
  const ok = history.filter((h) => {
    if (!Number.isFinite(h.reviewedAt) || h.reviewedAt < 0 || ![1, 2, 3, 4].includes(h.rating) || times.has(h.reviewedAt)) return false;
    times.add(h.reviewedAt);
    return true;
  });
  return ok.sort((a, b) => a.reviewedAt - b.reviewedAt);
}

function sameTags(stored: string, tags: string[]): boolean {
  const a = stored.split(' ').filter(Boolean).sort();
  const b = [...new Set(tags)].sort();
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

// ---------------------------------------------------------------------------------------------
// Writing

function write(db: Database, plan: ImportPlan, onProgress?: ProgressCallback): number {
  const now = plan.internal.options.now;
  const sql = {
    insertDeck: db.prepare('INSERT INTO deck (name, created_at) VALUES (?, ?)'),
    insertNote: db.prepare('INSERT INTO note (deck_id, guid, tags, source_line, created_at, updated_at, kind, fields, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    // A new card without an imported schedule: the memory columns keep their defaults (new).
    insertNewCard: db.prepare('INSERT INTO card (note_id, deck_id, ord, front, back, position, due, suspended) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    updateNote: db.prepare(`UPDATE note SET tags = @tags, source_line = @source_line, updated_at = @updated_at, kind = @kind,
      fields = @fields, source = @source WHERE id = @id`),
    insertCard: db.prepare(`INSERT INTO card (note_id, deck_id, ord, front, back, position, state, due, stability, difficulty,
      scheduled_days, learning_steps, reps, lapses, last_review, suspended)
      VALUES (@note_id, @deck_id, @ord, @front, @back, @position, @state, @due, @stability, @difficulty,
      @scheduled_days, @learning_steps, @reps, @lapses, @last_review, @suspended)`),
    updateText: db.prepare('UPDATE card SET front = ?, back = ? WHERE id = ?'),
    updateSuspended: db.prepare('UPDATE card SET suspended = ? WHERE id = ?'),
    updateMemory: db.prepare(`UPDATE card SET state = @state, due = @due, stability = @stability, difficulty = @difficulty,
      scheduled_days = @scheduled_days, learning_steps = @learning_steps, reps = @reps, lapses = @lapses,
      last_review = @last_review, buried_until = NULL WHERE id = @id`),
    insertReview: db.prepare(`INSERT INTO review (card_id, reviewed_at, rating, state_before, state_after, due, stability,
      difficulty, elapsed_days, scheduled_days, duration_ms, undo, origin)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'null', 'import')`),
    history: db.prepare('SELECT reviewed_at AS reviewedAt, rating FROM review WHERE card_id = ? ORDER BY reviewed_at, id'),
    maxPosition: db.prepare('SELECT coalesce(max(position), 0) AS p FROM card WHERE deck_id = ?'),
  };
  const deckIds = new Map<string, number>();
  const positions = new Map<number, number>();
  const replayers = new Map<number, Replayer>();
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
  const replayer = (deck: number): Replayer => {
    let r = replayers.get(deck);
    if (!r) {
      r = createReplayer(deckOptions(db, deck));
      replayers.set(deck, r);
    }
    return r;
  };

  const total = plan.internal.notes.length;
  let reviews = 0;
  let done = 0;
  for (const n of plan.internal.notes) {
    const { note } = n;
    let noteId = n.noteId;
    const noteDeck = n.deckId ?? deckId(n.deck);
    if (noteId === null) {
      const tags = note.tags.join(' ');
      const fields = JSON.stringify(note.fields);
      noteId = Number(sql.insertNote.run(noteDeck, note.key, tags, note.source.line, note.createdAt ?? now, now, note.kind, fields, note.source.file).lastInsertRowid);
    } else if (n.writeNote) {
      sql.updateNote.run({ id: noteId, tags: note.tags.join(' '), source_line: note.source.line, updated_at: now, kind: note.kind, fields: JSON.stringify(note.fields), source: note.source.file });
    }
    for (const c of n.cards) {
      if (c.planned.action === 'unchanged') continue;
      const { card } = c;
      let cardId: number;
      if (!c.existing && !card.memory) {
        cardId = Number(sql.insertNewCard.run(noteId, noteDeck, card.ord, card.front, card.back, nextPosition(noteDeck), now, card.suspended ? 1 : 0).lastInsertRowid);
      } else if (!c.existing) {
        cardId = Number(
          sql.insertCard.run({ note_id: noteId, deck_id: noteDeck, ord: card.ord, front: card.front, back: card.back, position: nextPosition(noteDeck), ...memoryRow(card.memory!), suspended: card.suspended ? 1 : 0 })
            .lastInsertRowid,
        );
      } else {
        cardId = c.existing.id;
        if (c.planned.changes.includes('front') || c.planned.changes.includes('back')) sql.updateText.run(card.front, card.back, cardId);
        if (c.planned.changes.includes('suspended')) sql.updateSuspended.run(card.suspended ? 1 : 0, cardId);
      }
      if (!c.newHistory.length && !(c.takeSchedule && card.memory && c.existing)) continue;

      // History: each new answer gets a review row. Rows saved by Stratus keep their log; others get
      // the log the replay computes. The replay covers the card's whole history (what the collection
      // has logged plus the new answers) so that its memory state is the one all those answers give.
      const logged = c.existing ? (sql.history.all(cardId) as ImportedReview[]) : [];
      const merged = mergeHistory(logged, c.newHistory);
      const needsReplay = c.newHistory.some((h) => !h.log) || (c.takeSchedule && !card.memory);
      const steps = needsReplay ? stepsByTime(replayer(noteDeck)(cardId, merged, now).steps) : null;
      for (const h of c.newHistory) {
        const log = h.log ?? logFromStep(steps!.get(h.reviewedAt)!);
        sql.insertReview.run(cardId, h.reviewedAt, h.rating, log.stateBefore, log.stateAfter, log.due, log.stability, log.difficulty, log.elapsedDays, log.scheduledDays, Math.round(h.durationMs));
        reviews++;
      }
      if (c.takeSchedule) {
        const memory = card.memory ?? (steps ? lastMemory(steps, merged) : null);
        if (memory) sql.updateMemory.run({ id: cardId, ...memoryRow(memory) });
      }
    }
    done++;
    if (onProgress && (done % PROGRESS_EVERY === 0 || done === total)) onProgress({ done, total });
  }
  if (onProgress && total === 0) onProgress({ done: 0, total: 0 });
  return reviews;
}

function mergeHistory(logged: ImportedReview[], added: ImportedReview[]): ImportedReview[] {
  if (!logged.length) return added;
  return [...logged, ...added].sort((a, b) => a.reviewedAt - b.reviewedAt);
}

/** Steps by answer time; with two answers at the same millisecond the later step wins, as in the replay. */
function stepsByTime(steps: ReplayStep[]): Map<number, ReplayStep> {
  return new Map(steps.map((s) => [s.reviewedAt, s]));
}

function lastMemory(steps: Map<number, ReplayStep>, merged: ImportedReview[]): MemoryState | null {
  const last = merged[merged.length - 1];
  return last ? (steps.get(last.reviewedAt)?.after ?? null) : null;
}

function logFromStep(s: ReplayStep) {
  return {
    stateBefore: s.before.state,
    stateAfter: s.after.state,
    due: s.after.due,
    stability: s.after.stability,
    difficulty: s.after.difficulty,
    elapsedDays: s.elapsedDays,
    scheduledDays: s.after.scheduledDays,
  };
}

function memoryRow(m: MemoryState) {
  return {
    state: m.state,
    due: m.due,
    stability: m.stability,
    difficulty: m.difficulty,
    scheduled_days: m.scheduledDays,
    learning_steps: m.learningSteps,
    reps: m.reps,
    lapses: m.lapses,
    last_review: m.lastReview,
  };
}
