// Exam-aware scheduling (opt-in per exam, `exam.exam_aware`): no interval jumps past the exam.
//
// The rule, applied to every answer (Study.answer) and to every simulated answer (projection):
// - the exam window is the last EXAM_WINDOW_DAYS study days before the exam day (exam day − 7 …
//   exam day − 1, each starting at dayStartHour local time);
// - when an answer leaves a card in the review state with its next due on or after the exam day's
//   start, and the answer was given BEFORE the window opens, the card is due instead on the
//   least-loaded day of the window (load = cards due that day: learning, review or relearning,
//   not suspended, all decks), ties going to the later day; so it is seen once more in the last
//   days before the exam, and those extra reviews spread evenly over the window;
// - the new due keeps the answer's time of day (as an FSRS interval would); scheduled_days
//   becomes the number of study days from the answer to that day;
// - an answer given inside the window is left alone: the card was just seen in the last days;
// - cards in learning or relearning, and answers when no exam date is set, are never touched.
// FSRS memory state (stability, difficulty) is never changed, only the due date.
import type { Database, Statement } from 'better-sqlite3';
import type { MemoryState } from '../scheduler';
import { studyDay } from '../time';
import { examDayStart } from './readiness';

/** How many study days before the exam the extra review may fall on. */
export const EXAM_WINDOW_DAYS = 7;

export interface ExamWindow {
  /** Start of the exam day's study day (ms). */
  examStart: number;
  /** Starts of the window's study days, ascending; the last one ends at examStart. */
  days: number[];
}

/** The last EXAM_WINDOW_DAYS study days before the exam (calendar arithmetic, DST-safe). */
export function examWindow(examDate: string, dayStartHour: number, windowDays = EXAM_WINDOW_DAYS): ExamWindow {
  const examStart = examDayStart(examDate, dayStartHour);
  const days: number[] = [];
  for (let k = windowDays; k >= 1; k--) {
    const d = new Date(examStart);
    d.setDate(d.getDate() - k);
    d.setHours(dayStartHour, 0, 0, 0);
    days.push(d.getTime());
  }
  return { examStart, days };
}

/**
 * The due the rule gives a card just answered at `answeredAt`, or null to keep its own.
 * `loadOf(i)` is the number of cards due on window day i (days[i] … days[i + 1] or examStart).
 */
export function examAwareDue(
  after: Pick<MemoryState, 'state' | 'due'>,
  answeredAt: number,
  window: ExamWindow,
  dayStartHour: number,
  loadOf: (index: number, start: number, end: number) => number,
): { due: number; scheduledDays: number } | null {
  const { days, examStart } = window;
  if (after.state !== 2 || after.due < examStart || days.length === 0 || answeredAt >= days[0]!) return null;
  let best = 0;
  let bestLoad = Infinity;
  days.forEach((start, i) => {
    const load = loadOf(i, start, days[i + 1] ?? examStart);
    if (load <= bestLoad) [best, bestLoad] = [i, load];
  });
  const answerDay = studyDay(answeredAt, dayStartHour);
  const target = days[best]!;
  const end = days[best + 1] ?? examStart;
  const due = Math.min(end - 1, target + (answeredAt - answerDay.start));
  return { due, scheduledDays: studyDaysBetween(answerDay.start, target) };
}

/** Whole study days from one study-day start to another (DST days count as one). */
export function studyDaysBetween(fromStart: number, toStart: number): number {
  return Math.round((toStart - fromStart) / 86_400_000);
}

interface Statements {
  exam: Statement<[], { exam_date: string | null; exam_aware: number }>;
  load: Statement<[number, number], { n: number }>;
}
const statements = new WeakMap<Database, Statements>();

function prepared(db: Database): Statements {
  let s = statements.get(db);
  if (!s) {
    s = {
      exam: db.prepare('SELECT exam_date, exam_aware FROM exam WHERE active = 1') as Statements['exam'],
      // deck_id IN (…) lets SQLite walk the card_queue index (deck, state, due) for every deck.
      load: db.prepare(`SELECT count(*) AS n FROM card WHERE deck_id IN (SELECT id FROM deck) AND state IN (1, 2, 3)
        AND due >= ? AND due < ? AND suspended = 0`) as Statements['load'],
    };
    statements.set(db, s);
  }
  return s;
}

/**
 * Study.answer's hook: the card's state after an answer, with its due moved into the exam window
 * when the active exam has exam-aware scheduling on (see the rule above); otherwise unchanged.
 * Runs inside the answer's transaction, so the load it reads is the collection's current one.
 */
export function applyExamAwareScheduling(db: Database, after: MemoryState, answeredAt: number, dayStartHour: number): MemoryState {
  if (after.state !== 2) return after;
  const s = prepared(db);
  const exam = s.exam.get();
  if (!exam || exam.exam_aware !== 1 || !exam.exam_date) return after;
  const window = examWindow(exam.exam_date, dayStartHour);
  const moved = examAwareDue(after, answeredAt, window, dayStartHour, (_i, start, end) => s.load.get(start, end)!.n);
  return moved ? { ...after, ...moved } : after;
}
