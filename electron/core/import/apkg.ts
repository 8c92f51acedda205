// Anki deck packages (.apkg) → ParsedNotes. Pure: bytes in, plain values out, nothing written.
//
// A package is a zip holding one collection: collection.anki21b (zstd-compressed, schema 18, from
// Anki 2.1.50 on), else collection.anki21, else collection.anki2 (schema 11). Newer packages keep
// a dummy collection.anki2 beside the real one for old clients, hence that order. Media files
// (entries named 0, 1, 2, ...) are counted and skipped.
//
// Each Anki card becomes a card: its template rendered as Anki renders it (see anki/template.ts),
// so Basic, Basic-and-reversed, Cloze and custom note types all work; the note's kind is
// 'cloze' for cloze note types, 'reversed' for two templates that mirror each other's fields, and
// 'basic' otherwise. A card whose front is empty once images and sounds are left out is skipped
// with its reason. The review log becomes each card's history for the pipeline to replay through
// FSRS; manual reschedules and entries without an answer are left out and counted.
import { basename } from 'node:path';
import { openCollectionBytes, type AnkiCardRow, type AnkiCollection, type AnkiNotetype } from './anki/collection';
import { readMessage, pbNumber } from './anki/protobuf';
import { firstField, renderTemplate, stripHtml, tidySide, type TemplateContext } from './anki/template';
import { readZip, ZipRejected, type ZipLimits } from './anki/zip';
import { isZstd, zstdDecompress } from './anki/zstd';
import { ImportFileError, skipEntry } from './text';
import { msg, type CoreMessage } from '../messages';
import type { ImportedCard, ImportedNote, ImportedReview, NoteKind, ParsedNotes, SkippedEntry } from './types';


export interface ApkgOptions extends Partial<ZipLimits> {
  /** better-sqlite3 build for this runtime (Electron's main process passes its own, as to openStratus). */
  nativeBinding?: string;
}

/** Big enough for a large real collection (about 300 MB for 100,000 notes with years of history). */
export const DEFAULT_APKG_LIMITS: ZipLimits = { maxExpandedBytes: 1024 * 2 ** 20, maxEntries: 200_000 };

const COLLECTIONS = ['collection.anki21b', 'collection.anki21', 'collection.anki2'] as const;

/** Marks a note exported by Stratus (export/apkg.ts) so that it comes back exactly as it was. */
export const STRATUS_NOTE_DATA = 'stratus';

export function parseApkg(bytes: Uint8Array, file: string, options: ApkgOptions = {}): ParsedNotes {
  const limits: ZipLimits = {
    maxExpandedBytes: options.maxExpandedBytes ?? DEFAULT_APKG_LIMITS.maxExpandedBytes,
    maxEntries: options.maxEntries ?? DEFAULT_APKG_LIMITS.maxEntries,
  };
  try {
    return parse(bytes, file, limits, options.nativeBinding);
  } catch (err) {
    // One sentence naming the file, as every importer words it (ImportFileError: "file: detail").
    if (err instanceof ZipRejected) throw new ImportFileError(file, null, msg(/[.?!]$/.test(err.message) ? 'import.apkg.rejectedQuestion' : 'import.apkg.rejected', { reason: err.said }));
    throw err;
  }
}

function parse(bytes: Uint8Array, file: string, limits: ZipLimits, nativeBinding: string | undefined): ParsedNotes {
  // First pass: the directory only (nothing inflated), to pick the collection to read.
  const { names } = readZip(bytes, () => false, limits);
  const present = new Set(names);
  const version = present.has('meta') ? packageVersion(readZip(bytes, (n) => n === 'meta', limits).files.get('meta')) : null;
  if (version !== null && (version === 0 || version > 3)) {
    throw new ZipRejected(msg('import.apkg.newerAnki'));
  }
  const entry = version === 3 ? 'collection.anki21b' : COLLECTIONS.find((c) => present.has(c));
  if (!entry || !present.has(entry)) {
    throw new ZipRejected(msg('import.apkg.noCollection'));
  }
  const packed = readZip(bytes, (n) => n === entry, limits).files.get(entry)!;
  const sqlite = entry === 'collection.anki21b' && isZstd(packed) ? zstdDecompress(packed, limits.maxExpandedBytes, entry) : packed;
  const mediaFiles = names.filter((n) => /^\d+$/.test(n)).length;

  const col = openCollectionBytes(sqlite, entry, nativeBinding);
  try {
    return buildNotes(col, file, mediaFiles);
  } catch (err) {
    // Corruption deeper in the file shows up only when its pages are read.
    if ((err as Error).name === 'SqliteError') throw new ZipRejected(msg('import.apkg.damagedEntry', { entry, detail: (err as Error).message }));
    throw err;
  } finally {
    col.close();
  }
}

/** PackageMetadata.version (field 1): 1 legacy anki2, 2 legacy anki21, 3 anki21b. */
function packageVersion(meta: Uint8Array | undefined): number | null {
  if (!meta) return null;
  try {
    return pbNumber(readMessage(meta), 1);
  } catch {
    throw new ZipRejected(msg('import.apkg.damagedMeta'));
  }
}

interface Counts {
  revlogSkipped: number;
}

function buildNotes(col: AnkiCollection, file: string, mediaFiles: number): ParsedNotes {
  const skipped: SkippedEntry[] = [];
  const counts: Counts = { revlogSkipped: 0 };
  const history = readHistory(col, counts);
  const cardsByNote = new Map<number, AnkiCardRow[]>();
  for (const card of col.cards) {
    const list = cardsByNote.get(card.nid);
    if (list) list.push(card);
    else cardsByNote.set(card.nid, [card]);
  }
  const kinds = new Map<number, NoteKind>();
  for (const nt of col.notetypes.values()) kinds.set(nt.id, classify(nt));

  const notes: ImportedNote[] = [];
  const byKey = new Map<string, ImportedNote>();
  for (const row of col.notes) {
    const fields = row.flds.split('\x1f');
    const skip = (reason: CoreMessage) => skipped.push(skipEntry(file, null, msg('import.skip.ankiNote', { note: describe(fields[0] ?? '', row.id), reason })));
    const nt = col.notetypes.get(row.mid);
    if (!nt) {
      skip(msg('import.skip.anki.noNotetype', { id: String(row.mid) }));
      continue;
    }
    const cards = cardsByNote.get(row.id) ?? [];
    if (!cards.length) {
      skip(msg('import.skip.anki.noCards'));
      continue;
    }
    const tags = row.tags.split(/\s+/).filter(Boolean);
    const first = cards[0]!;
    const deck = col.decks.get(first.odid || first.did) ?? null;
    const fieldMap = new Map(nt.fields.map((name, i) => [name, fields[i] ?? '']));
    const stratus = readStratusData(row.data);

    const imported: ImportedCard[] = [];
    for (const card of cards) {
      const base = {
        suspended: card.queue === -1,
        history: history.get(card.id) ?? [],
      };
      if (stratus) {
        const saved = stratus.cards.find((c) => c.ankiOrd === card.ord);
        if (saved) {
          imported.push({ ord: saved.ord, front: saved.front, back: saved.back, ...base });
          continue;
        }
      }
      const template = nt.cloze ? nt.templates[0] : nt.templates.find((t) => t.ord === card.ord);
      if (!template) {
        skip(msg('import.skip.anki.noTemplate', { number: String(card.ord + 1), notetype: nt.name }));
        continue;
      }
      const ctx = (side: TemplateContext['side']): TemplateContext => ({
        fields: fieldMap,
        cloze: nt.cloze ? card.ord + 1 : 0,
        side,
        tags: tags.join(' '),
        notetype: nt.name,
        deck: col.decks.get(card.odid || card.did) ?? '',
        card: template.name,
      });
      const front = tidySide(renderTemplate(template.qfmt, ctx('question')), 'question');
      const back = tidySide(renderTemplate(template.afmt, ctx('answer')), 'answer');
      if (isBlankSide(front)) {
        skip(msg('import.skip.anki.emptyFront', { number: String(card.ord + 1), template: template.name }));
        continue;
      }
      imported.push({ ord: card.ord, front, back, ...base });
    }
    if (!imported.length) continue;

    const key = stratus ? stratus.key : `anki:${row.guid}`;
    const existing = byKey.get(key);
    if (existing) {
      // A Stratus note that was split into several Anki notes comes back together.
      for (const c of imported) if (!existing.cards.some((e) => e.ord === c.ord)) existing.cards.push(c);
      existing.cards.sort((a, b) => a.ord - b.ord);
      continue;
    }
    const note: ImportedNote = {
      key,
      deck,
      // A reversed note type with one card here (Anki's "optional reversed card" left off) is basic.
      kind: stratus ? stratus.kind : kinds.get(nt.id) === 'reversed' && imported.length < 2 ? 'basic' : (kinds.get(nt.id) ?? 'basic'),
      fields: stratus ? stratus.fields : fields,
      tags,
      source: { file, line: null },
      cards: imported,
    };
    byKey.set(key, note);
    notes.push(note);
  }

  const notices: CoreMessage[] = [];
  if (mediaFiles) notices.push(msg('import.notice.media', { count: mediaFiles }));
  if (counts.revlogSkipped) notices.push(msg('import.notice.revlog', { count: counts.revlogSkipped }));
  // Notes whose deck the package does not name (a card in a deck missing from it) go to a deck
  // named after the package, unless the import names one.
  const defaultDeck = basename(file).replace(/\.(apkg|colpkg|zip)$/i, '') || undefined;
  return { format: 'apkg', notes, skipped, notices: notices.map((n) => n.text), noticeMessages: notices, ...(defaultDeck ? { defaultDeck } : {}) };
}

/** Revlog → each card's answers, oldest first. */
function readHistory(col: AnkiCollection, counts: Counts): Map<number, ImportedReview[]> {
  const out = new Map<number, ImportedReview[]>();
  for (const card of col.cards) out.set(card.id, []);
  const v1 = col.schedVer === 1;
  let sorted = true;
  // Plain indexed loops: this runs once per answer of logs with 500,000 of them.
  for (const chunk of col.revlogChunks()) {
    for (let i = 0; i < chunk.length; i++) {
      const row = chunk[i]!;
      const reviewType = Number(row[4]);
      let ease = Number(row[2]);
      const at = Number(row[0]);
      const list = out.get(Number(row[1]));
      // Types: 0 learn, 1 review, 2 relearn, 3 filtered (early review); 4 manual and 5 rescheduled
      // are not answers. Ease 0 marks the same.
      if (!list || !(ease >= 1 && ease <= 4) || !(reviewType >= 0 && reviewType <= 3) || !Number.isFinite(at)) {
        counts.revlogSkipped++;
        continue;
      }
      // The v1 scheduler had three buttons while learning (again, good, easy), logged as ease 1–3.
      if (v1 && (reviewType === 0 || reviewType === 2) && (ease === 2 || ease === 3)) ease++;
      if (list.length && list[list.length - 1]!.reviewedAt > at) sorted = false;
      list.push({ reviewedAt: at, rating: ease as ImportedReview['rating'], durationMs: Math.max(0, Math.round(Number(row[3]) || 0)) });
    }
  }
  // A log whose ids are not in time order (hand-edited or damaged) is put in order per card.
  if (!sorted) for (const list of out.values()) list.sort((a, b) => a.reviewedAt - b.reviewedAt);
  return out;
}

/** Basic, Basic-and-reversed or Cloze, from the note type's shape. */
export function classify(nt: AnkiNotetype): NoteKind {
  if (nt.cloze) return 'cloze';
  if (nt.templates.length === 2) {
    const [a, b] = nt.templates as [AnkiNotetype['templates'][0], AnkiNotetype['templates'][0]];
    const qa = firstField(a.qfmt, nt.fields);
    const qb = firstField(b.qfmt, nt.fields);
    const aa = firstField(a.afmt.replace(/\{\{\s*FrontSide\s*\}\}/g, ''), nt.fields.filter((f) => f !== qa));
    if (qa && qb && qa !== qb && aa === qb) return 'reversed';
  }
  return 'basic';
}

function isBlankSide(html: string): boolean {
  if (!html.includes('<') && !html.includes('&')) return html.trim() === '';
  return stripHtml(html.replace(/<img[^>]*>/gi, (tag) => (/src\s*=\s*["']?data:image\//i.test(tag) ? 'image' : ''))) === '';
}

function describe(field: string, id: number): string {
  const plain = stripHtml(field).replace(/\s+/g, ' ').trim();
  const short = plain.length > 40 ? `${plain.slice(0, 39)}…` : plain;
  return short ? `"${short}"` : `with Anki id ${id}`;
}

interface StratusData {
  key: string;
  kind: NoteKind;
  fields: string[];
  cards: { ord: number; ankiOrd: number; front: string; back: string }[];
}

const KINDS: readonly NoteKind[] = ['basic', 'reversed', 'cloze', 'generated'];

/** The note as Stratus exported it, or null when the note is not ours or the data is damaged. */
function readStratusData(data: string): StratusData | null {
  if (!data.includes(STRATUS_NOTE_DATA)) return null;
  try {
    const parsed = (JSON.parse(data) as Record<string, unknown>)[STRATUS_NOTE_DATA] as Record<string, unknown> | undefined;
    if (!parsed || parsed.v !== 1) return null;
    const { key, kind, fields, cards } = parsed;
    const isString = (x: unknown): x is string => typeof x === 'string';
    if (!isString(key) || !key || !KINDS.includes(kind as NoteKind) || !Array.isArray(fields) || !fields.every(isString)) return null;
    if (!Array.isArray(cards)) return null;
    const ok = cards.every(
      (c) => c && typeof c === 'object' && Number.isInteger(c.ord) && Number.isInteger(c.ankiOrd) && isString(c.front) && isString(c.back),
    );
    return ok ? { key, kind: kind as NoteKind, fields, cards } : null;
  } catch {
    return null;
  }
}
