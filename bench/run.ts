// Performance of the core on a big collection (100,000 cards in one deck, 1,000,000 reviews):
//
//   answer round trip   study.answer() — schedule + persist + fetch the next card — against the
//                       FLOOR measured in the same run: ts-fsrs next() with the same engine plus
//                       one raw better-sqlite3 transaction writing the same rows. An extra
//                       reference, "floor + raw next-card fetch", adds one raw indexed SELECT of
//                       the next card row; it is printed apart and is not the target's floor.
//   open + queue        openStratus + new Study + nextCard, reopened each time, against a raw
//                       open + one indexed SELECT ... LIMIT 1.
//   breakdown           where the answer round trip spends its time (timers wrapped around the
//                       Study's methods from outside; the core is not modified).
//   back to back        the round trip again without the idle moment between answers (below).
//
// Connections are the core's as they are (openCollection's pragmas, wal_autocheckpoint included);
// the floor's copy is opened by openCollection too, so both have the same settings. Like the app's
// main process, which runs the core's checkpoint(db) on an idle timer between answers, the bench
// runs checkpoint() on both databases every CHECKPOINT_EVERY answers, OUTSIDE the timed region.
//
// Between two answers the app is idle for seconds (the user reads the card); Study uses that moment
// to render the cards it expects next (a setImmediate after each call). The bench gives it the same
// moment: one turn of the event loop after each answer, OUTSIDE the timed region, for the core and
// the floor alike. The "back to back" run skips it, so every card shown for the first time is
// rendered inside the answer, and is printed beside the main figures.
//
//   npm run bench [-- --json] [--answers N] [--warmup N] [--opens N] [--breakdown N] [--keep]
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { CARD_COLUMNS, type CardRow } from '../electron/core/cards';
import { checkpoint, openCollection, WAL_AUTOCHECKPOINT_PAGES } from '../electron/core/db/collection';
import { openStratus, readBuiltinDecks } from '../electron/core/open';
import { RenderCache, renderCardHtml } from '../electron/core/render';
import { createEngine, createScheduler, RATING_CODES, type MemoryState } from '../electron/core/scheduler';
import { getSettings } from '../electron/core/settings';
import { Study } from '../electron/core/study';
import { studyDay } from '../electron/core/time';
import type { Rating, StudyCard } from '../electron/shared/contract';
import { generateCollection, mulberry32, type Generated } from './generate';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    answers: { type: 'string', default: '10000' },
    warmup: { type: 'string', default: '300' },
    opens: { type: 'string', default: '10' },
    breakdown: { type: 'string', default: '2000' },
    keep: { type: 'boolean', default: false },
  },
});
const N = Number(args.answers);
const WARMUP = Number(args.warmup);
const OPENS = Number(args.opens);
const BREAKDOWN = Number(args.breakdown);
/** Answers between two idle checkpoints (the app: every 30 s, i.e. every few answers). */
const CHECKPOINT_EVERY = 100;
// With --json, stdout carries the JSON object only; progress goes to stderr.
const log = (s: string) => (args.json ? process.stderr : process.stdout).write(`${s}\n`);

const HOUR = 3_600_000;
// A fixed local morning, so the study day and the generated queue are the same on every run.
const NOW = new Date(2026, 2, 10, 10, 0, 0).getTime();
const BUILTINS = readBuiltinDecks(resolve(__dirname, '../decks'));
const benchStart = Date.now();

const ms = () => Number(process.hrtime.bigint()) / 1e6;

interface Stats {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { n: s.length, p50: r(q(0.5)), p90: r(q(0.9)), p99: r(q(0.99)), max: r(s.at(-1)!), mean: r(s.reduce((a, b) => a + b, 0) / s.length) };
}

// --- the collection ----------------------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), 'stratus-bench-'));
const file = join(dir, 'collection.db');
const floorFile = join(dir, 'floor.db');
process.on('exit', () => {
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
});

log(`Generating 100,000 cards and 1,000,000 reviews in ${dir} ...`);
const t0 = ms();
const gen: Generated = generateCollection({ file, now: NOW });
const generateMs = ms() - t0;
const fileBytes = statSync(file).size;
log(
  `  ${(generateMs / 1000).toFixed(1)} s, ${(fileBytes / 2 ** 20).toFixed(0)} MiB: ${gen.notes} notes, ${gen.cards} cards ` +
    `(new ${gen.byState.new}, learning ${gen.byState.learning}, review ${gen.byState.review}, relearning ${gen.byState.relearning}), ` +
    `${gen.reviews} reviews; due today: ${gen.dueReviewsToday} reviews, ${gen.dueLearningNow} learning cards`,
);

// The first open installs the built-in decks; do it once so the copy for the floor has them too.
openStratus(file, BUILTINS, NOW).close();
copyFileSync(file, floorFile);
const deckId = gen.deckId;

// --- answering: the core and its floor ------------------------------------------------------------

/** One answer the core made, replayed by the floor: same card, rating and time. */
interface Step {
  cardId: number;
  rating: Rating;
  now: number;
  durationMs: number;
}

const rand = mulberry32(7);
const pickRating = (): Rating => {
  const r = rand();
  return r < 0.1 ? 'again' : r < 0.2 ? 'hard' : r < 0.92 ? 'good' : 'easy';
};

let clock = NOW;
const db = openStratus(file, BUILTINS, NOW);
const study = new Study(db, () => clock);
let dayJumps = 0;
let next: StudyCard = nextOrTomorrow(study.nextCard(deckId).card);
/** Per-answer timers filled by the breakdown's wrappers (see `wrap`). */
const current: Record<string, number> = {};

/** One answer through the core, as the app makes it: answer the card the previous answer returned. */
function coreStep(): { step: Step; elapsed: number; parts: Record<string, number> } {
  const step: Step = { cardId: next.id, rating: pickRating(), now: clock, durationMs: 3000 + Math.floor(rand() * 9000) };
  for (const k of Object.keys(current)) delete current[k];
  const start = ms();
  const result = study.answer({ cardId: step.cardId, rating: step.rating, durationMs: step.durationMs });
  const elapsed = ms() - start;
  // The breakdown's timers for this answer only (a next morning's first card is fetched below).
  const parts = { ...current };
  clock += 4000 + Math.floor(rand() * 12_000);
  next = nextOrTomorrow(result.next.card);
  return { step, elapsed, parts };
}

/** The card to answer; when today's queue is done, the next morning's first (the study screen opening on it). */
function nextOrTomorrow(card: StudyCard | null): StudyCard {
  while (!card) {
    clock = studyDay(clock, 4).end + 5 * HOUR;
    dayJumps++;
    card = study.nextCard(deckId).card;
  }
  return card;
}

// The floor: the same engine and options, and one raw transaction with the same two writes, on a
// copy of the collection opened with the core's connection settings (openCollection). The card's
// state before is in memory (the floor reads nothing). `floorNextCard` is the extra reference:
// one raw SELECT of the next card row through the same index as the core's reviewDue (card_queue).
const floorDb = openCollection(floorFile);
const settings = getSettings(floorDb);
const engine = createEngine(settings);
const floorCards = new Map<number, MemoryState & { buriedUntil: number | null }>();
const loadCard = floorDb.prepare(
  'SELECT state, due, stability, difficulty, scheduled_days, learning_steps, reps, lapses, last_review, buried_until FROM card WHERE id = ?',
);
const floorUpdate = floorDb.prepare(`UPDATE card SET state = @state, due = @due, stability = @stability, difficulty = @difficulty,
  scheduled_days = @scheduled_days, learning_steps = @learning_steps, reps = @reps, lapses = @lapses,
  last_review = @last_review, buried_until = NULL WHERE id = @id`);
const floorInsert = floorDb.prepare(`INSERT INTO review (card_id, reviewed_at, rating, state_before, state_after, due, stability,
  difficulty, elapsed_days, scheduled_days, duration_ms, undo)
  VALUES (@card_id, @reviewed_at, @rating, @state_before, @state_after, @due, @stability, @difficulty,
  @elapsed_days, @scheduled_days, @duration_ms, @undo)`);
const FLOOR_NEXT_SQL = `SELECT ${CARD_COLUMNS} FROM card
  WHERE deck_id = ? AND state = 2 AND due < ? AND suspended = 0 AND (buried_until IS NULL OR buried_until <= ?) ORDER BY due, id LIMIT 1`;
const floorNextCard = floorDb.prepare(FLOOR_NEXT_SQL);
const floorTxn = floorDb.transaction((fn: () => void) => fn());

type FloorCard = MemoryState & { buriedUntil: number | null };

function floorCard(id: number): FloorCard {
  const cached = floorCards.get(id);
  if (cached) return cached;
  const r = loadCard.get(id) as CardRow;
  const c: FloorCard = {
    state: r.state, due: r.due, stability: r.stability, difficulty: r.difficulty, scheduledDays: r.scheduled_days,
    learningSteps: r.learning_steps, reps: r.reps, lapses: r.lapses, lastReview: r.last_review, buriedUntil: r.buried_until,
  };
  floorCards.set(id, c);
  return c;
}

/** `elapsed`: the floor; `withNext`: the floor + one raw next-card SELECT (the extra reference). */
function floorStep(step: Step): { elapsed: number; withNext: number } {
  const before = floorCard(step.cardId);
  const dayEnd = studyDay(step.now, settings.dayStartHour).end;
  const start = ms();
  const { card, log: rlog } = engine.next(
    {
      card_id: step.cardId, due: new Date(before.due), stability: before.stability, difficulty: before.difficulty, elapsed_days: 0,
      scheduled_days: before.scheduledDays, learning_steps: before.learningSteps, reps: before.reps, lapses: before.lapses, state: before.state,
      ...(before.lastReview === null ? {} : { last_review: new Date(before.lastReview) }),
    } as Parameters<typeof engine.next>[0],
    new Date(step.now),
    RATING_CODES[step.rating],
  );
  const after: MemoryState = {
    state: card.state as MemoryState['state'], due: card.due.getTime(), stability: card.stability, difficulty: card.difficulty,
    scheduledDays: card.scheduled_days, learningSteps: card.learning_steps, reps: card.reps, lapses: card.lapses,
    lastReview: card.last_review ? card.last_review.getTime() : null,
  };
  floorTxn.immediate(() => {
    floorUpdate.run({
      id: step.cardId, state: after.state, due: after.due, stability: after.stability, difficulty: after.difficulty,
      scheduled_days: after.scheduledDays, learning_steps: after.learningSteps, reps: after.reps, lapses: after.lapses, last_review: after.lastReview,
    });
    floorInsert.run({
      card_id: step.cardId, reviewed_at: step.now, rating: RATING_CODES[step.rating], state_before: before.state, state_after: after.state,
      due: after.due, stability: after.stability, difficulty: after.difficulty, elapsed_days: rlog.elapsed_days, scheduled_days: after.scheduledDays,
      duration_ms: step.durationMs, undo: JSON.stringify({ card: before, buried: [] }),
    });
  });
  const elapsed = ms() - start;
  floorNextCard.get(deckId, dayEnd, step.now);
  const withNext = ms() - start;
  floorCards.set(step.cardId, { ...after, buriedUntil: null });
  return { elapsed, withNext };
}

// --- idle checkpoints, as the app's main process runs them ----------------------------------------
// The app calls checkpoint(db) every 30 s between answers, never inside one; the bench does the same
// every CHECKPOINT_EVERY answers on the core's and the floor's databases, outside every timer. Their
// own cost is recorded apart (it is not part of any answer).
const checkpointTimes = { core: [] as number[], floor: [] as number[] };
const sinceCheckpoint = { core: 0, floor: 0 };

function idleCheckpoint(which: 'core' | 'floor') {
  const start = ms();
  checkpoint(which === 'core' ? db : floorDb);
  checkpointTimes[which].push(ms() - start);
  sinceCheckpoint[which] = 0;
}

function answered(which: 'core' | 'floor') {
  if (++sinceCheckpoint[which] >= CHECKPOINT_EVERY) idleCheckpoint(which);
}

interface Measured {
  core: Stats;
  floor: Stats;
  /** Extra reference: the floor + one raw SELECT of the next card row. */
  floorWithNext: Stats;
  ratioP50: number;
  ratioP50WithNext: number;
}

/**
 * `warmup` + `n` answers, core and floor interleaved in blocks of CHECKPOINT_EVERY (the floor
 * replays the block the core just answered), so both see the same machine load; an idle
 * checkpoint on each database closes each block.
 */
/** One turn of the event loop: the idle moment between two answers (see the top of this file). */
const idle = () => new Promise<void>((resolve) => setImmediate(resolve));

async function measure(n: number, warmup: number, withIdle = true): Promise<Measured> {
  const coreTimes: number[] = [];
  const floorTimes: number[] = [];
  const withNextTimes: number[] = [];
  for (let done = 0; done < warmup + n; done += CHECKPOINT_EVERY) {
    const steps: Step[] = [];
    for (let i = 0; i < Math.min(CHECKPOINT_EVERY, warmup + n - done); i++) {
      const { step, elapsed } = coreStep();
      answered('core');
      if (withIdle) await idle();
      steps.push(step);
      if (done + i >= warmup) coreTimes.push(elapsed);
    }
    for (const [i, step] of steps.entries()) {
      const { elapsed, withNext } = floorStep(step);
      answered('floor');
      if (withIdle) await idle();
      if (done + i >= warmup) {
        floorTimes.push(elapsed);
        withNextTimes.push(withNext);
      }
    }
  }
  const core = stats(coreTimes);
  const floor = stats(floorTimes);
  const floorWithNext = stats(withNextTimes);
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  return { core, floor, floorWithNext, ratioP50: ratio(core.p50, floor.p50), ratioP50WithNext: ratio(core.p50, floorWithNext.p50) };
}

// --- breakdown: where an answer's time goes ----------------------------------------------------
// Timers wrapped around the Study's (TypeScript-private) methods and its scheduler, from outside.
type Fn = (...a: unknown[]) => unknown;
function wrap(target: Record<string, unknown>, name: string, label = name): () => void {
  const original = target[name] as Fn;
  target[name] = function (this: unknown, ...a: unknown[]) {
    const start = ms();
    try {
      return original.apply(this, a);
    } finally {
      current[label] = (current[label] ?? 0) + ms() - start;
    }
  };
  return () => {
    target[name] = original;
  };
}

async function breakdown(n: number): Promise<{ steps: Record<string, Stats>; renderHits: number; renders: number }> {
  const proto = Study.prototype as unknown as Record<string, unknown>;
  // Study keeps one scheduler per deck-options preset, handed out by its private deck() and kept
  // in each day queue: time the copies it hands out while the breakdown runs (reloadSettings()
  // drops the day queues, so they are rebuilt with the timed copies, and again after).
  const originalDeck = proto.deck as (this: unknown, deckId: number) => { scheduler: Record<string, unknown> };
  const timed = new Map<unknown, Record<string, unknown>>();
  proto.deck = function (this: unknown, deckId: number) {
    const entry = originalDeck.call(this, deckId);
    let scheduler = timed.get(entry.scheduler);
    if (!scheduler) {
      scheduler = { ...entry.scheduler };
      wrap(scheduler, 'answer', 'scheduler.answer');
      wrap(scheduler, 'preview', 'scheduler.preview');
      timed.set(entry.scheduler, scheduler);
    }
    return { ...entry, scheduler };
  };
  // Card HTML comes from Study's RenderCache: count how often it already held the text.
  const cacheProto = RenderCache.prototype as unknown as Record<string, unknown>;
  const originalRender = cacheProto.render as (this: RenderCache, text: string) => unknown;
  let renders = 0;
  let renderHits = 0;
  // Counted (and timed) inside the answer only: the idle moment after it renders ahead too.
  cacheProto.render = function (this: RenderCache, text: string) {
    current.renders = (current.renders ?? 0) + 1;
    if (this.has(text)) current.renderHits = (current.renderHits ?? 0) + 1;
    return originalRender.call(this, text);
  };
  const unwrap = [
    wrap(proto, 'sync'),
    wrap(proto, 'record'),
    wrap(proto, 'applyAnswer'),
    wrap(proto, 'next'),
    wrap(proto, 'build'),
    wrap(proto, 'fill'),
    wrap(proto, 'studyCard'),
    wrap(cacheProto, 'render'),
  ];
  study.reloadSettings();
  const parts: Record<string, number[]> = {};
  try {
    for (let i = 0; i < n; i++) {
      const { elapsed, parts: timers } = coreStep();
      const c = (k: string) => timers[k] ?? 0;
      renders += c('renders');
      renderHits += c('renderHits');
      const write = elapsed - c('applyAnswer') - c('next');
      const row = {
        'total (study.answer)': elapsed,
        'write: answer transaction': write,
        '  scheduler.answer (ts-fsrs next)': c('scheduler.answer'),
        '  SQL: read card, bury siblings, update, insert; undo JSON': c('record') - c('scheduler.answer'),
        '  change check: data_version + total_changes()': c('sync'),
        '  BEGIN IMMEDIATE + COMMIT (WAL append), total_changes()': write - c('record') - c('sync'),
        'day queue: the answer applied in memory': c('applyAnswer'),
        'fetch the next card: next': c('next'),
        '  day queue built from SQL (new day, other writes)': c('build'),
        '  review/new cards loaded from SQL (limits, margin)': c('fill'),
        '  pick + counts from memory, the card\'s row SELECT': c('next') - c('build') - c('fill') - c('studyCard'),
        '  studyCard: scheduler.preview (ts-fsrs repeat)': c('scheduler.preview'),
        '  studyCard: front + back HTML (RenderCache)': c('render'),
        '  studyCard: interval labels, result': c('studyCard') - c('scheduler.preview') - c('render'),
      };
      for (const [k, v] of Object.entries(row)) (parts[k] ??= []).push(v);
      answered('core');
      await idle();
    }
  } finally {
    unwrap.forEach((u) => u());
    proto.deck = originalDeck;
    cacheProto.render = originalRender;
    study.reloadSettings();
  }
  return { steps: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, stats(v)])), renderHits, renders };
}

function timeIt(fn: (i: number) => void, n: number): Stats {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = ms();
    fn(i);
    xs.push(ms() - s);
  }
  return stats(xs);
}

/** Costs of single operations of the round trip, measured alone. */
function isolated(): Record<string, Stats> {
  const sched = createScheduler(settings);
  const rows = db
    .prepare(`SELECT ${CARD_COLUMNS} FROM card WHERE deck_id = ? AND state = 2 ORDER BY id LIMIT 500`)
    .all(deckId) as CardRow[];
  const at = (i: number) => rows[i % rows.length]!;
  const memory = (r: CardRow): MemoryState => ({
    state: r.state, due: r.due, stability: r.stability, difficulty: r.difficulty, scheduledDays: r.scheduled_days,
    learningSteps: r.learning_steps, reps: r.reps, lapses: r.lapses, lastReview: r.last_review,
  });
  const day = studyDay(clock, 4);
  // Deck-scoped statements are pairs: [one deck (deck_id = @deck), a subtree (json_each)].
  const doneToday = (study as unknown as { sql: { scoped: { doneToday: [{ get: (p: object) => unknown }] } } }).sql.scoped.doneToday[0];
  const rawNext = db.prepare(FLOOR_NEXT_SQL);
  return {
    'renderCardHtml(front) + renderCardHtml(back)': timeIt((i) => (renderCardHtml(at(i).front), renderCardHtml(at(i).back)), 2000),
    'scheduler.answer (ts-fsrs next, one rating)': timeIt((i) => sched.answer(at(i).id, memory(at(i)), 'good', clock), 2000),
    'scheduler.preview (ts-fsrs repeat, four ratings)': timeIt((i) => sched.preview(at(i).id, memory(at(i)), clock), 2000),
    'doneToday query (Study.limits)': timeIt(() => doneToday.get({ since: day.start, deck: deckId }), 500),
    'raw next-card SELECT (the extra reference\'s)': timeIt(() => rawNext.get(deckId, day.end, clock), 500),
    'study.nextCard (nothing answered in between)': timeIt(() => study.nextCard(deckId), 500),
    'study.sessionSummary (end-of-session screen)': timeIt(() => study.sessionSummary(deckId, day.start), 50),
    'study.listDecks (deck list screen)': timeIt(() => study.listDecks(), 50),
  };
}

/** The indexes SQLite picks for the core's next-review SELECT and for the raw one. */
function queryPlans(): { coreReviewDue: string; rawNextCard: string } {
  const source = (study as unknown as { sql: { scoped: { reviewLane: [{ source: string }] } } }).sql.scoped.reviewLane[0].source;
  const plan = (sql: string, ...params: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('; ');
  return {
    coreReviewDue: plan(source, { deck: deckId, end: clock, now: clock, limit: 1 }),
    rawNextCard: plan(FLOOR_NEXT_SQL, deckId, clock, clock),
  };
}

// --- open + today's queue ------------------------------------------------------------------------

function openAndQueue() {
  const total: number[] = [];
  const parts: Record<string, number[]> = { openStratus: [], 'new Study': [], nextCard: [], close: [] };
  for (let i = 0; i <= OPENS; i++) {
    const a = ms();
    const d = openStratus(file, BUILTINS, clock);
    const b = ms();
    const s = new Study(d, () => clock);
    const c = ms();
    s.nextCard(deckId);
    const e = ms();
    d.close();
    const f = ms();
    if (i === 0) continue; // warm-up
    total.push(e - a);
    parts.openStratus!.push(b - a);
    parts['new Study']!.push(c - b);
    parts.nextCard!.push(e - c);
    parts.close!.push(f - e);
  }
  const floorTimes: number[] = [];
  for (let i = 0; i <= OPENS; i++) {
    const a = ms();
    const d = new Database(file);
    d.prepare(`SELECT ${CARD_COLUMNS} FROM card WHERE deck_id = ? AND state = 2 AND due < ? ORDER BY due, id LIMIT 1`).get(deckId, clock);
    const b = ms();
    d.close();
    if (i > 0) floorTimes.push(b - a);
  }
  return {
    core: stats(total),
    floor: stats(floorTimes),
    parts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, stats(v)])),
  };
}

// --- run --------------------------------------------------------------------------------------------

async function main(): Promise<void> {

  log(
    `Answer round trip: ${WARMUP} warm-up + ${N} measured answers (core and floor interleaved); ` +
      `checkpoint(db) every ${CHECKPOINT_EVERY} answers, outside the timers ...`,
  );
  const answer = await measure(N, WARMUP);
  log(`Breakdown: ${BREAKDOWN} more answers with timers around the Study's steps ...`);
  const { steps: answerBreakdown, renderHits, renders } = await breakdown(BREAKDOWN);
  log(`Back to back: ${BREAKDOWN} more answers with no idle moment between them ...`);
  const backToBack = await measure(BREAKDOWN, CHECKPOINT_EVERY, false);
  const answerIsolated = isolated();
  const plans = queryPlans();
  const reviewsNow = (db.prepare('SELECT count(*) AS n FROM review').get() as { n: number }).n;
  log(`  (${dayJumps} study days crossed; ${reviewsNow} reviews in the collection)`);
  db.close();
  floorDb.close();

  log(`Open + today's queue: ${OPENS} runs (+1 warm-up), reopening the file each time ...`);
  const open = openAndQueue();

  // --- report -------------------------------------------------------------------------------------

  const TARGET = { ratio: 1.5, p99: 2, open: 50 };
  const met = (m: Measured) => ({ ratio: m.ratioP50 <= TARGET.ratio, p99: m.core.p99 <= TARGET.p99 });
  const result = {
    collection: { ...gen, generateMs: Math.round(generateMs), fileBytes, file: args.keep ? file : null },
    targets: { ratioP50: TARGET.ratio, p99Ms: TARGET.p99, openMs: TARGET.open },
    answer: { iterations: N, warmup: WARMUP, ...answer, met: met(answer) },
    breakdown: { iterations: BREAKDOWN, steps: answerBreakdown, renderCacheHits: renderHits, renders },
    backToBack: { iterations: BREAKDOWN, ...backToBack },
    isolated: answerIsolated,
    queryPlans: plans,
    checkpoint: {
      everyAnswers: CHECKPOINT_EVERY,
      walAutocheckpointPages: WAL_AUTOCHECKPOINT_PAGES,
      mode: 'PASSIVE, outside the timed region',
      core: stats(checkpointTimes.core),
      floor: stats(checkpointTimes.floor),
    },
    open: { runs: OPENS, ...open, met: open.core.p50 <= TARGET.open },
    studyDaysCrossed: dayJumps,
    reviewsAtEnd: reviewsNow,
    totalMs: Date.now() - benchStart,
  };

  if (args.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const f = (x: number) => x.toFixed(3);
    const ok = (b: boolean) => (b ? 'met' : 'MISSED');
    const m = answer;
    const table = (title: string, rows: Record<string, Stats>) => {
      log(title);
      for (const [k, v] of Object.entries(rows)) log(`  ${k.padEnd(58)} ${f(v.mean).padStart(8)} ${f(v.p50).padStart(8)} ${f(v.p99).padStart(8)}`);
    };
    const cp = result.checkpoint;
    log('');
    log(
      `answer round trip: p50 ${f(m.core.p50)} ms (floor ${f(m.floor.p50)} ms, ratio ${m.ratioP50.toFixed(2)}×, target ≤ ${TARGET.ratio}×: ${ok(met(m).ratio)}), ` +
        `p99 ${f(m.core.p99)} ms (target ≤ ${TARGET.p99} ms: ${ok(met(m).p99)}), mean ${f(m.core.mean)} ms`,
    );
    log(`    core  p50 ${f(m.core.p50)}, p90 ${f(m.core.p90)}, p99 ${f(m.core.p99)}, max ${f(m.core.max)}, mean ${f(m.core.mean)} ms`);
    log(`    floor p50 ${f(m.floor.p50)}, p90 ${f(m.floor.p90)}, p99 ${f(m.floor.p99)}, max ${f(m.floor.max)}, mean ${f(m.floor.mean)} ms  (ts-fsrs next + one raw write transaction)`);
    log(
      `    extra reference, NOT the target's floor — floor + raw next-card fetch (one raw SELECT of the next card row via card_queue): ` +
        `p50 ${f(m.floorWithNext.p50)}, p99 ${f(m.floorWithNext.p99)}, mean ${f(m.floorWithNext.mean)} ms; core p50 is ${m.ratioP50WithNext.toFixed(2)}× this`,
    );
    log(
      `    WAL: the core's wal_autocheckpoint (${WAL_AUTOCHECKPOINT_PAGES} pages) as is; checkpoint(db) (PASSIVE) every ${CHECKPOINT_EVERY} answers ` +
        `on the core's and the floor's db, outside the timed region, like the app's 30-s idle timer ` +
        `(core: ${cp.core.n}×, p50 ${f(cp.core.p50)}, max ${f(cp.core.max)} ms; floor: ${cp.floor.n}×, p50 ${f(cp.floor.p50)}, max ${f(cp.floor.max)} ms)`,
    );
    log(
      `back to back (no idle moment between answers, so nothing is rendered ahead): p50 ${f(backToBack.core.p50)} ms ` +
        `(floor ${f(backToBack.floor.p50)} ms, ${backToBack.ratioP50.toFixed(2)}×), p99 ${f(backToBack.core.p99)} ms`,
    );
    log(
      `open + today's queue: median ${f(open.core.p50)} ms (floor ${f(open.floor.p50)} ms: raw open + one SELECT … LIMIT 1), ` +
        `target ≤ ${TARGET.open} ms: ${ok(open.core.p50 <= TARGET.open)}`,
    );
    log(`    medians: ${Object.entries(open.parts).map(([k, v]) => `${k} ${f(v.p50)}`).join(', ')} ms`);
    log('');
    table(`Where an answer's time goes (${BREAKDOWN} answers; mean / p50 / p99 ms):`, answerBreakdown);
    log(`  (card HTML already in Study's RenderCache for ${renderHits} of ${renders} sides shown)`);
    table('Alone (mean / p50 / p99 ms):', answerIsolated);
    log(`Query plans: core reviewDue: ${plans.coreReviewDue}; raw next-card: ${plans.rawNextCard}`);
    log(`(${dayJumps} study days crossed, ${reviewsNow} reviews at the end; whole run ${((Date.now() - benchStart) / 1000).toFixed(1)} s)`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
