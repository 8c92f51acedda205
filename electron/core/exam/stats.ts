// Collection statistics for the `stats` command: card counts, true retention and the due forecast.
// Each figure is one aggregate query, so they stay fast on 100,000-card collections.
import type { Database } from 'better-sqlite3';
import { getSettings } from '../settings';
import { studyDay } from '../time';

export interface Retention {
  /** Length of the window in study days, ending with today. */
  days: number;
  /** Start of the window (ms): the study-day start `days − 1` days before today's. */
  since: number;
  /** Answers given to cards in the review state (state before the answer = review). */
  reviews: number;
  /** Of those, rated hard, good or easy. */
  passed: number;
  /** Of those, rated again. */
  failed: number;
  /** passed / reviews; null without reviews. */
  rate: number | null;
}

export interface ForecastDay {
  /** Study-day start (ms). */
  start: number;
  /** Cards (learning, review or relearning; not suspended) due that study day; today includes overdue cards. */
  due: number;
}

export interface CollectionStats {
  cards: number;
  reviewed: number;
  retention: Retention;
  forecast: ForecastDay[];
}

/** Days of the retention window and of the forecast. */
export const STATS_DAYS = 30;

/** Cards, reviewed cards, true retention and the due forecast; `deckId` narrows them to one deck. */
export function collectionStats(db: Database, now: number, deckId: number | null = null, days = STATS_DAYS): CollectionStats {
  const { dayStartHour } = getSettings(db);
  const counts = db
    .prepare(`SELECT count(*) AS cards, count(CASE WHEN state != 0 AND last_review IS NOT NULL THEN 1 END) AS reviewed
      FROM card WHERE @deck IS NULL OR deck_id = @deck`)
    .get({ deck: deckId }) as { cards: number; reviewed: number };
  return { ...counts, retention: trueRetention(db, now, dayStartHour, deckId, days), forecast: forecast(db, now, dayStartHour, deckId, days) };
}

/** Study-day starts from today's: `count + 1` boundaries (DST-safe calendar arithmetic). */
function dayStarts(now: number, dayStartHour: number, from: number, count: number): number[] {
  const today = new Date(studyDay(now, dayStartHour).start);
  return Array.from({ length: count + 1 }, (_, i) => {
    const d = new Date(today);
    d.setDate(d.getDate() + from + i);
    d.setHours(dayStartHour, 0, 0, 0);
    return d.getTime();
  });
}

export function trueRetention(db: Database, now: number, dayStartHour: number, deckId: number | null, days = STATS_DAYS): Retention {
  const since = dayStarts(now, dayStartHour, -(days - 1), 0)[0]!;
  // The review_time index finds the window's answers; CROSS JOIN keeps that order (see study.ts).
  const r = db
    .prepare(`SELECT count(*) AS reviews, count(CASE WHEN r.rating > 1 THEN 1 END) AS passed
      FROM review r CROSS JOIN card c ON c.id = r.card_id
      WHERE r.reviewed_at >= @since AND r.reviewed_at <= @now AND r.state_before = 2 AND (@deck IS NULL OR c.deck_id = @deck)`)
    .get({ since, now, deck: deckId }) as { reviews: number; passed: number };
  return { days, since, reviews: r.reviews, passed: r.passed, failed: r.reviews - r.passed, rate: r.reviews ? r.passed / r.reviews : null };
}

/** Bucket width of the forecast query: every time zone's day start falls on a quarter hour. */
const QUARTER_HOUR = 15 * 60_000;

export function forecast(db: Database, now: number, dayStartHour: number, deckId: number | null, days = STATS_DAYS): ForecastDay[] {
  const starts = dayStarts(now, dayStartHour, 0, days);
  const end = starts[days]!;
  // Counted per quarter hour in SQL (overdue cards fold into today's first bucket), then each
  // bucket goes to its study day: at most 96 rows a day reach JavaScript, whatever the size.
  const buckets = db
    .prepare(`SELECT max(due, @start) / ${QUARTER_HOUR} AS q, count(*) AS n FROM card
      WHERE state IN (1, 2, 3) AND suspended = 0 AND due < @end AND (@deck IS NULL OR deck_id = @deck)
      GROUP BY q`)
    .all({ start: starts[0]!, end, deck: deckId }) as { q: number; n: number }[];
  const due = new Array<number>(days).fill(0);
  let day = 0;
  for (const { q, n } of buckets.sort((a, b) => a.q - b.q)) {
    const t = Math.max(q * QUARTER_HOUR, starts[0]!);
    while (day < days - 1 && t >= starts[day + 1]!) day++;
    due[day]! += n;
  }
  return due.map((n, i) => ({ start: starts[i]!, due: n }));
}
