// Import and export over IPC (electron/main/handlers/transfer.ts): paths in, previews kept in main
// by id, pages of preview rows, apply / cancel, export to a chosen path; and the argument schemas.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIRST_ROWS, transferHandlers } from '../../electron/main/handlers/transfer';
import { argSchemas } from '../../electron/shared/schemas';
import { sampleCollection } from './helpers';

const NOW = Date.parse('2026-11-23T09:00:00Z');

function setup() {
  const { db, study, clock } = sampleCollection(NOW);
  const dir = mkdtempSync(join(tmpdir(), 'stratus-ipc-transfer-'));
  const h = transferHandlers({ db, study, now: clock.read });
  const csv = (name: string, rows: number, extra = '') => {
    const path = join(dir, name);
    writeFileSync(path, Array.from({ length: rows }, (_, i) => `Question ${i},Answer ${i}`).join('\n') + `\n${extra}`);
    return path;
  };
  return { db, dir, h, csv };
}

describe('import over IPC', () => {
  it('previews without writing, sends the first rows and counts, then imports by id', async () => {
    const { db, h, csv } = setup();
    const path = csv('terms.csv', 250, 'bad,row,here\n');
    const cardsBefore = db.prepare('SELECT count(*) AS n FROM card').get();
    const preview = await h.previewImport({ paths: [path], deck: 'Terms' });
    expect(db.prepare('SELECT count(*) AS n FROM card').get()).toEqual(cardsBefore);
    expect(preview).toMatchObject({
      previewId: expect.stringMatching(/^[a-z0-9-]+$/),
      deck: 'Terms',
      decks: [{ name: 'Terms', exists: false, cards: 250 }],
      counts: { added: 250, updated: 0, unchanged: 0, skipped: 1 },
      formats: ['csv'],
      reviews: 0,
      rowsTotal: 251,
    });
    expect(preview.rows).toHaveLength(FIRST_ROWS);
    expect(preview.rows[0]).toEqual({ action: 'add', changes: [], deck: 'Terms', front: 'Question 0', back: 'Answer 0', file: path, line: 1, reason: null, newReviews: 0 });

    const skipped = h.importPreviewRows({ previewId: preview.previewId, offset: 0, limit: 10, action: 'skip' });
    expect(skipped).toEqual({ total: 1, rows: [expect.objectContaining({ action: 'skip', line: 251, reason: expect.stringContaining('3 columns') })] });
    expect(h.importPreviewRows({ previewId: preview.previewId, offset: 245, limit: 100 }).rows.map((r) => r.front)).toEqual(['Question 245', 'Question 246', 'Question 247', 'Question 248', 'Question 249', '']);

    const result = h.applyImport({ previewId: preview.previewId });
    expect(result).toMatchObject({ deck: 'Terms', added: 250, updated: 0, unchanged: 0, replanned: false, skipped: [{ file: path, line: 251 }] });
    expect(() => h.applyImport({ previewId: preview.previewId })).toThrow('This import preview has expired or was already imported');
  });

  it('plans again when the collection changed between preview and import', async () => {
    const { h, csv } = setup();
    const path = csv('terms.csv', 3);
    const first = await h.previewImport({ paths: [path] });
    const second = await h.previewImport({ paths: [path] });
    h.applyImport({ previewId: first.previewId });
    expect(h.applyImport({ previewId: second.previewId })).toMatchObject({ replanned: true, added: 0, unchanged: 3 });
  });

  it('keeps a preview whose import failed, so it can be tried again, and drops a cancelled one', async () => {
    const { db, h, csv } = setup();
    const preview = await h.previewImport({ paths: [csv('terms.csv', 3)] });
    db.exec(`CREATE TRIGGER full BEFORE INSERT ON card BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    expect(() => h.applyImport({ previewId: preview.previewId })).toThrow('database or disk is full');
    db.exec('DROP TRIGGER full');
    expect(h.applyImport({ previewId: preview.previewId })).toMatchObject({ added: 3 });

    const other = await h.previewImport({ paths: [csv('more.csv', 2)] });
    h.cancelImport({ previewId: other.previewId });
    expect(() => h.importPreviewRows({ previewId: other.previewId, offset: 0, limit: 1 })).toThrow('expired or was already imported');
  });

  it('refuses paths that are not absolute, and names unreadable files', async () => {
    const { h, dir } = setup();
    await expect(h.previewImport({ paths: ['notes.md'] })).rejects.toThrow('"notes.md" is not a full path');
    await expect(h.previewImport({ paths: [join(dir, 'gone.csv')] })).rejects.toThrow(`${join(dir, 'gone.csv')}: there is no such file or folder.`);
  });
});

describe('export over IPC', () => {
  it('writes the file, adding the extension when the name has none', () => {
    const { h, dir } = setup();
    const info = h.exportDeck({ deckId: 1, format: 'json', path: join(dir, 'sample') });
    expect(info).toMatchObject({ path: join(dir, 'sample.json'), format: 'json', deckId: 1, deck: 'Sample', notes: 5, cards: 6, reviews: 0, notices: [] });
    expect(JSON.parse(readFileSync(info.path, 'utf8'))).toMatchObject({ format: 'stratus', version: 1 });
    expect(h.exportDeck({ deckId: 1, format: 'tsv', path: join(dir, 'sample.tsv') }).path).toBe(join(dir, 'sample.tsv'));
  });

  it('refuses a relative path, a name that says another format, and an unknown deck', () => {
    const { h, dir } = setup();
    expect(() => h.exportDeck({ deckId: 1, format: 'json', path: 'deck.json' })).toThrow('is not a full path');
    expect(() => h.exportDeck({ deckId: 1, format: 'csv', path: join(dir, 'deck.json') })).toThrow('ends in .json but the format is csv');
    expect(() => h.exportDeck({ deckId: 99, format: 'json', path: join(dir, 'x.json') })).toThrow('There is no deck');
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });
});

describe('argument schemas', () => {
  it('accept well-formed requests and refuse the rest', () => {
    expect(argSchemas.previewImport.safeParse([{ paths: ['/home/a/notes'] }]).success).toBe(true);
    expect(argSchemas.previewImport.safeParse([{ paths: [] }]).success).toBe(false);
    expect(argSchemas.previewImport.safeParse([{ paths: ['/a\0b'] }]).success).toBe(false);
    expect(argSchemas.previewImport.safeParse([{ paths: ['/a'], contents: 'x' }]).success).toBe(false);
    expect(argSchemas.importPreviewRows.safeParse([{ previewId: 'ab-12', offset: 0, limit: 1000 }]).success).toBe(true);
    expect(argSchemas.importPreviewRows.safeParse([{ previewId: 'ab-12', offset: 0, limit: 5000 }]).success).toBe(false);
    expect(argSchemas.applyImport.safeParse([{ previewId: '../../etc' }]).success).toBe(false);
    expect(argSchemas.exportDeck.safeParse([{ deckId: 1, format: 'apkg', path: '/tmp/a.apkg', includeScheduling: false }]).success).toBe(true);
    expect(argSchemas.exportDeck.safeParse([{ deckId: 1, format: 'xml', path: '/tmp/a.xml' }]).success).toBe(false);
  });
});
