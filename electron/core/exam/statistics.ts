// The statistics page's figures, aggregated in SQLite: the renderer only draws them.
//
// Definitions:
// - study days start at the collection's dayStartHour, local time (time.ts), DST-safe;
// - an answer's kind is the card's state before it: new and learning → "learning", relearning →
//   "relearning", review → "young" when it came less than 21 days after the card's previous answer
//   (review.elapsed_days < 21), else "mature" (Anki's 21-day line, on the real gap);
// - true retention counts answers to cards in the review state: passed = hard, good or easy,
//   failed = again (Anki's definition); periods end now: today, yesterday, the last 7, 30 and 365
//   study days (today included);
// - card counts are exclusive: suspended first, then buried (until later than now), then by state;
// - distributions cover reviewed cards that are not suspended: stability in days, difficulty as
//   (D − 1) / 9 in percent, retrievability = predicted recall now (ts-fsrs's forgetting curve with
//   the weights in use, readiness.ts's forgettingCurve) in percent;
// - the streak is the run of consecutive study days with at least one answer that ends today, or
//   yesterday while nothing has been answered today; longest and daysStudied are over the last
//   365 study days.
//
// Scale (100,000 cards, a year of 330,000 answers): no query sorts rows by the thousand. The year's
// answers are summed per study day and kind along the review_stats index (see answerGroups); card
// counts stream along the queue index in its own order; the distributions bin the reviewed cards
// in one pass (cardBins); the forecast groups the cards due within the next days.
import type { Database } from 'better-sqlite3';
import type { ButtonCounts, Distribution, ForecastEntry, RetentionFigures, Statistics, StatisticsDay } from '../../shared/contract';
import { REVIEW_BUTTON, REVIEW_KIND } from '../db/migrations/0005-practice';
import { NotFoundError } from '../errors';
import { msg } from '../messages';
import { getSettings } from '../settings';
import { DAY } from '../time';
import { dayIndexSql, dayStarts, localDate } from './days';
import { forgettingCurve } from './readiness';

export const MATURE_DAYS = 21;
export const HISTORY_DAYS = 365;
export const DEFAULT_FORECAST_DAYS = 30;
/** Upper bounds of the stability bins, in days (the last bin is open-ended). */
export const STABILITY_BINS = [1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 180, 365, 730];

/** Answers of one study day and kind, by button; `g` is the kind: 0 new/learning, 1 relearning, 2 young, 3 mature. */
interface AnswerGroup {
  day: number;
  g: number;
  /** 1 again … 4 easy */
  r: number;
  n: number;
  ms: number;
}

export interface StatisticsOptions {
  deckId?: number | null;
  forecastDays?: number;
}

export function collectStatistics(db: Database, now: number, options: StatisticsOptions = {}): Statistics {
  const deckId = options.deckId ?? null;
  const forecastDays = options.forecastDays ?? DEFAULT_FORECAST_DAYS;
  const deck = deckId === null ? null : (db.prepare('SELECT id, name FROM deck WHERE id = ?').get(deckId) as { id: number; name: string } | undefined);
  if (deckId !== null && !deck) throw new NotFoundError(msg('deck.notFound', { id: String(deckId) }));
  const settings = getSettings(db);
  const h = settings.dayStartHour;

  // --- answers of the last year, per study day, kind and button -------------------------------
  const starts = dayStarts(now, h, -(HISTORY_DAYS - 1), HISTORY_DAYS);
  const todayIndex = HISTORY_DAYS - 1;
  const groups = answerGroups(db, starts, Math.min(now + 1, starts[HISTORY_DAYS]!), deckId);
  const days: StatisticsDay[] = starts.slice(0, HISTORY_DAYS).map((s) => ({
    date: localDate(s), learning: 0, young: 0, mature: 0, relearning: 0, total: 0, timeMs: 0,
  }));
  const KINDS = ['learning', 'relearning', 'young', 'mature'] as const;
  for (const g of groups) {
    const d = days[g.day]!;
    d[KINDS[g.g]!] += g.n;
    d.total += g.n;
    d.timeMs += g.ms;
  }

  const retention = (from: number, to = todayIndex): RetentionFigures => {
    const f: RetentionFigures = { young: figure(0, 0), mature: figure(0, 0), total: figure(0, 0) };
    for (const g of groups) {
      if (g.g < 2 || g.day < from || g.day > to) continue;
      for (const k of [g.g === 3 ? 'mature' : 'young', 'total'] as const) {
        if (g.r === 1) f[k].failed += g.n;
        else f[k].passed += g.n;
      }
    }
    for (const k of ['young', 'mature', 'total'] as const) f[k] = figure(f[k].passed, f[k].failed);
    return f;
  };
  const buttons = (from: number) => {
    const b = { learning: zeros(), young: zeros(), mature: zeros() };
    for (const g of groups) {
      if (g.day < from) continue;
      const kind = g.g === 3 ? 'mature' : g.g === 2 ? 'young' : 'learning';
      b[kind][g.r - 1]! += g.n;
    }
    return b;
  };

  const today = days[todayIndex]!;
  const todayGroups = groups.filter((g) => g.day === todayIndex);
  const todayCorrect = todayGroups.filter((g) => g.r > 1).reduce((a, g) => a + g.n, 0);
  const todayCounts = db
    .prepare(`SELECT count(DISTINCT card_id) AS cards, count(CASE WHEN state_before = 0 THEN 1 END) AS newCards
      FROM review WHERE reviewed_at >= ? AND reviewed_at <= ?${ofDeck(deckId)}`)
    .get(starts[todayIndex]!, now) as { cards: number; newCards: number };

  return {
    deck: deck ?? null,
    generatedAt: new Date(now).toISOString(),
    today: {
      date: today.date,
      answers: today.total,
      cards: todayCounts.cards,
      timeMs: today.timeMs,
      newCards: todayCounts.newCards,
      correct: today.total ? todayCorrect / today.total : null,
      retention: retention(todayIndex),
    },
    ...forecast(db, now, h, deckId, forecastDays),
    days,
    ...cardFigures(db, now, settings.weights, deckId),
    trueRetention: {
      today: retention(todayIndex),
      yesterday: retention(todayIndex - 1, todayIndex - 1),
      week: retention(todayIndex - 6),
      month: retention(todayIndex - 29),
      year: retention(0),
    },
    answerButtons: { month: buttons(todayIndex - 29), year: buttons(0) },
    streak: streak(db, days, starts, h, deckId),
  };
}

function figure(passed: number, failed: number) {
  return { passed, failed, rate: passed + failed ? passed / (passed + failed) : null };
}

function zeros(): ButtonCounts {
  return [0, 0, 0, 0];
}

/** An answer's kind (AnswerGroup.g) and its button as a packed count: the review_stats index's expressions. */
const KIND = `(${REVIEW_KIND})`;
const BUTTON = `(${REVIEW_BUTTON})`;

/** A condition on review rows: the answer is to a card of the deck (a key lookup per answer read). */
const ofDeck = (deckId: number | null) =>
  deckId === null ? '' : ` AND EXISTS (SELECT 1 FROM card WHERE card.id = review.card_id AND card.deck_id = ${Number(deckId)})`;

interface PackedKind {
  /** Answers of the kind. */
  n: bigint;
  ms: number;
  /** Its again, hard and good counts, 16 bits each (again in the lowest); easy is the rest. */
  k: bigint | null;
}

/**
 * Answers in [starts[0], end), per study day, kind and button, read along the review_stats index
 * (migration 0005), which is ordered by kind and time and holds each answer's button as a packed
 * count: per day and kind one index range, counted and summed without sorting, gives the again,
 * hard and good counts in 16-bit fields and easy as the rest (a day with 65,536 answers of a kind
 * or more could overflow a field, and is re-read exactly). A deck is read in one query grouped by
 * kind and day (its card ids are a set SQLite builds once, not once per day).
 */
function answerGroups(db: Database, starts: readonly number[], end: number, deckId: number | null): AnswerGroup[] {
  const groups: AnswerGroup[] = [];
  const unpack = (day: number, g: number, row: PackedKind) => {
    // Below 2^16 answers no 16-bit field overflows.
    if (row.n >= 65_536n) {
      groups.push(
        ...(db
          .prepare(`SELECT ${day} AS day, ${g} AS g, rating AS r, count(*) AS n, total(duration_ms) AS ms
            FROM review WHERE ${KIND} = ? AND reviewed_at >= ? AND reviewed_at < ?${ofDeck(deckId)} GROUP BY rating`)
          .all(g, starts[day]!, Math.min(starts[day + 1]!, end)) as AnswerGroup[]),
      );
      return;
    }
    // Time spent is kept per day and kind (on its first group); the split by button is not needed.
    let first = true;
    const k = row.k ?? 0n;
    const counts = [k & 0xffffn, (k >> 16n) & 0xffffn, (k >> 32n) & 0xffffn].map(Number);
    counts.push(Number(row.n) - counts[0]! - counts[1]! - counts[2]!);
    for (let r = 1; r <= 4; r++) {
      const n = counts[r - 1]!;
      if (n === 0) continue;
      groups.push({ day, g, r, n, ms: first ? row.ms : 0 });
      first = false;
    }
  };
  if (deckId !== null) {
    // A deck's answers: when it holds a good part of the collection, read the year along
    // review_stats keeping its cards' answers (their ids are a set SQLite builds once); a smaller
    // deck is read card by card along review_history (SQLite's own choice, without table statistics).
    const share = db.prepare('SELECT (SELECT count(*) FROM card WHERE deck_id = ?) * 10 > (SELECT count(*) FROM card)').pluck().get(deckId);
    // One SELECT per kind: with `kind IN (…)` SQLite would leave the index for the table rows.
    const day = dayIndexSql(starts, 'reviewed_at');
    const rows = db
      .prepare([0, 1, 2, 3].map((g) => `SELECT ${g} AS g, ${day} AS day, count(*) AS n, total(duration_ms) AS ms, sum(${BUTTON}) AS k
        FROM review${share ? ' INDEXED BY review_stats' : ''} WHERE ${KIND} = ${g} AND reviewed_at >= @from AND reviewed_at < @end
          AND card_id IN (SELECT id FROM card WHERE deck_id = ${Number(deckId)}) GROUP BY 2`).join(' UNION ALL '))
      .safeIntegers(true)
      .all({ from: starts[0]!, end }) as (PackedKind & { g: bigint; day: bigint })[];
    for (const row of rows) unpack(Number(row.day), Number(row.g), row);
  } else {
    const perDay = db
      .prepare(`SELECT count(*), total(duration_ms), sum(${BUTTON}) FROM review WHERE ${KIND} = ? AND reviewed_at >= ? AND reviewed_at < ?`)
      .safeIntegers(true)
      .raw();
    for (let day = 0; day < starts.length - 1 && starts[day]! < end; day++) {
      const to = Math.min(starts[day + 1]!, end);
      for (let g = 0; g < 4; g++) {
        const [n, ms, k] = perDay.get(g, starts[day]!, to) as [bigint, number, bigint | null];
        if (n !== 0n) unpack(day, g, { n, ms, k });
      }
    }
  }
  return groups;
}

/**
 * Due per study day from today; overdue cards count today. Young/mature by the card's interval.
 * One range of the cards' scheduling index per day, counted without grouping (no sorting).
 */
function forecast(db: Database, now: number, h: number, deckId: number | null, count: number): { forecast: ForecastEntry[]; overdue: number } {
  const starts = dayStarts(now, h, 0, count);
  const due = db.prepare(`SELECT count(CASE WHEN state != 2 THEN 1 END) AS learning,
      count(CASE WHEN state = 2 AND scheduled_days < ${MATURE_DAYS} THEN 1 END) AS young,
      count(CASE WHEN state = 2 AND scheduled_days >= ${MATURE_DAYS} THEN 1 END) AS mature
    FROM card WHERE deck_id IN (SELECT id FROM deck WHERE @deck IS NULL OR id = @deck) AND state IN (1, 2, 3)
      AND due >= @from AND due < @to AND suspended = 0`);
  const out = starts.slice(0, count).map((s, k): ForecastEntry => {
    const n = due.get({ deck: deckId, from: k === 0 ? Number.MIN_SAFE_INTEGER : s, to: starts[k + 1]! }) as { learning: number; young: number; mature: number };
    return { date: localDate(s), ...n, total: n.learning + n.young + n.mature };
  });
  const overdue = db
    .prepare(`SELECT count(*) FROM card WHERE deck_id IN (SELECT id FROM deck WHERE @deck IS NULL OR id = @deck) AND state IN (1, 2, 3) AND due < @end AND suspended = 0`)
    .pluck()
    .get({ deck: deckId, end: starts[0]! }) as number;
  return { forecast: out, overdue };
}

/**
 * Card counts, then the stability, difficulty and retrievability distributions. Counts stream along
 * the cards' queue index grouped by deck and state (its own order: no sorting). The distributions
 * read only the reviewed cards that are not suspended, once, along card_memory; the means are
 * SQL totals, the bins an aggregate (cardBins).
 */
function cardFigures(db: Database, now: number, weights: number[] | null, deckId: number | null) {
  const decks = 'deck_id IN (SELECT id FROM deck WHERE @deck IS NULL OR id = @deck)';
  const cardCounts = { new: 0, learning: 0, review: 0, relearning: 0, suspended: 0, buried: 0, total: 0 };
  const names = ['new', 'learning', 'review', 'relearning'] as const;
  // Exclusive: suspended first, then buried (until later than now), then by state.
  const byState = db
    .prepare(`SELECT state, count(*) AS n, count(CASE WHEN suspended THEN 1 END) AS suspended,
        count(CASE WHEN NOT suspended AND buried_until > @now THEN 1 END) AS buried
      FROM card WHERE ${decks} GROUP BY deck_id, state`)
    .all({ now, deck: deckId }) as { state: number; n: number; suspended: number; buried: number }[];
  for (const c of byState) {
    cardCounts[names[c.state]!] += c.n - c.suspended - c.buried;
    cardCounts.suspended += c.suspended;
    cardCounts.buried += c.buried;
    cardCounts.total += c.n;
  }

  // Distributions: one pass over the reviewed cards that are not suspended, binned as SQLite
  // streams them (no sort), predicted recall evaluated on the way (see cardBins).
  const binning = cardBins(db);
  binning.recall = forgettingCurve({ weights });
  binning.now = now;
  const row = db
    .prepare(`SELECT count(*) AS n, total(stability) AS s, total((difficulty - 1) / 9 * 100) AS d, ${binning.name}(stability, difficulty, last_review) AS bins
      FROM card WHERE ${decks} AND state IN (1, 2, 3) AND last_review IS NOT NULL AND suspended = 0 AND stability > 0`)
    .get({ deck: deckId }) as { n: number; s: number; d: number; bins: string | null };
  const binned = row.bins ? (JSON.parse(row.bins) as { counts: number[]; recall: number }) : { counts: [], recall: 0 };

  const stability = bins('days', [0, ...STABILITY_BINS].map((from, i) => [from, STABILITY_BINS[i] ?? null]));
  const difficulty = bins('percent', Array.from({ length: 10 }, (_, i) => [i * 10, (i + 1) * 10]));
  const retrievability = bins('percent', Array.from({ length: 20 }, (_, i) => [i * 5, (i + 1) * 5]));
  let i = 0;
  for (const dist of [stability, difficulty, retrievability]) {
    for (const bin of dist.bins) bin.count = binned.counts[i++] ?? 0;
    dist.cards = row.n;
  }
  const sums = { s: row.s, d: row.d, r: binned.recall };
  const mean = (sum: number, dist: Distribution) => (dist.cards ? sum / dist.cards : null);
  stability.mean = mean(sums.s, stability);
  difficulty.mean = mean(sums.d, difficulty);
  retrievability.mean = mean(sums.r, retrievability);
  return { cardCounts, stability, difficulty, retrievability };
}

interface Binned {
  counts: number[];
  recall: number;
  error: number;
}

interface CardBinning {
  /** The aggregate's SQL name. */
  name: string;
  /** The forgetting curve and the time to evaluate it at, for the next query that calls it. */
  recall: (elapsedDays: number, stability: number) => number;
  now: number;
}

/** Per connection, its card-binning aggregate. */
const cardBinnings = new WeakMap<Database, CardBinning>();

/**
 * An aggregate, registered once per connection, that bins cards (stability, difficulty, last
 * review) by stability (days, below each of STABILITY_BINS), difficulty ((D − 1) / 9 in tenths:
 * CAST((D − 1) / 0.9 AS INTEGER)) and predicted recall at `now` (twentieths: CAST(R × 20 AS
 * INTEGER)), and returns the three histograms' counts, in that order, and the sum of R × 100, as
 * JSON. Counting in an aggregate spares SQLite a GROUP BY, which sorts every card; R is `recall`,
 * ts-fsrs's forgetting curve in JavaScript, so it is exactly ts-fsrs's figure.
 */
function cardBins(db: Database): CardBinning {
  let binning = cardBinnings.get(db);
  if (binning) return binning;
  const b: CardBinning = { name: 'stratus_card_bins', recall: () => 0, now: 0 };
  const top = STABILITY_BINS.length;
  db.aggregate(b.name, {
    start: () => ({ counts: new Array<number>(top + 1 + 10 + 20).fill(0), recall: 0, error: 0 }),
    // Three arguments per card (the typings allow one).
    step: ((acc: Binned, stability: number, difficulty: number, lastReview: number) => {
      const r = b.recall((b.now - lastReview) / DAY, stability);
      let s = 0;
      while (s < top && !(stability < STABILITY_BINS[s]!)) s++;
      acc.counts[s]!++;
      acc.counts[top + 1 + Math.min(9, Math.max(0, Math.trunc((difficulty - 1) / 0.9)))]!++;
      acc.counts[top + 11 + Math.min(19, Math.max(0, Math.trunc(r * 20)))]!++;
      // Compensated (Neumaier) summation, as SQLite's total() sums.
      const x = r * 100;
      const t = acc.recall + x;
      acc.error += Math.abs(acc.recall) >= Math.abs(x) ? acc.recall - t + x : x - t + acc.recall;
      acc.recall = t;
    }) as unknown as (acc: Binned, next: unknown) => void,
    result: (acc) => JSON.stringify({ counts: acc.counts, recall: acc.recall + acc.error }),
  });
  cardBinnings.set(db, (binning = b));
  return binning;
}

function bins(unit: Distribution['unit'], edges: (number | null)[][]): Distribution {
  return { unit, bins: edges.map(([from, to]) => ({ from: from!, to: to ?? null, count: 0 })), cards: 0, mean: null };
}

/** The current streak may run past the year: older days are probed only while it keeps going. */
function streak(db: Database, days: StatisticsDay[], starts: readonly number[], h: number, deckId: number | null): Statistics['streak'] {
  const studied = days.map((d) => d.total > 0);
  const studiedToday = studied[studied.length - 1]!;
  let current = 0;
  let i = studied.length - (studiedToday ? 1 : 2);
  while (i >= 0 && studied[i]) {
    current++;
    i--;
  }
  if (i < 0 && current > 0) {
    // Every day of the year had answers: walk further back one study day at a time (an index probe
    // each; for a deck, the answers found are checked one by one, not its cards collected per probe).
    const probe = db.prepare(`SELECT 1 FROM review WHERE reviewed_at >= ? AND reviewed_at < ?${ofDeck(deckId)} LIMIT 1`);
    const day = new Date(starts[0]!);
    for (let to = starts[0]!; ; current++) {
      // The study day before: same calendar arithmetic as dayStarts (DST-safe).
      day.setDate(day.getDate() - 1);
      day.setHours(h, 0, 0, 0);
      const from = day.getTime();
      if (!probe.get(from, to)) break;
      to = from;
    }
  }
  let longest = 0;
  let run = 0;
  for (const s of studied) {
    run = s ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return { current, longest: Math.max(longest, current), studiedToday, daysStudied: studied.filter(Boolean).length };
}
