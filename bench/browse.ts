// The card browser on a big collection (100,000 cards, 1,000,000 reviews; bench/generate.ts):
//
//   search + first page   searchCards(query, sort, offset 0, limit 100): compile the query, sort,
//                         page, count the total and build 100 rows — what the browser does when a
//                         search is typed. Beside it, the FLOOR measured in the same run: raw
//                         better-sqlite3 SELECTs doing the same work by hand (the same WHERE and
//                         ORDER BY written as literal SQL, LIMIT 100, count(*), and one SELECT of the
//                         100 rows with their deck and note), no query compiling, no row mapping.
//   all ids               searchCardIds over every card (a virtualized table's first load), beside
//                         a raw `SELECT id FROM card ORDER BY due, id`.
//   scroll step           browseRows for 100 ids from the middle of the list, beside the raw SELECT
//                         of those rows.
//   bulk + undo           suspend 10,000 cards and undo it (one transaction each).
//
//   npx tsx bench/browse.ts [--json] [--runs N] [--reviews N] [--keep]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { browseRows, bulkAction, searchCardIds, searchCards } from '../electron/core/browse';
import { openCollection } from '../electron/core/db/collection';
import { Study } from '../electron/core/study';
import { undoLatest } from '../electron/core/undoLog';
import type { BrowseColumn } from '../electron/shared/contract';
import { generateCollection } from './generate';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    runs: { type: 'string', default: '15' },
    reviews: { type: 'string', default: '1000000' },
    keep: { type: 'boolean', default: false },
  },
});
const RUNS = Number(args.runs);
const NOW = Date.parse('2026-11-23T09:00:00Z');
const DAY = 86_400_000;

const dir = mkdtempSync(join(tmpdir(), 'stratus-bench-browse-'));
const file = join(dir, 'collection.stratus');
const started = performance.now();
const generated = generateCollection({ file, now: NOW, reviews: Number(args.reviews) });
const generateMs = performance.now() - started;
const db = openCollection(file);
// Some variety in tags, so tag: searches select part of the collection.
db.exec("UPDATE note SET tags = 'aws bench storage' WHERE id % 10 = 0; UPDATE note SET tags = 'aws bench security::iam' WHERE id % 10 = 1;");

interface Stats {
  median: number;
  p95: number;
}

function time(fn: () => unknown, runs = RUNS): Stats {
  fn(); // warm-up: statement preparation, page cache
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  return { median: xs[Math.floor(xs.length / 2)]!, p95: xs[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]! };
}

const ROW_SQL = `SELECT c.id, c.note_id, c.deck_id, d.name, c.front, c.back, n.tags, c.state, c.suspended, c.buried_until, c.flag, c.due,
  c.position, c.scheduled_days, c.stability, c.difficulty, c.last_review, c.reps, c.lapses, n.created_at, n.updated_at
  FROM card c JOIN note n ON n.id = c.note_id JOIN deck d ON d.id = c.deck_id WHERE c.id IN (SELECT value FROM json_each(?))`;
const rawRows = db.prepare(ROW_SQL);

/** The floor of one search: the literal SQL's page of ids, its count, and the rows. */
function floor(where: string, order: string, params: unknown[] = [], join = ''): () => unknown {
  const page = db.prepare(`SELECT c.id FROM card c${join} WHERE ${where} ORDER BY ${order}, c.id LIMIT 100`).pluck();
  const count = db.prepare(`SELECT count(*) FROM card c${join} WHERE ${where}`).pluck();
  return () => {
    const ids = page.all(...params);
    count.get(...params);
    return rawRows.all(JSON.stringify(ids));
  };
}

const NOTE = ' JOIN note n ON n.id = c.note_id';
const scenarios: { name: string; query: string; sort: BrowseColumn; floor: () => unknown }[] = [
  { name: 'all cards, by due', query: '', sort: 'due', floor: floor('1', 'c.state = 0, CASE WHEN c.state = 0 THEN c.position ELSE c.due END') },
  { name: 'all cards, by added', query: '', sort: 'added', floor: floor('1', 'n.created_at', [], NOTE) },
  { name: 'all cards, by front', query: '', sort: 'front', floor: floor('1', 'c.front COLLATE NOCASE') },
  { name: 'free text "Amazon S3"', query: '"Amazon S3"', sort: 'due', floor: floor("(c.front LIKE '%Amazon S3%' OR c.back LIKE '%Amazon S3%')", 'c.due') },
  { name: 'is:due', query: 'is:due', sort: 'due', floor: floor(`c.suspended = 0 AND (c.buried_until IS NULL OR c.buried_until <= ${NOW}) AND ((c.state IN (1, 3) AND c.due <= ${NOW}) OR (c.state = 2 AND c.due < ${NOW + DAY}))`, 'c.due') },
  { name: 'tag:storage', query: 'tag:storage', sort: 'due', floor: floor("' ' || n.tags || ' ' LIKE '% storage %'", 'c.due', [], NOTE) },
  { name: 'prop:s>100 is:review', query: 'prop:s>100 is:review', sort: 'stability', floor: floor('c.state <> 0 AND c.stability > 100 AND c.state IN (2, 3)', 'c.stability') },
  { name: 'prop:r<0.8 (computed)', query: 'prop:r<0.8', sort: 'due', floor: floor('c.state <> 0 AND c.stability > 0 AND c.last_review IS NOT NULL', 'c.due') },
  { name: 'all cards, by retrievability', query: '', sort: 'retrievability', floor: floor('1', 'c.stability') },
  { name: 'rated:7', query: 'rated:7', sort: 'due', floor: floor(`EXISTS (SELECT 1 FROM review r WHERE r.card_id = c.id AND r.reviewed_at >= ${NOW - 7 * DAY})`, 'c.due') },
];

const results = scenarios.map((s) => {
  const page = searchCards(db, { query: s.query, sort: s.sort, offset: 0, limit: 100 }, NOW);
  const core = time(() => searchCards(db, { query: s.query, sort: s.sort, offset: 0, limit: 100 }, NOW));
  const raw = time(s.floor);
  return { scenario: s.name, matches: page.total, core, floor: raw, ratio: core.median / raw.median };
});

const allIds = time(() => searchCardIds(db, { query: '', sort: 'due' }, NOW));
const rawIds = db.prepare('SELECT id FROM card ORDER BY state = 0, CASE WHEN state = 0 THEN position ELSE due END, id').pluck();
const allIdsFloor = time(() => rawIds.all());
const ids = searchCardIds(db, { query: '', sort: 'due' }, NOW);
const middle = ids.slice(50_000, 50_100);
const scroll = time(() => browseRows(db, middle, NOW), RUNS * 10);
const scrollFloor = time(() => rawRows.all(JSON.stringify(middle)), RUNS * 10);
const study = new Study(db, () => NOW);
const selection = ids.slice(0, 10_000);
const bulk = time(() => {
  bulkAction(db, selection, { kind: 'suspend' }, NOW);
  undoLatest(db, study);
}, 5);

const report = {
  collection: { cards: generated.cards, reviews: generated.reviews, generateMs: Math.round(generateMs) },
  runs: RUNS,
  searchFirstPage: results,
  allIds: { core: allIds, floor: allIdsFloor, ratio: allIds.median / allIdsFloor.median, count: ids.length },
  scrollStep100Rows: { core: scroll, floor: scrollFloor, ratio: scroll.median / scrollFloor.median },
  suspend10kAndUndo: bulk,
};

if (args.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(10);
  console.log(`Card browser on ${generated.cards.toLocaleString('en')} cards, ${generated.reviews.toLocaleString('en')} reviews (median of ${RUNS} runs; p95 in brackets)\n`);
  console.log(`${'search + first page of 100'.padEnd(32)}${'matches'.padStart(9)}${'core'.padStart(10)}${'(p95)'.padStart(12)}${'floor'.padStart(10)}${'ratio'.padStart(8)}`);
  for (const r of results) {
    console.log(`${r.scenario.padEnd(32)}${String(r.matches).padStart(9)}${ms(r.core.median)}  (${ms(r.core.p95).trim()})${ms(r.floor.median)}${`${r.ratio.toFixed(1)}×`.padStart(8)}`);
  }
  console.log('');
  console.log(`${'all ids, by due (virtual table)'.padEnd(41)}${ms(allIds.median)}  (${ms(allIds.p95).trim()})${ms(allIdsFloor.median)}${`${report.allIds.ratio.toFixed(1)}×`.padStart(8)}`);
  console.log(`${'scroll step: 100 rows by id'.padEnd(41)}${ms(scroll.median)}  (${ms(scroll.p95).trim()})${ms(scrollFloor.median)}${`${report.scrollStep100Rows.ratio.toFixed(1)}×`.padStart(8)}`);
  console.log(`${'suspend 10,000 cards + undo'.padEnd(41)}${ms(bulk.median)}  (${ms(bulk.p95).trim()})`);
}

db.close();
if (!args.keep) rmSync(dir, { recursive: true, force: true });
