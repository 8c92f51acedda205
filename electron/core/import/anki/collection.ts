// Reading an Anki collection (the SQLite file inside an .apkg) into plain values. Two layouts:
// schema 11 (collection.anki2 / .anki21) keeps note types and decks as JSON in the `col` row;
// schema 18 (collection.anki21b) keeps them in the notetypes / fields / templates / decks tables,
// with protobuf blobs for their settings (Anki's proto/anki/notetypes.proto). Notes, cards and the
// review log have the same columns in both (rslib/src/storage/schema11.sql).
import type { Database as DB } from 'better-sqlite3';
import { openSqlite } from '../../db/sqlite';
import { pbNumber, pbString, readMessage } from './protobuf';
import { ZipRejected } from './zip';
import { msg } from '../../messages';

export interface AnkiTemplate {
  ord: number;
  name: string;
  qfmt: string;
  afmt: string;
}

export interface AnkiNotetype {
  id: number;
  name: string;
  cloze: boolean;
  /** Field names by ord. */
  fields: string[];
  /** Templates by ord. */
  templates: AnkiTemplate[];
}

export interface AnkiNoteRow {
  id: number;
  guid: string;
  mid: number;
  tags: string;
  flds: string;
  data: string;
}

export interface AnkiCardRow {
  id: number;
  nid: number;
  did: number;
  odid: number;
  ord: number;
  queue: number;
}

/** One review-log row: [id (epoch ms), card id, ease, time (ms), type]. */
export type AnkiRevlogRow = [number, number, number, number, number];

export interface AnkiCollection {
  schema: number;
  /** 1 for the old scheduler, whose learning answers were logged as ease 1–3. */
  schedVer: number;
  notetypes: Map<number, AnkiNotetype>;
  /** Deck id → name with `::` between levels. */
  decks: Map<number, string>;
  notes: AnkiNoteRow[];
  cards: AnkiCardRow[];
  /** The review log, oldest first, in chunks of rows (a loop over arrays, not a generator step per row). */
  revlogChunks: () => IterableIterator<AnkiRevlogRow[]>;
  close: () => void;
}

const SQLITE_HEADER = 'SQLite format 3\0';

/** Opens collection bytes as a read-only in-memory database. Throws ZipRejected when unreadable. */
export function openCollectionBytes(bytes: Uint8Array, entry: string, nativeBinding?: string): AnkiCollection {
  const header = new TextDecoder('latin1').decode(bytes.subarray(0, 16));
  if (bytes.length < 100 || header !== SQLITE_HEADER) {
    throw new ZipRejected(msg('import.apkg.notSqlite', { entry }));
  }
  let buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[18] === 2 || buffer[19] === 2) {
    // A WAL-mode file can't be deserialized into memory; its rollback-journal twin reads the same.
    buffer = Buffer.from(buffer);
    buffer[18] = 1;
    buffer[19] = 1;
  }
  let db: DB;
  try {
    // Without an explicit binding, openSqlite uses the process's (Electron's, in the app).
    db = openSqlite(buffer, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (err) {
    throw new ZipRejected(msg('import.apkg.damagedEntry', { entry, detail: (err as Error).message }));
  }
  try {
    return readCollection(db, entry);
  } catch (err) {
    db.close();
    if (err instanceof ZipRejected) throw err;
    throw new ZipRejected(msg('import.apkg.damagedEntry', { entry, detail: (err as Error).message }));
  }
}

function readCollection(db: DB, entry: string): AnkiCollection {
  // Views or triggers posing as Anki's tables could run arbitrary queries; only plain tables count.
  db.pragma('trusted_schema = OFF');
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name),
  );
  for (const t of ['col', 'notes', 'cards']) {
    if (!tables.has(t)) throw new ZipRejected(msg('import.apkg.missingTable', { entry, table: t }));
  }
  const col = db.prepare('SELECT ver, conf, models, decks FROM col LIMIT 1').get() as
    | { ver: unknown; conf: unknown; models: unknown; decks: unknown }
    | undefined;
  if (!col) throw new ZipRejected(msg('import.apkg.emptyCol', { entry }));
  const schema = Number(col.ver) || 11;
  const modern = tables.has('notetypes') && tables.has('templates') && tables.has('fields');

  const notetypes = modern ? readNotetypes18(db) : readNotetypes11(text(col.models), entry);
  const decks = modern && tables.has('decks') ? readDecks18(db) : readDecks11(text(col.decks), entry);
  const schedVer = readSchedVer(db, tables, text(col.conf), modern);

  // Rows as arrays (raw): one object per note and card instead of two.
  const notes = (db.prepare('SELECT id, guid, mid, tags, flds, data FROM notes ORDER BY id').raw(true).all() as unknown[][]).map(
    (r): AnkiNoteRow => ({
      id: Number(r[0]),
      guid: text(r[1]),
      mid: Number(r[2]),
      tags: text(r[3]),
      flds: text(r[4]),
      data: text(r[5]),
    }),
  );
  const cards = (db.prepare('SELECT id, nid, did, odid, ord, queue FROM cards ORDER BY nid, ord, id').raw(true).all() as unknown[][]).map(
    (r): AnkiCardRow => ({
      id: Number(r[0]),
      nid: Number(r[1]),
      did: Number(r[2]),
      odid: Number(r[3]) || 0,
      ord: Number(r[4]),
      queue: Number(r[5]),
    }),
  );
  const revlogChunks = tables.has('revlog') ? () => readRevlog(db) : () => [][Symbol.iterator]();
  return { schema, schedVer, notetypes, decks, notes, cards, revlogChunks, close: () => db.close() };
}

const REVLOG_CHUNK = 50_000;

/**
 * The review log oldest first (a revlog id is the answer's time in ms, and the table is kept in
 * id order). Rows come in chunks that SQLite packs as one JSON array each: JSON.parse builds the
 * 500,000 rows of a large collection several times faster than stepping through them one by one.
 */
function* readRevlog(db: DB): IterableIterator<AnkiRevlogRow[]> {
  const chunk = db
    .prepare(
      `SELECT json_group_array(json_array(id, cid, ease, time, type)) AS rows, max(id) AS last
         FROM (SELECT id, cid, ease, time, type FROM revlog WHERE id > ? ORDER BY id LIMIT ${REVLOG_CHUNK})`,
    )
    .raw(true);
  let after = -Infinity;
  for (;;) {
    const [rows, last] = chunk.get(after) as [string, number | null];
    if (last === null) return;
    yield JSON.parse(rows) as AnkiRevlogRow[];
    after = last;
  }
}

/** Text from a column that a damaged file may have filled with anything. */
function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  return String(v);
}

function parseJsonObject(source: string, what: string, entry: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(source || '{}');
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new ZipRejected(msg('import.apkg.badJson', { entry, what }));
}

function readNotetypes11(models: string, entry: string): Map<number, AnkiNotetype> {
  const out = new Map<number, AnkiNotetype>();
  for (const [key, raw] of Object.entries(parseJsonObject(models, 'note types', entry))) {
    if (!raw || typeof raw !== 'object') continue;
    const m = raw as Record<string, unknown>;
    const id = Number(m.id ?? key);
    const byOrd = <T extends { ord?: unknown }>(list: unknown): T[] =>
      (Array.isArray(list) ? (list.filter((x) => x && typeof x === 'object') as T[]) : [])
        .map((x, i) => ({ ...x, ord: Number.isFinite(Number(x.ord)) ? Number(x.ord) : i }))
        .sort((a, b) => (a.ord as number) - (b.ord as number));
    out.set(id, {
      id,
      name: text(m.name),
      cloze: Number(m.type) === 1,
      fields: byOrd<{ ord?: unknown; name?: unknown }>(m.flds).map((f) => text(f.name)),
      templates: byOrd<{ ord?: unknown; name?: unknown; qfmt?: unknown; afmt?: unknown }>(m.tmpls).map((t) => ({
        ord: t.ord as number,
        name: text(t.name),
        qfmt: text(t.qfmt),
        afmt: text(t.afmt),
      })),
    });
  }
  return out;
}

function readNotetypes18(db: DB): Map<number, AnkiNotetype> {
  const out = new Map<number, AnkiNotetype>();
  for (const r of db.prepare('SELECT id, name, config FROM notetypes').all() as { id: unknown; name: unknown; config: unknown }[]) {
    // Notetype.Config: kind = 1 (0 normal, 1 cloze).
    const config = r.config instanceof Uint8Array ? readMessage(r.config) : new Map();
    const id = Number(r.id);
    out.set(id, { id, name: text(r.name), cloze: pbNumber(config, 1) === 1, fields: [], templates: [] });
  }
  for (const r of db.prepare('SELECT ntid, ord, name FROM fields ORDER BY ntid, ord').all() as { ntid: unknown; ord: unknown; name: unknown }[]) {
    out.get(Number(r.ntid))?.fields.push(text(r.name));
  }
  for (const r of db.prepare('SELECT ntid, ord, name, config FROM templates ORDER BY ntid, ord').all() as {
    ntid: unknown;
    ord: unknown;
    name: unknown;
    config: unknown;
  }[]) {
    // Template.Config: q_format = 1, a_format = 2.
    const config = r.config instanceof Uint8Array ? readMessage(r.config) : new Map();
    out.get(Number(r.ntid))?.templates.push({ ord: Number(r.ord), name: text(r.name), qfmt: pbString(config, 1), afmt: pbString(config, 2) });
  }
  return out;
}

function readDecks11(decks: string, entry: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const [key, raw] of Object.entries(parseJsonObject(decks, 'decks', entry))) {
    if (!raw || typeof raw !== 'object') continue;
    const d = raw as Record<string, unknown>;
    out.set(Number(d.id ?? key), normalizeDeckName(text(d.name)));
  }
  return out;
}

function readDecks18(db: DB): Map<number, string> {
  const out = new Map<number, string>();
  for (const r of db.prepare('SELECT id, name FROM decks').all() as { id: unknown; name: unknown }[]) {
    out.set(Number(r.id), normalizeDeckName(text(r.name)));
  }
  return out;
}

/** Schema 18 separates deck levels with \x1f; schema 11 already uses `::`. */
function normalizeDeckName(name: string): string {
  return name
    .split(/\x1f|::/)
    .map((part) => part.trim())
    .filter(Boolean)
    .join('::');
}

function readSchedVer(db: DB, tables: Set<string>, conf: string, modern: boolean): number {
  if (modern && tables.has('config')) {
    const row = db.prepare("SELECT val FROM config WHERE key = 'schedVer'").get() as { val: unknown } | undefined;
    const v = row ? Number(text(row.val)) : NaN;
    // Collections from 2.1.50 on that never stored it use the v2 scheduler or later.
    return Number.isFinite(v) ? v : 2;
  }
  try {
    const parsed = JSON.parse(conf || '{}') as { schedVer?: unknown };
    const v = Number(parsed.schedVer);
    return Number.isFinite(v) && v > 0 ? v : 1;
  } catch {
    return 1;
  }
}
