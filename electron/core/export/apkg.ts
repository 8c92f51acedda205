// A deck → an Anki deck package (.apkg) that Anki imports: a legacy collection.anki2 (schema 11,
// rslib/src/storage/schema11.sql) with Basic, Basic-and-reversed and Cloze note types, the deck
// (and its `Parent::Child` sub-decks), notes, cards, optionally their scheduling and review log,
// and an empty media list. Anki reads such a package as its "legacy 1" format.
//
// Stratus notes map to Anki notes so that Anki shows the same cards:
//   a cloze note whose text holds {{cN::...}} → one Cloze note;
//   a note whose two cards mirror each other → one "Basic (and reversed card)" note;
//   anything else → one Basic note per card (a generated note can have several unrelated cards).
// Card text written in Markdown is converted to HTML for Anki; text imported from Anki is HTML
// already and goes back as it came. Each note also carries, in Anki's unused `notes.data` column,
// the Stratus note it came from (key, kind, fields, each card's ord and Markdown), so importing
// the package into Stratus gives back exactly the same notes and cards. Anki ignores that column.
import { createHash } from 'node:crypto';
import type { Database as DB } from 'better-sqlite3';
import { strToU8, zipSync } from 'fflate';
import { NotFoundError } from '../errors';
import { msg } from '../messages';
import { STRATUS_NOTE_DATA } from '../import/apkg';
import { clozeNumbers, stripHtml } from '../import/anki/template';
import { renderCardHtml } from '../render';
import { studyDay, DAY } from '../time';

export interface ApkgExportOptions {
  /** Keep each card's schedule and review history; without it every card is new. */
  includeScheduling: boolean;
  /** Export time (ms); tests pass a fixed one so the package is the same on every run. */
  now?: number;
}

/** Fixed note type ids, so that every export maps onto the same note types in Anki. */
const MODEL_IDS = { basic: 1_700_000_000_001, reversed: 1_700_000_000_002, cloze: 1_700_000_000_003 } as const;
type ModelKind = keyof typeof MODEL_IDS;
const DAY_START_HOUR = 4;

interface CardOut {
  id: number;
  noteId: number;
  ord: number;
  front: string;
  back: string;
  position: number;
  state: number;
  due: number;
  scheduledDays: number;
  reps: number;
  lapses: number;
  suspended: number;
  deckId: number;
}

interface NoteIn {
  id: number;
  guid: string;
  tags: string;
  kind: string;
  fields: string;
  cards: CardOut[];
}

interface AnkiNoteOut {
  guid: string;
  model: ModelKind;
  fields: string[];
  tags: string;
  data: string;
  /** Stratus card and its Anki template ord. */
  cards: { card: CardOut; ankiOrd: number }[];
}

export function exportApkg(db: DB, deckId: number, options: ApkgExportOptions): Uint8Array {
  const now = options.now ?? Date.now();
  const deck = db.prepare('SELECT id, name FROM deck WHERE id = ?').get(deckId) as { id: number; name: string } | undefined;
  if (!deck) throw new NotFoundError(msg('deck.notFound', { id: String(deckId) }));
  // The deck and its sub-decks, as Anki exports a deck.
  const decks = db
    .prepare("SELECT id, name FROM deck WHERE id = ? OR name LIKE ? ESCAPE '\\' ORDER BY name")
    .all(deck.id, `${deck.name.replace(/[\\%_]/g, (c) => `\\${c}`)}::%`) as { id: number; name: string }[];
  const deckIds = decks.map((d) => d.id);
  const marks = deckIds.map(() => '?').join(', ');

  const rows = db
    .prepare(
      `SELECT c.id, c.note_id AS noteId, c.ord, c.front, c.back, c.position, c.state, c.due,
              c.scheduled_days AS scheduledDays, c.reps, c.lapses, c.suspended, c.deck_id AS deckId,
              n.guid, n.tags, n.kind, n.fields
         FROM card c JOIN note n ON n.id = c.note_id
        WHERE c.deck_id IN (${marks}) ORDER BY c.note_id, c.ord`,
    )
    .all(...deckIds) as (CardOut & { guid: string; tags: string; kind: string; fields: string })[];
  const notes: NoteIn[] = [];
  for (const r of rows) {
    const last = notes.at(-1);
    if (last && last.id === r.noteId) last.cards.push(r);
    else notes.push({ id: r.noteId, guid: r.guid, tags: r.tags, kind: r.kind, fields: r.fields, cards: [r] });
  }

  const crt = Math.floor(studyDay(rows.reduce((min, r) => Math.min(min, r.due), now), DAY_START_HOUR).start / 1000);
  const reviews = options.includeScheduling
    ? (db
        .prepare(
          `SELECT r.card_id, r.reviewed_at, r.rating, r.state_before, r.state_after, r.due, r.scheduled_days, r.duration_ms
             FROM review r JOIN card c ON c.id = r.card_id
            WHERE c.deck_id IN (${marks}) ORDER BY r.card_id, r.reviewed_at, r.id`,
        )
        .all(...deckIds) as ReviewRow[])
    : [];

  // The package's collection is built in an in-memory database attached to this connection (so
  // it loads no second SQLite build: Electron's differs from Node's) and detached afterwards.
  // Nothing is written to the collection itself.
  db.exec(`ATTACH DATABASE ':memory:' AS ${OUT}`);
  let sqlite: Buffer;
  try {
    createSchema(db);
    const ankiDeckIds = writeCol(db, decks, deck.id, now, crt);
    writeNotes(db, notes.flatMap(toAnkiNotes), ankiDeckIds, reviews, options, now, crt);
    sqlite = db.serialize({ attached: OUT });
  } finally {
    db.exec(`DETACH DATABASE ${OUT}`);
  }
  return zipSync(
    {
      'collection.anki2': new Uint8Array(sqlite.buffer, sqlite.byteOffset, sqlite.byteLength),
      // The legacy media list: file number → name. No media is exported.
      media: strToU8('{}'),
    },
    { level: 6, mtime: new Date(now) },
  );
}

/** Schema name of the attached package database. */
const OUT = 'apkg_export';

// --- Stratus notes → Anki notes ------------------------------------------------------------------

function toAnkiNotes(note: NoteIn): AnkiNoteOut[] {
  const fromAnki = note.guid.startsWith('anki:');
  const guid = fromAnki ? note.guid.slice('anki:'.length) : stableGuid(note.guid);
  // Anki fields are HTML: Markdown is rendered; HTML that came from Anki goes back unchanged.
  const field = (text: string) => (fromAnki ? text : markdownToField(text));
  const fields = parseFields(note.fields);
  const tags = note.tags.split(/\s+/).filter(Boolean);
  const ankiTags = tags.length ? ` ${tags.join(' ')} ` : '';
  const data = (cards: { card: CardOut; ankiOrd: number }[]) =>
    JSON.stringify({
      [STRATUS_NOTE_DATA]: {
        v: 1,
        key: note.guid,
        kind: note.kind,
        fields,
        cards: cards.map(({ card, ankiOrd }) => ({ ord: card.ord, ankiOrd, front: card.front, back: card.back })),
      },
    });
  const whole = (model: ModelKind, ankiFields: string[]): AnkiNoteOut[] => {
    const cards = note.cards.map((card) => ({ card, ankiOrd: card.ord }));
    return [{ guid, model, fields: ankiFields, tags: ankiTags, data: data(cards), cards }];
  };

  const [a, b] = note.cards;
  const text = fields[0] ?? '';
  const numbers = note.kind === 'cloze' ? clozeNumbers(text) : [];
  if (numbers.length && note.cards.every((c) => numbers.includes(c.ord + 1))) {
    return whole('cloze', [field(text), field(fields[1] ?? '')]);
  }
  if (note.cards.length === 2 && a && b && a.ord === 0 && b.ord === 1 && a.front === b.back && a.back === b.front) {
    return whole('reversed', [field(a.front), field(a.back)]);
  }
  if (note.cards.length === 1 && a && a.ord === 0) return whole('basic', [field(a.front), field(a.back)]);
  // Several cards that are not one Anki note type's cards: one Basic note each.
  return note.cards.map((card) => {
    const cards = [{ card, ankiOrd: 0 }];
    return { guid: `${guid}#${card.ord}`, model: 'basic' as const, fields: [field(card.front), field(card.back)], tags: ankiTags, data: data(cards), cards };
  });
}

function parseFields(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : String(v ?? ''))) : [];
  } catch {
    return [];
  }
}

/** Markdown → the HTML Stratus shows for it; a lone paragraph loses its <p> like Anki's fields. */
function markdownToField(markdown: string): string {
  const html = renderCardHtml(markdown) as string;
  const lone = /^<p>([\s\S]*)<\/p>$/.exec(html);
  return lone && !lone[1]!.includes('<p>') ? lone[1]! : html;
}

/** A short, stable Anki guid for a Stratus note key (Anki's own are 10 base-91 characters). */
function stableGuid(key: string): string {
  return `st${createHash('sha1').update(key).digest('base64url').slice(0, 12)}`;
}

/** Anki's note checksum: the first 4 bytes of sha1(first field without HTML), as an integer. */
export function fieldChecksum(firstField: string): number {
  return createHash('sha1').update(stripHtml(firstField)).digest().readUInt32BE(0);
}

// --- the collection ------------------------------------------------------------------------------

function createSchema(db: DB): void {
  db.exec(`
    CREATE TABLE ${OUT}.col (id integer primary key, crt integer not null, mod integer not null, scm integer not null,
      ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null,
      models text not null, decks text not null, dconf text not null, tags text not null);
    CREATE TABLE ${OUT}.notes (id integer primary key, guid text not null, mid integer not null, mod integer not null,
      usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null,
      flags integer not null, data text not null);
    CREATE TABLE ${OUT}.cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
      mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null,
      ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null,
      odue integer not null, odid integer not null, flags integer not null, data text not null);
    CREATE TABLE ${OUT}.revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null,
      ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
    CREATE TABLE ${OUT}.graves (usn integer not null, oid integer not null, type integer not null);
    CREATE INDEX ${OUT}.ix_notes_usn ON notes (usn);
    CREATE INDEX ${OUT}.ix_cards_usn ON cards (usn);
    CREATE INDEX ${OUT}.ix_revlog_usn ON revlog (usn);
    CREATE INDEX ${OUT}.ix_cards_nid ON cards (nid);
    CREATE INDEX ${OUT}.ix_cards_sched ON cards (did, queue, due);
    CREATE INDEX ${OUT}.ix_revlog_cid ON revlog (cid);
    CREATE INDEX ${OUT}.ix_notes_csum ON notes (csum);
  `);
}

const CSS = '.card {\n  font-family: arial;\n  font-size: 20px;\n  text-align: center;\n  color: black;\n  background-color: white;\n}\n';
const CLOZE_CSS = `${CSS}.cloze {\n  font-weight: bold;\n  color: blue;\n}\n.nightMode .cloze {\n  color: lightblue;\n}\n`;

function field(name: string, ord: number) {
  return { name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, description: '', media: [] };
}

function template(name: string, ord: number, qfmt: string, afmt: string) {
  return { name, ord, qfmt, afmt, bqfmt: '', bafmt: '', did: null, bfont: '', bsize: 0 };
}

function model(kind: ModelKind, deckId: number, mod: number) {
  const base = { id: MODEL_IDS[kind], mod, usn: 0, sortf: 0, did: deckId, latexPre: LATEX_PRE, latexPost: '\\end{document}', latexsvg: false, tags: [], vers: [] };
  const answer = '{{FrontSide}}\n\n<hr id=answer>\n\n';
  if (kind === 'cloze') {
    return {
      ...base,
      name: 'Cloze (Stratus)',
      type: 1,
      css: CLOZE_CSS,
      flds: [field('Text', 0), field('Back Extra', 1)],
      tmpls: [template('Cloze', 0, '{{cloze:Text}}', '{{cloze:Text}}<br>\n{{Back Extra}}')],
      req: [[0, 'any', [0]]],
    };
  }
  const tmpls = [template('Card 1', 0, '{{Front}}', `${answer}{{Back}}`)];
  if (kind === 'reversed') tmpls.push(template('Card 2', 1, '{{Back}}', `${answer}{{Front}}`));
  return {
    ...base,
    name: kind === 'basic' ? 'Basic (Stratus)' : 'Basic and reversed (Stratus)',
    type: 0,
    css: CSS,
    flds: [field('Front', 0), field('Back', 1)],
    tmpls,
    req: kind === 'basic' ? [[0, 'any', [0]]] : [[0, 'any', [0]], [1, 'any', [1]]],
  };
}

const LATEX_PRE =
  '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n';

function ankiDeck(id: number, name: string, mod: number) {
  return {
    id,
    name,
    mod,
    usn: 0,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    collapsed: false,
    browserCollapsed: false,
    desc: '',
    dyn: 0,
    conf: 1,
    extendNew: 0,
    extendRev: 0,
  };
}

const DECK_CONFIG = {
  id: 1,
  mod: 0,
  name: 'Default',
  usn: 0,
  maxTaken: 60,
  autoplay: true,
  timer: 0,
  replayq: true,
  dyn: false,
  new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
  rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
  lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
};

/** Writes the col row; returns Stratus deck id → Anki deck id. */
function writeCol(db: DB, decks: { id: number; name: string }[], mainDeck: number, now: number, crt: number): Map<number, number> {
  const mod = Math.floor(now / 1000);
  const ids = new Map<number, number>();
  const byName = new Map<string, number>();
  const ankiDecks: Record<string, ReturnType<typeof ankiDeck>> = { '1': ankiDeck(1, 'Default', mod) };
  let next = now;
  const add = (name: string): number => {
    const known = byName.get(name.toLowerCase());
    if (known) return known;
    // Anki needs every parent of `A::B::C` to exist.
    const parts = name.split('::');
    if (parts.length > 1) add(parts.slice(0, -1).join('::'));
    const id = ++next;
    ankiDecks[String(id)] = ankiDeck(id, name, mod);
    byName.set(name.toLowerCase(), id);
    return id;
  };
  for (const d of decks) ids.set(d.id, add(cleanDeckName(d.name)));
  const main = ids.get(mainDeck)!;
  const models = Object.fromEntries((['basic', 'reversed', 'cloze'] as const).map((k) => [String(MODEL_IDS[k]), model(k, main, mod)]));
  const conf = {
    activeDecks: [main],
    curDeck: main,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    curModel: MODEL_IDS.basic,
    nextPos: 1,
    sortType: 'noteFld',
    sortBackwards: false,
    addToCur: true,
    schedVer: 2,
    rollover: DAY_START_HOUR,
    creationOffset: new Date(now).getTimezoneOffset(),
  };
  db.prepare(`INSERT INTO ${OUT}.col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)`).run(
    crt,
    now,
    now,
    JSON.stringify(conf),
    JSON.stringify(models),
    JSON.stringify(ankiDecks),
    JSON.stringify({ '1': DECK_CONFIG }),
    '{}',
  );
  return ids;
}

function cleanDeckName(name: string): string {
  return (
    name
      .split('::')
      .map((p) => p.trim())
      .filter(Boolean)
      .join('::') || 'Stratus'
  );
}

interface ReviewRow {
  card_id: number;
  reviewed_at: number;
  rating: number;
  state_before: number;
  state_after: number;
  due: number;
  scheduled_days: number;
  duration_ms: number;
}

function writeNotes(
  db: DB,
  notes: AnkiNoteOut[],
  deckIds: Map<number, number>,
  reviews: ReviewRow[],
  options: ApkgExportOptions,
  now: number,
  crt: number,
): void {
  const mod = Math.floor(now / 1000);
  const insertNote = db.prepare(`INSERT INTO ${OUT}.notes VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, 0, ?)`);
  const insertCard = db.prepare(`INSERT INTO ${OUT}.cards VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)`);
  const insertRevlog = db.prepare(`INSERT INTO ${OUT}.revlog VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)`);
  const ankiCardIds = new Map<number, number>();
  const today = studyDay(now, DAY_START_HOUR).start;
  const dayIndex = (ms: number) => Math.round((studyDay(ms, DAY_START_HOUR).start - crt * 1000) / DAY);
  let nextId = now;
  db.transaction(() => {
    for (const note of notes) {
      const noteId = ++nextId;
      const sortField = stripHtml(note.fields[0] ?? '');
      insertNote.run(noteId, note.guid, MODEL_IDS[note.model], mod, note.tags, note.fields.join('\x1f'), sortField, fieldChecksum(note.fields[0] ?? ''), note.data);
      for (const { card, ankiOrd } of note.cards) {
        const cardId = ++nextId;
        ankiCardIds.set(card.id, cardId);
        const s = options.includeScheduling ? ankiSchedule(card, today, dayIndex) : NEW_CARD(card.position);
        insertCard.run(cardId, noteId, deckIds.get(card.deckId)!, ankiOrd, mod, s.type, s.queue, s.due, s.ivl, s.factor, s.reps, s.lapses, s.left, '{}');
      }
    }
    if (!options.includeScheduling) return;
    // Revlog ids are the answer times in ms and must be unique: a clash moves the later one by 1 ms.
    const used = new Set<number>();
    let lastCard = -1;
    let lastIvl = 0;
    for (const r of reviews) {
      const cid = ankiCardIds.get(r.card_id);
      if (cid === undefined) continue;
      if (r.card_id !== lastCard) {
        lastCard = r.card_id;
        lastIvl = 0;
      }
      let id = r.reviewed_at;
      while (used.has(id)) id++;
      used.add(id);
      // ivl: days, or negative seconds for a (re)learning step.
      const learningStep = (r.state_after === 1 || r.state_after === 3) && r.scheduled_days === 0;
      const ivl = learningStep ? -Math.max(1, Math.round((r.due - r.reviewed_at) / 1000)) : r.scheduled_days;
      // type: the card's kind before the answer (0 learn, 1 review, 2 relearn).
      const type = r.state_before === 2 ? 1 : r.state_before === 3 ? 2 : 0;
      insertRevlog.run(id, cid, r.rating, ivl, lastIvl, r.state_after === 2 ? 2500 : 0, Math.max(0, r.duration_ms), type);
      lastIvl = ivl;
    }
  })();
}

interface AnkiSchedule {
  type: number;
  queue: number;
  due: number;
  ivl: number;
  factor: number;
  reps: number;
  lapses: number;
  left: number;
}

const NEW_CARD = (position: number): AnkiSchedule => ({ type: 0, queue: 0, due: position, ivl: 0, factor: 0, reps: 0, lapses: 0, left: 0 });

/** Stratus's FSRS state → Anki's card columns (type/queue: 0 new, 1 learning, 2 review, 3 relearning; queue -1 suspended). */
function ankiSchedule(card: CardOut, today: number, dayIndex: (ms: number) => number): AnkiSchedule {
  let s: AnkiSchedule;
  if (card.state === 0) s = NEW_CARD(card.position);
  else if (card.state === 2) {
    s = { type: 2, queue: 2, due: dayIndex(card.due), ivl: Math.max(1, card.scheduledDays), factor: 2500, reps: card.reps, lapses: card.lapses, left: 0 };
  } else {
    // Learning and relearning: due today → intraday queue 1 (epoch seconds); a later day → queue 3 (day number).
    const laterDay = studyDay(card.due, DAY_START_HOUR).start > today;
    s = {
      type: card.state,
      queue: laterDay ? 3 : 1,
      due: laterDay ? dayIndex(card.due) : Math.floor(card.due / 1000),
      ivl: card.state === 3 ? Math.max(1, card.scheduledDays) : 0,
      factor: card.state === 3 ? 2500 : 0,
      reps: card.reps,
      lapses: card.lapses,
      left: 1,
    };
  }
  if (card.suspended) s.queue = -1;
  return s;
}
