// Statistics, readiness and the optimizer on big collections:
//
//   stats + readiness   collectStatistics (the statistics page) + readinessReport (readiness and
//                       the projection to the exam) on 100,000 cards / 1,000,000 reviews, target
//                       ≤ 200 ms, printed beside a FLOOR measured in the same run: raw SQL that
//                       reads the same data once with the simplest aggregates (per-day answer
//                       counts over the year, one pass over the cards' scheduling index with a
//                       per-deck sum, one count of the cards due before the exam).
//   optimizer           optimize() (training items from the review log, fit before, fsrs-rs
//                       training, fit after) over 100,000 reviews, target ≤ 2 s; the binding's
//                       first load is timed apart.
//
// Each timing also shows the first (warm-up) call and the median CPU time of the process (all its
// threads, GC included), and the report starts with the load average: 2 cores are shared here, so
// compare runs made under the same load.
//
//   npx tsx bench/stats.ts [--json] [--runs N]        (or runStatsBench() from bench/run.ts)
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openCollection } from '../electron/core/db/collection';
import { dayStarts } from '../electron/core/exam/days';
import { loadOptimizer, optimize } from '../electron/core/exam/optimizer';
import { installClfC02Preset, mapDeckToDomain } from '../electron/core/exam/profile';
import { computeProjection, readinessReport } from '../electron/core/exam/projection';
import { computeReadiness } from '../electron/core/exam/readiness';
import { collectStatistics } from '../electron/core/exam/statistics';
import { localDate } from '../electron/core/exam/days';
import { generateCollection } from './generate';

export interface Timing {
  runs: number;
  p50: number;
  p90: number;
  min: number;
  max: number;
  /** The first (warm-up) call, not in the figures above: statements prepared, caches cold. */
  first: number;
  /** Median CPU time of this process per run (ms): the work itself, less sensitive to a loaded machine. */
  cpuP50: number;
}

export interface StatsBenchResult {
  /** The machine's 1-minute load average before and after the timed runs (2 shared cores here). */
  loadAverage: { before: number; after: number; cores: number };
  collection: { cards: number; reviews: number; examDate: string; projectedDays: number };
  statsAndReadiness: Timing & { target: number; met: boolean };
  floor: Timing;
  ratioP50: number;
  parts: Record<'statistics' | 'readiness' | 'projection', Timing>;
  optimizer: { reviews: number; items: number; ms: number; firstLoadMs: number; target: number; met: boolean; status: string };
}

const ms = () => Number(process.hrtime.bigint()) / 1e6;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function timing(xs: number[], cpu: number[], first: number): Timing {
  const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
  const s = sorted(xs);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  const r = (x: number) => Math.round(x * 10) / 10;
  const c = sorted(cpu);
  return { runs: s.length, p50: r(q(0.5)), p90: r(q(0.9)), min: r(s[0]!), max: r(s.at(-1)!), first: r(first), cpuP50: r(c[Math.ceil(c.length / 2) - 1]!) };
}

function time(runs: number, fn: () => unknown): Timing {
  let start = ms();
  fn(); // warm-up
  const first = ms() - start;
  const xs: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = cpuMs();
    start = ms();
    fn();
    xs.push(ms() - start);
    cpu.push(cpuMs() - c);
  }
  return timing(xs, cpu, first);
}

export async function runStatsBench(options: { runs?: number; log?: (s: string) => void } = {}): Promise<StatsBenchResult> {
  const runs = options.runs ?? 7;
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'stratus-bench-stats-'));
  try {
    // A fixed local morning, as bench/run.ts; the exam is six weeks later.
    const now = new Date(2026, 2, 10, 10, 0, 0).getTime();
    const examDate = localDate(dayStarts(now, 4, 42, 0)[0]!);
    const file = join(dir, 'big.db');
    log('Generating 100,000 cards and 1,000,000 reviews ...');
    const gen = generateCollection({ file, now });
    const db = openCollection(file);
    const exam = installClfC02Preset(db, now, examDate);
    mapDeckToDomain(db, gen.deckId, exam.domains.find((d) => d.name === 'Cloud Technology and Services')!.id);

    log(`stats + readiness: ${runs} runs (+1 warm-up) ...`);
    const loadBefore = loadavg()[0]!;
    const total = time(runs, () => {
      collectStatistics(db, now);
      readinessReport(db, now);
    });
    // The floor: the same data read once by raw SQL with the simplest aggregates.
    const starts = dayStarts(now, 4, -364, 365);
    const perDay = db.prepare('SELECT count(*) FROM review WHERE reviewed_at >= ? AND reviewed_at < ?');
    const perDeck = db.prepare('SELECT deck_id, count(*), total(stability), total(last_review) FROM card WHERE suspended = 0 GROUP BY deck_id');
    const dueBefore = db.prepare('SELECT count(*) FROM card WHERE deck_id IN (SELECT id FROM deck) AND state IN (1, 2, 3) AND due < ?');
    const until = dayStarts(now, 4, 42, 0)[0]!;
    const floor = time(runs, () => {
      for (let d = 0; d < 365; d++) perDay.get(starts[d]!, starts[d + 1]!);
      perDeck.all();
      dueBefore.get(until);
    });
    const fresh = installClfC02Preset(db, now, examDate);
    const parts = {
      statistics: time(runs, () => collectStatistics(db, now)),
      readiness: time(runs, () => computeReadiness(db, fresh, { now })),
      projection: time(runs, () => computeProjection(db, fresh, { now })),
    };
    const projectedDays = computeProjection(db, fresh, { now }).dailyReviews.length;
    const loadAfter = loadavg()[0]!;
    db.close();

    // The optimizer over 100,000 reviews (10,000 cards).
    const small = join(dir, 'optimizer.db');
    log('Generating 10,000 cards and 100,000 reviews for the optimizer ...');
    generateCollection({ file: small, now, cards: 10_000, reviews: 100_000, twoCardNotes: 1_000, learning: 30, newCards: 4_000 });
    const odb = openCollection(small);
    let start = ms();
    await loadOptimizer();
    const firstLoadMs = ms() - start;
    log('optimize() ...');
    start = ms();
    const r = await optimize(odb);
    const optimizerMs = ms() - start;
    odb.close();

    const TARGET = { stats: 200, optimizer: 2000 };
    const round = (x: number) => Math.round(x * 100) / 100;
    return {
      loadAverage: { before: round(loadBefore), after: round(loadAfter), cores: cpus().length },
      collection: { cards: gen.cards, reviews: gen.reviews, examDate, projectedDays },
      statsAndReadiness: { ...total, target: TARGET.stats, met: total.p50 <= TARGET.stats },
      floor,
      ratioP50: Math.round((total.p50 / floor.p50) * 100) / 100,
      parts,
      optimizer: {
        reviews: r.reviews,
        items: r.items,
        ms: Math.round(optimizerMs),
        firstLoadMs: Math.round(firstLoadMs),
        target: TARGET.optimizer,
        met: optimizerMs <= TARGET.optimizer,
        status: r.status,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(r: StatsBenchResult): string {
  const t = (x: Timing) => `p50 ${x.p50} ms, p90 ${x.p90} ms (min ${x.min}, max ${x.max}, ${x.runs} runs; first ${x.first} ms; CPU p50 ${x.cpuP50} ms)`;
  const ok = (b: boolean) => (b ? 'met' : 'MISSED');
  return [
    `load average ${r.loadAverage.before} before, ${r.loadAverage.after} after the timed runs (${r.loadAverage.cores} cores)`,
    `stats + readiness (statistics page + readiness + projection of ${r.collection.projectedDays} days to ${r.collection.examDate}), ` +
      `${r.collection.cards} cards / ${r.collection.reviews} reviews: ${t(r.statsAndReadiness)}; target ≤ ${r.statsAndReadiness.target} ms: ${ok(r.statsAndReadiness.met)}`,
    `    floor (raw SQL: per-day answer counts over a year, per-deck card sums, cards due before the exam): ${t(r.floor)}; core p50 is ${r.ratioP50}× the floor`,
    `    parts: statistics ${t(r.parts.statistics)}`,
    `           readiness  ${t(r.parts.readiness)}`,
    `           projection ${t(r.parts.projection)}`,
    `optimizer over ${r.optimizer.reviews} reviews (${r.optimizer.items} training items, ${r.optimizer.status}): ${r.optimizer.ms} ms; ` +
      `target ≤ ${r.optimizer.target} ms: ${ok(r.optimizer.met)} (binding first load ${r.optimizer.firstLoadMs} ms, apart)`,
  ].join('\n');
}

if (require.main === module) {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, runs: { type: 'string', default: '7' } } });
  const log = (s: string) => (values.json ? process.stderr : process.stdout).write(`${s}\n`);
  runStatsBench({ runs: Number(values.runs), log }).then(
    (r) => (values.json ? process.stdout.write(`${JSON.stringify(r, null, 2)}\n`) : log(report(r))),
    (err: unknown) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 1;
    },
  );
}

export { report as formatStatsBench };
