// Import of a large Anki package: a generated .apkg with 50,000 notes (Basic, reversed and cloze:
// about 60,000 cards) and 500,000 review-log entries, imported as the CLI and the app import it:
// parseApkg, planImport, applyImport (one transaction that writes the decks, notes and cards and
// replays every card's history through FSRS into its review rows). Target: ≤ 5 s, printed beside
// a FLOOR measured in the same run: the same rows (read back from the import) inserted raw into a
// fresh collection in one transaction.
//
//   npx tsx bench/apkg.ts [--json] [--runs N] [--notes N] [--reviews N] [--keep]
//
// runApkgBench() is exported for bench/run.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { zipSync } from 'fflate';
import { openCollection } from '../electron/core/db/collection';
import { parseApkg } from '../electron/core/import/apkg';
import { applyImport, planImport } from '../electron/core/import/pipeline';
import { mulberry32 } from './generate';

export interface ApkgBenchOptions {
  notes: number;
  reviews: number;
  /** Runs to take the median of (the package is generated once). */
  runs: number;
  keep: boolean;
  log: (line: string) => void;
}

export interface ApkgBenchResult {
  notes: number;
  cards: number;
  reviews: number;
  runs: number;
  packageBytes: number;
  collectionBytes: number;
  generateMs: number;
  import: { totalMs: number; parseMs: number; planMs: number; applyMs: number };
  floorMs: number;
  ratio: number;
  targetMs: number;
  met: boolean;
  /** The machine's 1, 5 and 15 minute load averages when the runs started and ended. */
  load: { before: number[]; after: number[] };
}

const TARGET_MS = 5000;
const DAY = 86_400_000;
const MINUTE = 60_000;
const START = Date.UTC(2022, 0, 3, 8, 0, 0);

const ms = () => Number(process.hrtime.bigint()) / 1e6;

// --- the package ---------------------------------------------------------------------------------

/** An Anki collection.anki2 (schema 11) with `notes` notes and `reviews` revlog rows, zipped. */
export function generateApkg(notes: number, reviews: number): { apkg: Uint8Array; collectionBytes: number; cards: number } {
  const rand = mulberry32(20240601);
  const db = new Database(':memory:');
  db.exec(`
    CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null,
      dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null,
      dconf text not null, tags text not null);
    CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null,
      tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
    CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null,
      usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null,
      reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null,
      flags integer not null, data text not null);
    CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null,
      lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
    CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
    CREATE INDEX ix_cards_nid on cards (nid);
    CREATE INDEX ix_revlog_cid on revlog (cid);
  `);
  const answer = '{{FrontSide}}\n\n<hr id=answer>\n\n';
  const models = {
    '1': { id: 1, name: 'Basic', type: 0, flds: [{ name: 'Front', ord: 0 }, { name: 'Back', ord: 1 }], tmpls: [{ name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: `${answer}{{Back}}` }] },
    '2': {
      id: 2,
      name: 'Basic (and reversed card)',
      type: 0,
      flds: [{ name: 'Front', ord: 0 }, { name: 'Back', ord: 1 }],
      tmpls: [
        { name: 'Card 1', ord: 0, qfmt: '{{Front}}', afmt: `${answer}{{Back}}` },
        { name: 'Card 2', ord: 1, qfmt: '{{Back}}', afmt: `${answer}{{Front}}` },
      ],
    },
    '3': { id: 3, name: 'Cloze', type: 1, flds: [{ name: 'Text', ord: 0 }, { name: 'Back Extra', ord: 1 }], tmpls: [{ name: 'Cloze', ord: 0, qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>\n{{Back Extra}}' }] },
  };
  const decks = { '1': { id: 1, name: 'Default' }, '2': { id: 2, name: 'AWS::Compute' }, '3': { id: 3, name: 'AWS::Storage' }, '4': { id: 4, name: 'Azure' } };
  db.prepare("INSERT INTO col VALUES (1, ?, 0, 0, 11, 0, 0, 0, ?, ?, ?, '{}', '{}')").run(START / 1000, JSON.stringify({ schedVer: 2 }), JSON.stringify(models), JSON.stringify(decks));

  const insertNote = db.prepare("INSERT INTO notes VALUES (?, ?, ?, 0, 0, ?, ?, ?, 0, 0, '')");
  const insertCard = db.prepare("INSERT INTO cards VALUES (?, ?, ?, ?, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, '')");
  const insertRevlog = db.prepare('INSERT INTO revlog VALUES (?, ?, 0, ?, 0, 0, 0, ?, ?)');
  const cardIds: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < notes; i++) {
      const nid = 1_000_000 + i;
      const r = rand();
      const mid = r < 0.8 ? 1 : r < 0.9 ? 2 : 3;
      const flds =
        mid === 3
          ? `In AWS, {{c1::service ${i}}} handles <b>workload ${i % 97}</b> in {{c2::region ${i % 23}::where?}}.\x1fExtra ${i}`
          : `What does <b>service ${i}</b> do for workload ${i % 97}?\x1fIt handles <i>task ${i}</i> across ${i % 23} regions.`;
      insertNote.run(nid, `g${i.toString(36)}`, mid, i % 5 === 0 ? ' aws exam::saa ' : ' aws ', flds, flds.split('\x1f')[0]);
      const count = mid === 1 ? 1 : 2;
      for (let ord = 0; ord < count; ord++) {
        const cid = 2_000_000 + cardIds.length;
        cardIds.push(cid);
        insertCard.run(cid, nid, 2 + (i % 3), ord);
      }
    }
    // Spread the reviews over the cards, each card's answers in time order with growing intervals.
    // A revlog id is the answer's time in ms and must be unique: each card answers at its own
    // millisecond within the minute, and a rare clash moves on by 1 ms.
    const perCard = reviews / cardIds.length;
    const used = new Set<number>();
    let written = 0;
    for (let c = 0; c < cardIds.length && written < reviews; c++) {
      const n = c === cardIds.length - 1 ? reviews - written : Math.min(reviews - written, Math.floor(perCard + rand()));
      let t = START + Math.floor(rand() * 30) * DAY + (c % 60_000);
      let interval = 10 * MINUTE;
      for (let k = 0; k < n; k++) {
        const x = rand();
        const ease = k === 0 ? 3 : x < 0.1 ? 1 : x < 0.2 ? 2 : x < 0.9 ? 3 : 4;
        let id = t;
        while (used.has(id)) id++;
        used.add(id);
        insertRevlog.run(id, cardIds[c], ease, 2000 + Math.floor(rand() * 9000), k < 2 || ease === 1 ? 0 : 1);
        t += interval;
        interval = ease === 1 ? 10 * MINUTE : Math.round(Math.min(interval * (ease === 4 ? 3.5 : 2.5), 200 * DAY) / MINUTE) * MINUTE;
        written++;
      }
    }
  })();
  const bytes = db.serialize();
  db.close();
  const apkg = zipSync({ 'collection.anki2': new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), media: new TextEncoder().encode('{}') }, { level: 6 });
  return { apkg, collectionBytes: bytes.byteLength, cards: cardIds.length };
}

// --- the import and its floor --------------------------------------------------------------------

const TABLES = ['deck', 'note', 'card', 'review'] as const;

/** Every row the import wrote, column by column, to insert again as the floor. */
function readRows(db: Database.Database): Record<(typeof TABLES)[number], { columns: string[]; rows: unknown[][] }> {
  const out = {} as Record<(typeof TABLES)[number], { columns: string[]; rows: unknown[][] }>;
  for (const table of TABLES) {
    const stmt = db.prepare(`SELECT * FROM ${table} ORDER BY id`).raw(true);
    out[table] = { columns: stmt.columns().map((c) => c.name), rows: stmt.all() as unknown[][] };
  }
  return out;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)]!;

export function runApkgBench(opts: Partial<ApkgBenchOptions> = {}): ApkgBenchResult {
  const options: ApkgBenchOptions = { notes: 50_000, reviews: 500_000, runs: 3, keep: false, log: () => {}, ...opts };
  const { log } = options;
  const dir = mkdtempSync(join(tmpdir(), 'stratus-apkg-bench-'));
  try {
    log(`Generating an .apkg with ${options.notes.toLocaleString('en')} notes and ${options.reviews.toLocaleString('en')} reviews ...`);
    const t0 = ms();
    const { apkg, collectionBytes, cards } = generateApkg(options.notes, options.reviews);
    const generateMs = ms() - t0;
    log(`  ${(generateMs / 1000).toFixed(1)} s: ${cards.toLocaleString('en')} cards, collection ${(collectionBytes / 2 ** 20).toFixed(1)} MiB, package ${(apkg.length / 2 ** 20).toFixed(1)} MiB`);
    const now = Date.UTC(2026, 2, 10, 9, 0, 0);

    const loadBefore = loadavg();
    const runs: { total: number; parse: number; plan: number; apply: number; floor: number }[] = [];
    let notes = 0;
    let reviews = 0;
    for (let run = 0; run < options.runs; run++) {
      // The import, as the CLI and the app run it: parse, plan, apply (one immediate transaction
      // that writes the decks, notes and cards and replays every card's history into review rows).
      const db = openCollection(join(dir, `import-${run}.db`));
      const a = ms();
      const parsed = parseApkg(apkg, 'bench.apkg');
      const b = ms();
      const plan = planImport(db, parsed, { now });
      const c = ms();
      const summary = applyImport(db, plan);
      const d = ms();
      const written = readRows(db);
      db.close();
      if (summary.added !== cards || summary.reviews !== options.reviews) {
        throw new Error(`imported ${summary.added} cards and ${summary.reviews} reviews, expected ${cards} and ${options.reviews}`);
      }
      notes = parsed.notes.length;
      reviews = summary.reviews;

      // The floor: the same rows, read back from the import, inserted raw into a fresh collection
      // in one transaction with prepared statements.
      const floorDb = openCollection(join(dir, `floor-${run}.db`));
      const inserts = TABLES.map(
        (t) => [floorDb.prepare(`INSERT INTO ${t} (${written[t].columns.join(', ')}) VALUES (${written[t].columns.map(() => '?').join(', ')})`), written[t].rows] as const,
      );
      const f0 = ms();
      floorDb
        .transaction(() => {
          for (const [stmt, rows] of inserts) for (const row of rows) stmt.run(...row);
        })
        .immediate();
      const floor = ms() - f0;
      floorDb.close();
      runs.push({ total: d - a, parse: b - a, plan: c - b, apply: d - c, floor });
      log(`  run ${run + 1}: import ${((d - a) / 1000).toFixed(2)} s, floor ${(floor / 1000).toFixed(2)} s`);
      if (!options.keep) {
        for (const f of [`import-${run}.db`, `floor-${run}.db`]) for (const x of ['', '-wal', '-shm']) rmSync(join(dir, f + x), { force: true });
      }
    }

    const loadAfter = loadavg();
    const totalMs = median(runs.map((r) => r.total));
    const floorMs = median(runs.map((r) => r.floor));
    const result: ApkgBenchResult = {
      notes,
      cards,
      reviews,
      runs: options.runs,
      packageBytes: apkg.length,
      collectionBytes,
      generateMs: Math.round(generateMs),
      import: {
        totalMs: Math.round(totalMs),
        parseMs: Math.round(median(runs.map((r) => r.parse))),
        planMs: Math.round(median(runs.map((r) => r.plan))),
        applyMs: Math.round(median(runs.map((r) => r.apply))),
      },
      floorMs: Math.round(floorMs),
      ratio: Math.round((totalMs / floorMs) * 100) / 100,
      targetMs: TARGET_MS,
      met: totalMs <= TARGET_MS,
      load: { before: loadBefore.map(round2), after: loadAfter.map(round2) },
    };
    log(
      `apkg import (${notes.toLocaleString('en')} notes, ${cards.toLocaleString('en')} cards, ${reviews.toLocaleString('en')} reviews replayed), median of ${options.runs}: ` +
        `${(totalMs / 1000).toFixed(2)} s (target ≤ ${TARGET_MS / 1000} s: ${result.met ? 'met' : 'MISSED'}); ` +
        `floor ${(floorMs / 1000).toFixed(2)} s (the same rows inserted raw in one transaction), ${result.ratio}× the floor`,
    );
    log(`    parse ${result.import.parseMs} ms, plan ${result.import.planMs} ms, apply (write + history replay) ${result.import.applyMs} ms`);
    log(`    load average (1, 5, 15 min) ${result.load.before.join(' ')} before, ${result.load.after.join(' ')} after (figures from a busy machine read high)`);
    if (options.keep) log(`    kept ${dir}`);
    return result;
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (resolve(process.argv[1] ?? '') === resolve(__filename)) {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      notes: { type: 'string', default: '50000' },
      reviews: { type: 'string', default: '500000' },
      runs: { type: 'string', default: '3' },
      keep: { type: 'boolean', default: false },
    },
  });
  // With --json, stdout carries the JSON object only; progress goes to stderr.
  const log = (line: string) => (values.json ? process.stderr : process.stdout).write(`${line}\n`);
  const result = runApkgBench({ notes: Number(values.notes), reviews: Number(values.reviews), runs: Number(values.runs), keep: values.keep, log });
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
