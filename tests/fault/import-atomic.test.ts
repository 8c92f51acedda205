// An import is all or nothing, on a real file-backed collection: a refused file, a statement that
// fails in the middle of a large import, and a process killed in the middle of one all leave the
// collection file byte for byte as it was (compared by SHA-256 after a clean close).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { openCollection } from '../../electron/core/db/collection';
import { applyImport, planImport } from '../../electron/core/import/pipeline';
import { readImportSources } from '../../electron/core/import/read';
import { openStratus, readBuiltinDecks } from '../../electron/core/open';

const ROOT = resolve(__dirname, '../..');
const DECKS = resolve(ROOT, 'decks');
const NOW = '2026-11-23T09:00:00Z';

let dir: string;
let dbFile: string;

/** Hash of the collection as it is on disk once closed cleanly (the WAL checkpointed into it). */
function fileHash(): string {
  const db = openCollection(dbFile);
  db.close();
  expect(existsSync(`${dbFile}-wal`)).toBe(false);
  return createHash('sha256').update(readFileSync(dbFile)).digest('hex');
}

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const status = await runCli([...args, '--db', dbFile, '--now', NOW], { env: {}, decksFolder: DECKS, stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { status, out, err };
}

function bigCsv(rows: number): string {
  const lines = ['#separator:tab', '#html:false'];
  for (let i = 0; i < rows; i++) lines.push(`Question ${i}\tAnswer ${i}\ttag${i % 7}`);
  return `${lines.join('\n')}\n`;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stratus-import-fault-'));
  dbFile = join(dir, 'collection.stratus');
  openStratus(dbFile, readBuiltinDecks(DECKS), Date.parse(NOW)).close();
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('import atomicity on disk', () => {
  it('a refused file changes nothing, and the message names the file', async () => {
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['junk.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2, 3]), /junk\.csv, line 1: the file contains binary data/],
      ['latin1.md', new Uint8Array([0x2d, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x3a, 0x20, 0x78]), /latin1\.md, line 1: the file is not valid UTF-8/],
      ['huge-line.tsv', `a\t${'b'.repeat(300_000)}\n`, /huge-line\.tsv, line 1: the line is 300,002 characters long/],
      ['empty.csv', '', /empty\.csv: the file is empty\./],
      ['slides.pdf', '%PDF-1.7\n', /slides\.pdf: this is a \.pdf file, which Stratus can't import/],
      ['broken.json', '{"format":"stratus","version":1,"decks":[{"name":"X","notes":[{"key":"k"}]}]}', /broken\.json: decks\[0\]\.notes\[0\]\.kind is missing/],
    ];
    const before = fileHash();
    for (const [name, content, message] of cases) {
      const path = join(dir, name);
      writeFileSync(path, content);
      const r = await cli(['import', path, '--deck', 'Should not exist']);
      expect(r.status, name).toBe(1);
      expect(r.err, name).toMatch(message);
      expect(fileHash(), name).toBe(before);
    }
    // One bad file among good ones refuses the whole import.
    writeFileSync(join(dir, 'good.csv'), 'Region,A place\n');
    expect((await cli(['import', join(dir, 'good.csv'), join(dir, 'junk.csv')])).status).toBe(1);
    expect(fileHash()).toBe(before);
  });

  it('a statement failing late in a large import leaves the file as it was', async () => {
    const csv = join(dir, 'big.tsv');
    writeFileSync(csv, bigCsv(20_000));
    const db = openCollection(dbFile);
    db.exec(`CREATE TRIGGER fail_late BEFORE INSERT ON card WHEN NEW.front = 'Question 19000' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    db.close();
    const before = fileHash();

    const again = openCollection(dbFile);
    const plan = planImport(again, await readImportSources([csv]), { now: Date.parse(NOW) });
    expect(plan.counts.added).toBe(20_000);
    expect(() => applyImport(again, plan)).toThrow('disk trouble');
    again.close();
    expect(fileHash()).toBe(before);
  });

  it('a process killed in the middle of an import leaves the file as it was', async () => {
    const csv = join(dir, 'big.tsv');
    writeFileSync(csv, bigCsv(60_000));
    const before = fileHash();
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/main.ts'), 'import', csv, '--db', dbFile, '--now', NOW], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let killedMidway = false;
    const exited = new Promise<{ signal: NodeJS.Signals | null; code: number | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
      // The first progress line is printed from inside the import's transaction.
      if (!killedMidway && /Importing… [\d,]+ of 60,000 notes/.test(stderr)) {
        killedMidway = true;
        child.kill('SIGKILL');
      }
    });
    const { signal } = await exited;
    clearTimeout(watchdog);
    expect(killedMidway, stderr).toBe(true);
    expect(signal).toBe('SIGKILL');
    expect(fileHash()).toBe(before);
    // And the collection is whole and usable: the same import now goes through.
    const r = await cli(['import', csv, '--json']);
    expect(r.status, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ deck: 'big', added: 60_000, skipped: [] });
  }, 120_000);
});
