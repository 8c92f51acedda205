// Import speed, each figure beside a floor measured in the same run:
//
//   CSV       a generated 100,000-row CSV file (Anki header lines, tags), imported end to end:
//             read + parse + plan + one transaction (target ≤ 1 s).
//   Markdown  a generated folder of 1,000 Markdown study notes (headings, key terms, explicit
//             cards; about 6 cards each), imported end to end (target ≤ 2 s).
//   floor     the same note and card rows inserted raw into a fresh collection in one
//             transaction with prepared statements: no file, no parsing, no planning.
//
// Every run starts from a fresh file-backed collection (openCollection's pragmas, like the app).
// The median of --runs runs is reported.
//
//   npx tsx bench/import.ts [--json] [--runs N] [--rows N] [--notes N]
// bench/run.ts can call runImportBench() and print its figures with its own.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Database } from 'better-sqlite3';
import { openCollection } from '../electron/core/db/collection';
import { applyImport, planImport } from '../electron/core/import/pipeline';
import { readImportSources } from '../electron/core/import/read';
import type { ImportedNote, ParsedNotes } from '../electron/core/import/types';

export interface ImportBenchOptions {
  runs?: number;
  csvRows?: number;
  markdownNotes?: number;
  log?: (line: string) => void;
}

export interface ImportFigure {
  name: string;
  /** Notes and cards the import writes. */
  notes: number;
  cards: number;
  /** Median milliseconds, end to end, and of its parts: read + parse, plan, apply (the transaction). */
  ms: number;
  parseMs: number;
  planMs: number;
  applyMs: number;
  /** Median milliseconds of the raw-insert floor. */
  floorMs: number;
  targetMs: number;
  runs: number[];
  floorRuns: number[];
  /** The machine's 1, 5 and 15 minute load averages when this figure's runs started and ended. */
  load: { before: number[]; after: number[] };
}

const NOW = Date.parse('2026-03-10T10:00:00Z');
const ms = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

export async function runImportBench(options: ImportBenchOptions = {}): Promise<ImportFigure[]> {
  const runs = options.runs ?? 5;
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'stratus-import-bench-'));
  try {
    const csvFile = join(dir, 'cards.csv');
    writeFileSync(csvFile, generateCsv(options.csvRows ?? 100_000));
    const notesDir = join(dir, 'course-notes');
    generateMarkdownFolder(notesDir, options.markdownNotes ?? 1000);

    const figures: ImportFigure[] = [];
    for (const [name, paths, targetMs] of [
      [`CSV, ${(options.csvRows ?? 100_000).toLocaleString('en')} rows`, [csvFile], 1000],
      [`Markdown, ${(options.markdownNotes ?? 1000).toLocaleString('en')} notes`, [notesDir], 2000],
    ] as const) {
      log(`${name}: ${runs} runs ...`);
      const loadBefore = loadavg();
      const times: number[] = [];
      const parts: { parse: number[]; plan: number[]; apply: number[] } = { parse: [], plan: [], apply: [] };
      const floors: number[] = [];
      let counts = { notes: 0, cards: 0 };
      for (let i = 0; i < runs; i++) {
        const db = freshCollection(dir, `${i}-import`);
        const start = ms();
        const parsed = await readImportSources(paths);
        const parsedAt = ms();
        const plan = planImport(db, parsed, { now: NOW });
        const plannedAt = ms();
        const summary = applyImport(db, plan);
        const end = ms();
        times.push(end - start);
        parts.parse.push(parsedAt - start);
        parts.plan.push(plannedAt - parsedAt);
        parts.apply.push(end - plannedAt);
        // Each generated note's "Sources" link is skipped on purpose; nothing else may be.
        const unexpected = summary.skipped.filter((s) => !/sources/i.test(s.reason));
        if (summary.added === 0 || unexpected.length) throw new Error(`${name}: the import did not go as generated (${summary.added} added, skipped: ${JSON.stringify(unexpected.slice(0, 3))}).`);
        counts = { notes: (db.prepare('SELECT count(*) AS n FROM note').get() as { n: number }).n, cards: summary.added };
        db.close();

        const floorDb = freshCollection(dir, `${i}-floor`);
        floors.push(rawInsert(floorDb, parsed));
        floorDb.close();
      }
      figures.push({
        name,
        ...counts,
        ms: round(median(times)),
        parseMs: round(median(parts.parse)),
        planMs: round(median(parts.plan)),
        applyMs: round(median(parts.apply)),
        floorMs: round(median(floors)),
        targetMs,
        runs: times.map(round),
        floorRuns: floors.map(round),
        load: { before: loadBefore.map(round2), after: loadavg().map(round2) },
      });
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let collections = 0;

function freshCollection(dir: string, name: string): Database {
  return openCollection(join(dir, `${++collections}-${name}.stratus`));
}

/** The floor: the rows the import writes, inserted raw (what the import has and the floor skips: reading, parsing, planning). */
function rawInsert(db: Database, parsed: ParsedNotes[]): number {
  const notes: ImportedNote[] = parsed.flatMap((p) => p.notes);
  const start = ms();
  db.transaction(() => {
    const deck = Number(db.prepare('INSERT INTO deck (name, created_at) VALUES (?, ?)').run('Floor', NOW).lastInsertRowid);
    const insertNote = db.prepare('INSERT INTO note (deck_id, guid, tags, source_line, created_at, updated_at, kind, fields, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const insertCard = db.prepare('INSERT INTO card (note_id, deck_id, ord, front, back, position, due) VALUES (?, ?, ?, ?, ?, ?, ?)');
    let position = 0;
    for (const n of notes) {
      const id = Number(insertNote.run(deck, n.key, n.tags.join(' '), n.source.line, NOW, NOW, n.kind, JSON.stringify(n.fields), n.source.file).lastInsertRowid);
      for (const c of n.cards) insertCard.run(id, deck, c.ord, c.front, c.back, ++position, NOW);
    }
  }).immediate();
  return ms() - start;
}

// --- generated input ---------------------------------------------------------------------------

/** A deterministic pseudo-random sequence, so every run imports the same files. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'cloud region zone bucket policy role subnet gateway instance volume snapshot queue topic stream table index cache edge shield key vault audit trail metric alarm'.split(' ');

function phrase(next: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
}

/** An Anki-style text export: header lines, then front, back and tags; some fields quoted. */
export function generateCsv(rows: number): string {
  const next = random(7);
  const lines = ['#separator:comma', '#html:false', '#tags column:3'];
  for (let i = 0; i < rows; i++) {
    const back = phrase(next, 6 + Math.floor(next() * 10));
    lines.push(`What is term ${i} (${phrase(next, 2)})?,${i % 5 === 0 ? `"${back}, with a comma"` : back},tag${i % 20} bench`);
  }
  return `${lines.join('\n')}\n`;
}

/** Study notes the way students write them: a title, sections, key terms in several shapes, explicit cards. */
export function generateMarkdownFolder(dir: string, notes: number): void {
  const next = random(11);
  for (let i = 0; i < notes; i++) {
    const sub = join(dir, `week-${Math.floor(i / 50) + 1}`);
    mkdirSync(sub, { recursive: true });
    const term = (k: number) => `Concept ${i}-${k}`;
    const text = [
      `# Lesson ${i}: ${phrase(next, 3)}`,
      '',
      `Some introduction about ${phrase(next, 8)}.`,
      '',
      '## Key terms',
      '',
      `- **${term(1)}**: ${phrase(next, 9)}.`,
      `- **${term(2)}** – ${phrase(next, 7)}.`,
      `- ***${term(3)}*** = ${phrase(next, 8)}.`,
      '',
      `**${term(4)}:** ${phrase(next, 10)}.`,
      '',
      '## Practice',
      '',
      `What does ${term(5)} protect?::${phrase(next, 6)}`,
      `${term(6)}:::${phrase(next, 4)}`,
      '',
      '## Sources',
      '',
      `- https://example.com/lesson-${i}`,
      '',
    ].join('\n');
    writeFileSync(join(sub, `lesson-${i}.md`), text);
  }
}

// --- standalone --------------------------------------------------------------------------------

if (process.argv[1] && /bench[\\/]import\.ts$/.test(process.argv[1])) {
  const { values } = parseArgs({
    options: { json: { type: 'boolean', default: false }, runs: { type: 'string', default: '5' }, rows: { type: 'string', default: '100000' }, notes: { type: 'string', default: '1000' } },
  });
  const log = (s: string) => (values.json ? process.stderr : process.stdout).write(`${s}\n`);
  void runImportBench({ runs: Number(values.runs), csvRows: Number(values.rows), markdownNotes: Number(values.notes), log }).then((figures) => {
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ import: figures }, null, 2)}\n`);
      return;
    }
    log('');
    log(`${'import'.padEnd(26)}${'notes'.padStart(9)}${'cards'.padStart(9)}${'median'.padStart(11)}${'floor'.padStart(11)}${'× floor'.padStart(9)}${'target'.padStart(10)}`);
    for (const f of figures) {
      const verdict = f.ms <= f.targetMs ? 'ok' : 'OVER';
      log(
        `${f.name.padEnd(26)}${f.notes.toLocaleString('en').padStart(9)}${f.cards.toLocaleString('en').padStart(9)}${`${f.ms} ms`.padStart(11)}${`${f.floorMs} ms`.padStart(11)}${(f.ms / f.floorMs).toFixed(1).padStart(9)}${`≤ ${f.targetMs} ms`.padStart(12)} ${verdict}`,
      );
      log(`${''.padEnd(26)}  read + parse ${f.parseMs} ms, plan ${f.planMs} ms, apply (one transaction) ${f.applyMs} ms`);
      log(`${''.padEnd(26)}  load average (1, 5, 15 min) ${f.load.before.join(' ')} before, ${f.load.after.join(' ')} after`);
    }
  });
}
