// Reading a deck out of the collection for the exporters: its notes (with sub-decks, as Anki
// exports a deck: "AWS" takes "AWS::S3" along), their cards with the exact memory state, and every
// review row. Three queries, grouped in memory, so a 100,000-card deck exports quickly.
import type { Database } from 'better-sqlite3';
import { resolveDeck } from '../decks';
import type { MemoryState, StateCode } from '../scheduler';
import type { ImportedReviewLog, NoteKind } from '../import/types';

export interface ExportedReview {
  reviewedAt: number;
  rating: 1 | 2 | 3 | 4;
  durationMs: number;
  log: ImportedReviewLog;
}

export interface ExportedCard {
  ord: number;
  front: string;
  back: string;
  suspended: boolean;
  memory: MemoryState;
  history: ExportedReview[];
}

export interface ExportedNote {
  key: string;
  deck: string;
  kind: NoteKind;
  fields: string[];
  tags: string[];
  source: { file: string; line: number | null } | null;
  createdAt: number;
  cards: ExportedCard[];
}

export interface ExportedDeck {
  id: number;
  name: string;
  /** The deck and its sub-decks' names, in name order. */
  decks: string[];
  notes: ExportedNote[];
  cards: number;
  reviews: number;
}

interface NoteRow {
  id: number;
  deck: string;
  guid: string;
  tags: string;
  kind: NoteKind;
  fields: string;
  source: string | null;
  source_line: number | null;
  created_at: number;
}

interface CardRow {
  id: number;
  note_id: number;
  ord: number;
  front: string;
  back: string;
  suspended: number;
  state: StateCode;
  due: number;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  last_review: number | null;
}

interface ReviewRow {
  card_id: number;
  reviewed_at: number;
  rating: 1 | 2 | 3 | 4;
  duration_ms: number;
  state_before: StateCode;
  state_after: StateCode;
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
}

/** A deck (by id or name) with its sub-decks, ready to write. */
export function collectDeck(db: Database, idOrName: number | string): ExportedDeck {
  const deck = resolveDeck(db, idOrName);
  const decks = db
    .prepare("SELECT id, name FROM deck WHERE id = ? OR name LIKE ? ESCAPE '\\' ORDER BY name")
    .all(deck.id, `${deck.name.replace(/[\\%_]/g, (c) => `\\${c}`)}::%`) as { id: number; name: string }[];
  const ids = decks.map((d) => d.id);
  const marks = ids.map(() => '?').join(', ');
  const notes = db
    .prepare(
      `SELECT n.id, d.name AS deck, n.guid, n.tags, n.kind, n.fields, n.source, n.source_line, n.created_at
         FROM note n JOIN deck d ON d.id = n.deck_id WHERE n.deck_id IN (${marks}) ORDER BY n.id`,
    )
    .all(...ids) as NoteRow[];
  const cards = db
    .prepare(
      `SELECT c.id, c.note_id, c.ord, c.front, c.back, c.suspended, c.state, c.due, c.stability, c.difficulty,
              c.scheduled_days, c.learning_steps, c.reps, c.lapses, c.last_review
         FROM card c JOIN note n ON n.id = c.note_id WHERE n.deck_id IN (${marks}) ORDER BY c.note_id, c.ord`,
    )
    .all(...ids) as CardRow[];
  const reviews = db
    .prepare(
      `SELECT r.card_id, r.reviewed_at, r.rating, r.duration_ms, r.state_before, r.state_after, r.due, r.stability,
              r.difficulty, r.elapsed_days, r.scheduled_days
         FROM review r JOIN card c ON c.id = r.card_id JOIN note n ON n.id = c.note_id
        WHERE n.deck_id IN (${marks}) ORDER BY r.card_id, r.reviewed_at, r.id`,
    )
    .iterate(...ids) as IterableIterator<ReviewRow>;

  const history = new Map<number, ExportedReview[]>();
  let reviewCount = 0;
  for (const r of reviews) {
    let list = history.get(r.card_id);
    if (!list) history.set(r.card_id, (list = []));
    list.push({
      reviewedAt: r.reviewed_at,
      rating: r.rating,
      durationMs: r.duration_ms,
      log: {
        stateBefore: r.state_before,
        stateAfter: r.state_after,
        due: r.due,
        stability: r.stability,
        difficulty: r.difficulty,
        elapsedDays: r.elapsed_days,
        scheduledDays: r.scheduled_days,
      },
    });
    reviewCount++;
  }
  const cardsByNote = new Map<number, ExportedCard[]>();
  for (const c of cards) {
    let list = cardsByNote.get(c.note_id);
    if (!list) cardsByNote.set(c.note_id, (list = []));
    list.push({
      ord: c.ord,
      front: c.front,
      back: c.back,
      suspended: c.suspended === 1,
      memory: {
        state: c.state,
        due: c.due,
        stability: c.stability,
        difficulty: c.difficulty,
        scheduledDays: c.scheduled_days,
        learningSteps: c.learning_steps,
        reps: c.reps,
        lapses: c.lapses,
        lastReview: c.last_review,
      },
      history: history.get(c.id) ?? [],
    });
  }
  const out: ExportedNote[] = [];
  for (const n of notes) {
    const noteCards = cardsByNote.get(n.id);
    if (!noteCards?.length) continue; // A note without cards has nothing to study or export.
    out.push({
      key: n.guid,
      deck: n.deck,
      kind: n.kind,
      fields: noteFields(n.fields, noteCards[0]!),
      tags: n.tags.split(' ').filter(Boolean),
      source: n.source === null ? null : { file: n.source, line: n.source_line },
      createdAt: n.created_at,
      cards: noteCards,
    });
  }
  return { id: deck.id, name: deck.name, decks: decks.map((d) => d.name), notes: out, cards: cards.length, reviews: reviewCount };
}

/** The note's fields as stored; notes from before fields were stored get their first card's sides. */
function noteFields(json: string, first: ExportedCard): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((f) => typeof f === 'string')) return parsed as string[];
  } catch {
    // Fall through to the card's sides.
  }
  return [first.front, first.back];
}
