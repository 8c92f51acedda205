// Card rows and their conversions; the SQL that reads one card lives here.
import type { Database } from 'better-sqlite3';
import type { CardSchedule } from '../shared/contract';
import { NotFoundError } from './errors';
import { msg } from './messages';
import { STATE_NAMES, type MemoryState, type StateCode } from './scheduler';

export interface CardRow {
  id: number;
  note_id: number;
  deck_id: number;
  ord: number;
  front: string;
  back: string;
  position: number;
  state: StateCode;
  due: number;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  last_review: number | null;
  buried_until: number | null;
  suspended: 0 | 1;
}

export const CARD_COLUMNS =
  'id, note_id, deck_id, ord, front, back, position, state, due, stability, difficulty, scheduled_days, learning_steps, reps, lapses, last_review, buried_until, suspended';

export function rowToMemory(row: CardRow): MemoryState {
  return {
    state: row.state,
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    scheduledDays: row.scheduled_days,
    learningSteps: row.learning_steps,
    reps: row.reps,
    lapses: row.lapses,
    lastReview: row.last_review,
  };
}

export function toSchedule(id: number, m: MemoryState): CardSchedule {
  return {
    id,
    state: STATE_NAMES[m.state]!,
    due: new Date(m.due).toISOString(),
    stability: m.stability,
    difficulty: m.difficulty,
    reps: m.reps,
    lapses: m.lapses,
    lastReview: m.lastReview === null ? null : new Date(m.lastReview).toISOString(),
  };
}

const cardStatements = new WeakMap<Database, { get: import('better-sqlite3').Statement<[number], CardRow> }>();

export function getCard(db: Database, id: number): CardRow {
  let s = cardStatements.get(db);
  if (!s) {
    s = { get: db.prepare(`SELECT ${CARD_COLUMNS} FROM card WHERE id = ?`) };
    cardStatements.set(db, s);
  }
  const row = s.get.get(id);
  if (!row) throw new NotFoundError(msg('card.notFound', { id: String(id) }));
  return row;
}
