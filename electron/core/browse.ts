// The card browser: search (query language in search.ts), sorted and paged rows, and the bulk
// actions on a selection. Each bulk action runs in one transaction and logs what it changed, so
// undo (undoLog.ts) restores it exactly.
//
// Paging: a page is `ORDER BY … LIMIT ? OFFSET ?` over the search plus a count; a virtualized table
// can also take every matching id in order once (searchCardIds) and fetch rows by id as it scrolls
// (browseRows), which keeps each scroll step to an indexed look-up of the visible rows.
import type { Database } from 'better-sqlite3';
import type { BrowseColumn, BrowsePage, BrowseQuery, BrowseRow, BulkAction, BulkResult } from '../shared/contract';
import { BROWSE_COLUMNS } from '../shared/contract';
import { InvalidArgumentError, NotFoundError } from './errors';
import { msg } from './messages';
import { deckOptions, plural } from './presets';
import { parseExamDate } from './exam/profile';
import { createScheduler, createForgettingCurve, newMemoryState, STATE_NAMES, type ForgettingCurve, type StateCode } from './scheduler';
import { compileQuery, curveFor, ensureSearchFunctions } from './search';
import { getAppSettings } from './settings';
import { DAY, studyDay } from './time';
import { recordAction } from './undoLog';

export const MAX_PAGE = 1000;
export const MARKED_TAG = 'marked';

// --- Rows ---------------------------------------------------------------------------------------

const SORTS: Record<BrowseColumn, { sql: string[]; note?: boolean; deck?: boolean }> = {
  front: { sql: ['c.front COLLATE NOCASE'] },
  back: { sql: ['c.back COLLATE NOCASE'] },
  deck: { sql: ['d.name COLLATE NOCASE'], deck: true },
  tags: { sql: ['n.tags COLLATE NOCASE'], note: true },
  state: { sql: ['c.state'] },
  // New cards (shown by position) after the scheduled ones, as in Anki.
  due: { sql: ['c.state = 0', 'CASE WHEN c.state = 0 THEN c.position ELSE c.due END'] },
  interval: { sql: ['c.scheduled_days'] },
  stability: { sql: ['c.state <> 0', 'c.stability'] },
  difficulty: { sql: ['c.state <> 0', 'c.difficulty'] },
  retrievability: { sql: ['stratus_retrievability(c.deck_id, c.state, c.stability, c.last_review, ?)'] },
  reps: { sql: ['c.reps'] },
  lapses: { sql: ['c.lapses'] },
  added: { sql: ['n.created_at'], note: true },
  edited: { sql: ['n.updated_at'], note: true },
  flag: { sql: ['c.flag'] },
};

function orderedSelect(db: Database, q: BrowseQuery, now: number): { sql: string; params: unknown[] } {
  const sort = q.sort ?? 'added';
  const spec = SORTS[sort];
  if (!spec) throw new InvalidArgumentError(msg('browse.badColumn', { column: sort, columns: BROWSE_COLUMNS.join(', ') }));
  const compiled = compileQuery(db, q.query, now);
  const dir = q.descending ? ' DESC' : '';
  const order = spec.sql.map((part) => `${part}${dir}`).join(', ');
  const joins = `${compiled.needsNote || spec.note ? ' JOIN note n ON n.id = c.note_id' : ''}${spec.deck ? ' JOIN deck d ON d.id = c.deck_id' : ''}`;
  const sortParams = sort === 'retrievability' ? [now] : [];
  return {
    sql: `SELECT c.id FROM card c${joins} WHERE ${compiled.where} ORDER BY ${order}, c.id${dir}`,
    params: [...compiled.params, ...sortParams],
  };
}

/** Every card id matching the query, in table order. */
export function searchCardIds(db: Database, q: BrowseQuery, now: number): number[] {
  const { sql, params } = orderedSelect(db, q, now);
  return db.prepare(sql).pluck().all(...params) as number[];
}

/** How many cards match the query. */
export function countCards(db: Database, query: string, now: number): number {
  const compiled = compileQuery(db, query, now);
  const join = compiled.needsNote ? ' JOIN note n ON n.id = c.note_id' : '';
  return db.prepare(`SELECT count(*) FROM card c${join} WHERE ${compiled.where}`).pluck().get(...compiled.params) as number;
}

/** One page of the browser: rows `offset` … `offset + limit − 1` of the sorted search, and the total. */
export function searchCards(db: Database, q: BrowseQuery & { offset: number; limit: number }, now: number): BrowsePage {
  if (!Number.isInteger(q.offset) || q.offset < 0) throw new InvalidArgumentError(msg('browse.badOffset'));
  if (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > MAX_PAGE) throw new InvalidArgumentError(msg('browse.badLimit', { max: String(MAX_PAGE) }));
  const { sql, params } = orderedSelect(db, q, now);
  const ids = db.prepare(`${sql} LIMIT ? OFFSET ?`).pluck().all(...params, q.limit, q.offset) as number[];
  return { total: countCards(db, q.query, now), offset: q.offset, rows: browseRows(db, ids, now) };
}

interface RawRow {
  id: number;
  note_id: number;
  deck_id: number;
  deck: string;
  front: string;
  back: string;
  tags: string;
  state: StateCode;
  suspended: 0 | 1;
  buried_until: number | null;
  flag: number;
  due: number;
  position: number;
  scheduled_days: number;
  stability: number;
  difficulty: number;
  last_review: number | null;
  reps: number;
  lapses: number;
  created_at: number;
  updated_at: number;
}

/** Rows for the given card ids, in that order; ids that don't exist are left out. */
export function browseRows(db: Database, ids: number[], now: number): BrowseRow[] {
  if (ids.length > MAX_PAGE) throw new InvalidArgumentError(msg('browse.tooManyRows', { max: String(MAX_PAGE) }));
  if (ids.length === 0) return [];
  ensureSearchFunctions(db);
  const rows = db
    .prepare(`SELECT c.id, c.note_id, c.deck_id, d.name AS deck, substr(c.front, 1, 1000) AS front, substr(c.back, 1, 1000) AS back,
        n.tags, c.state, c.suspended, c.buried_until, c.flag, c.due, c.position, c.scheduled_days, c.stability, c.difficulty,
        c.last_review, c.reps, c.lapses, n.created_at, n.updated_at
      FROM card c JOIN note n ON n.id = c.note_id JOIN deck d ON d.id = c.deck_id
      WHERE c.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as RawRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const curves = new Map<number, ForgettingCurve>();
  const curveOf = (deckId: number) => curves.get(deckId) ?? curves.set(deckId, curveFor(db, deckId)).get(deckId)!;
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toBrowseRow(r, now, curveOf(r.deck_id))] : [];
  });
}

function toBrowseRow(r: RawRow, now: number, curve: ForgettingCurve): BrowseRow {
  const tags = splitTags(r.tags);
  const reviewed = r.state !== 0;
  return {
    id: r.id,
    noteId: r.note_id,
    deckId: r.deck_id,
    deck: r.deck,
    front: plainExcerpt(r.front),
    back: plainExcerpt(r.back),
    tags,
    state: STATE_NAMES[r.state]!,
    suspended: r.suspended === 1,
    buried: r.buried_until !== null && r.buried_until > now,
    flag: r.flag,
    marked: tags.some((t) => t.toLowerCase() === MARKED_TAG),
    due: reviewed ? new Date(r.due).toISOString() : null,
    position: reviewed ? null : r.position,
    interval: r.scheduled_days,
    stability: reviewed ? r.stability : null,
    difficulty: reviewed ? r.difficulty : null,
    retrievability: reviewed && r.last_review !== null ? curve((now - r.last_review) / DAY, r.stability) : null,
    reps: r.reps,
    lapses: r.lapses,
    added: new Date(r.created_at).toISOString(),
    edited: new Date(r.updated_at).toISOString(),
  };
}

export function splitTags(tags: string): string[] {
  return tags.split(/\s+/).filter(Boolean);
}

/**
 * A one-line plain-text excerpt of Markdown (or imported HTML): markup, tags and cloze braces
 * removed, entities decoded, whitespace collapsed, cut at `max` characters.
 */
export function plainExcerpt(text: string, max = 160): string {
  const plain = text
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/\{\{c\d+::([\s\S]*?)(?:::[^}]*)?\}\}/g, '$1')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
    .replace(/(\*\*|__|~~|==|`+)/g, '')
    .replace(/(^|\W)[*_](\S[^*_]*?)[*_](?=\W|$)/g, '$1$2')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain;
}

// --- Bulk actions -------------------------------------------------------------------------------

const IN_IDS = 'id IN (SELECT value FROM json_each(?))';
const NOTE_OF_CARDS = 'SELECT DISTINCT note_id FROM card WHERE id IN (SELECT value FROM json_each(?))';
const SCHEDULE_COLUMNS = ['state', 'due', 'stability', 'difficulty', 'scheduled_days', 'learning_steps', 'reps', 'lapses', 'last_review', 'buried_until', 'position'];

/** Checks that every id is a card; returns them without duplicates. */
function requireCards(db: Database, cardIds: readonly number[]): number[] {
  const ids = [...new Set(cardIds)];
  if (ids.length === 0) throw new InvalidArgumentError(msg('browse.noSelection'));
  const found = new Set(db.prepare(`SELECT id FROM card WHERE ${IN_IDS}`).pluck().all(JSON.stringify(ids)) as number[]);
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) throw new NotFoundError(msg('card.notFound', { id: String(missing) }));
  return ids;
}

/** Tags from user input: split on whitespace, duplicates removed (case-insensitive). */
export function cleanTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tags.flatMap((x) => x.split(/\s+/)).filter(Boolean)) {
    if (t.length > 100) throw new InvalidArgumentError(msg('browse.tagTooLong', { tag: t.slice(0, 20) }));
    if (!out.some((o) => o.toLowerCase() === t.toLowerCase())) out.push(t);
  }
  return out;
}

/** Applies a bulk action to cards in one transaction, logged for undo. */
export function bulkAction(db: Database, cardIds: readonly number[], action: BulkAction, now: number): BulkResult {
  return db.transaction(() => runBulk(db, requireCards(db, cardIds), action, now)).immediate();
}

function runBulk(db: Database, ids: number[], action: BulkAction, now: number): BulkResult {
  const json = JSON.stringify(ids);
  const cards = (n: number) => plural(n, 'card');
  const simple = (kind: BulkAction['kind'], label: string, column: string, value: unknown, changedWhere: string, extra: unknown[] = []): BulkResult => {
    const count = recordAction(db, now, { kind, label, count: ids.length }, (log) => {
      const n = log.update('card', [column], `${IN_IDS} AND ${changedWhere}`, [json, ...extra]);
      db.prepare(`UPDATE card SET ${column} = ? WHERE ${IN_IDS} AND ${changedWhere}`).run(value, json, ...extra);
      return n;
    });
    return { kind, label, cards: count, notes: 0 };
  };

  switch (action.kind) {
    case 'suspend':
      return simple('suspend', `Suspend ${cards(ids.length)}`, 'suspended', 1, 'suspended = 0');
    case 'unsuspend':
      return simple('unsuspend', `Unsuspend ${cards(ids.length)}`, 'suspended', 0, 'suspended = 1');
    case 'bury': {
      const until = studyDay(now, getAppSettings(db).dayStartHour).end;
      return simple('bury', `Bury ${cards(ids.length)}`, 'buried_until', until, 'buried_until IS NOT ?', [until]);
    }
    case 'unbury':
      return simple('unbury', `Unbury ${cards(ids.length)}`, 'buried_until', null, 'buried_until > ?', [now]);
    case 'flag': {
      if (!Number.isInteger(action.flag) || action.flag < 0 || action.flag > 7) throw new InvalidArgumentError(msg('browse.badFlag'));
      const label = action.flag === 0 ? `Remove the flag of ${cards(ids.length)}` : `Flag ${cards(ids.length)} (${action.flag})`;
      return simple('flag', label, 'flag', action.flag, 'flag <> ?', [action.flag]);
    }
    case 'move': {
      const deck = db.prepare('SELECT id, name FROM deck WHERE id = ?').get(action.deckId) as { id: number; name: string } | undefined;
      if (!deck) throw new NotFoundError(msg('deck.notFound', { id: String(action.deckId) }));
      return simple('move', `Move ${cards(ids.length)} to "${deck.name}"`, 'deck_id', deck.id, 'deck_id <> ?', [deck.id]);
    }
    case 'addTags':
    case 'removeTags':
    case 'mark':
    case 'unmark':
    case 'toggleMark':
      return tagAction(db, ids, action, now);
    case 'forget':
      return forget(db, ids, action.resetCounts === true, now);
    case 'reschedule':
      return reschedule(db, ids, action.date, now);
    case 'delete':
      return deleteNotes(db, ids, now);
  }
  throw new InvalidArgumentError(msg('browse.badAction', { kind: (action as { kind: string }).kind }));
}

function tagAction(db: Database, ids: number[], action: Extract<BulkAction, { kind: 'addTags' | 'removeTags' | 'mark' | 'unmark' | 'toggleMark' }>, now: number): BulkResult {
  const noteIds = db.prepare(NOTE_OF_CARDS).pluck().all(JSON.stringify(ids)) as number[];
  const notes = db.prepare(`SELECT id, tags FROM note WHERE ${IN_IDS}`).all(JSON.stringify(noteIds)) as { id: number; tags: string }[];
  const has = (tags: string[], tag: string) => tags.some((t) => t.toLowerCase() === tag.toLowerCase());
  let kind = action.kind;
  let tags: string[];
  if (action.kind === 'addTags' || action.kind === 'removeTags') {
    tags = cleanTags(action.tags);
    if (tags.length === 0) throw new InvalidArgumentError(msg('browse.noTags'));
  } else {
    tags = [MARKED_TAG];
    if (action.kind === 'toggleMark') kind = notes.every((n) => has(splitTags(n.tags), MARKED_TAG)) ? 'unmark' : 'mark';
  }
  const adding = kind === 'addTags' || kind === 'mark';
  const changed = new Map<number, string>();
  for (const n of notes) {
    const current = splitTags(n.tags);
    const next = adding ? [...current, ...tags.filter((t) => !has(current, t))] : current.filter((t) => !has(tags, t));
    if (next.length !== current.length) changed.set(n.id, next.join(' '));
  }
  const quoted = tags.map((t) => `"${t}"`).join(', ');
  const noteWord = plural(notes.length, 'note');
  const label =
    kind === 'mark' ? `Mark ${noteWord}` : kind === 'unmark' ? `Unmark ${noteWord}` : adding ? `Add ${tags.length === 1 ? 'tag' : 'tags'} ${quoted} to ${noteWord}` : `Remove ${tags.length === 1 ? 'tag' : 'tags'} ${quoted} from ${noteWord}`;
  recordAction(db, now, { kind, label, count: ids.length }, (log) => {
    log.update('note', ['tags', 'updated_at'], IN_IDS, [JSON.stringify([...changed.keys()])]);
    const update = db.prepare('UPDATE note SET tags = ?, updated_at = ? WHERE id = ?');
    for (const [id, t] of changed) update.run(t, now, id);
  });
  const cardsChanged = changed.size
    ? (db.prepare(`SELECT count(*) FROM card WHERE ${IN_IDS} AND note_id IN (SELECT value FROM json_each(?))`).pluck().get(JSON.stringify(ids), JSON.stringify([...changed.keys()])) as number)
    : 0;
  return { kind, label, cards: cardsChanged, notes: changed.size };
}

/** Reset to new, at the end of each deck's new queue (in the order selected); history is kept. */
function forget(db: Database, ids: number[], resetCounts: boolean, now: number): BulkResult {
  const label = `Forget ${plural(ids.length, 'card')}`;
  recordAction(db, now, { kind: 'forget', label, count: ids.length }, (log) => {
    log.update('card', SCHEDULE_COLUMNS, IN_IDS, [JSON.stringify(ids)]);
    const rows = db.prepare(`SELECT id, deck_id FROM card WHERE ${IN_IDS}`).all(JSON.stringify(ids)) as { id: number; deck_id: number }[];
    const order = new Map(ids.map((id, i) => [id, i]));
    rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    const maxPosition = db.prepare('SELECT coalesce(max(position), 0) FROM card WHERE deck_id = ?').pluck();
    const next = new Map<number, number>();
    const update = db.prepare(`UPDATE card SET state = 0, due = ?, stability = 0, difficulty = 0, scheduled_days = 0, learning_steps = 0,
      last_review = NULL, buried_until = NULL, position = ?${resetCounts ? ', reps = 0, lapses = 0' : ''} WHERE id = ?`);
    for (const r of rows) {
      const position = (next.get(r.deck_id) ?? (maxPosition.get(r.deck_id) as number)) + 1;
      next.set(r.deck_id, position);
      update.run(now, position, r.id);
    }
  });
  return { kind: 'forget', label, cards: ids.length, notes: 0 };
}

/**
 * Makes cards due at the start of a local date's study day. Scheduled cards keep their memory
 * state and get the new due date (the interval counts from their last review); new cards become
 * review cards as if answered "good" now with that interval (stability chosen so recall reaches
 * the desired retention on that day), as Anki's "Set due date" does.
 */
function reschedule(db: Database, ids: number[], date: string, now: number): BulkResult {
  const day = parseExamDate(date);
  const { dayStartHour } = getAppSettings(db);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const due = new Date(y, m - 1, d, dayStartHour, 0, 0, 0).getTime();
  const today = studyDay(now, dayStartHour);
  if (due < today.start) throw new InvalidArgumentError(msg('browse.dateInPast', { day }));
  const days = Math.max(0, Math.round((due - today.start) / DAY));
  const label = `Reschedule ${plural(ids.length, 'card')} to ${day}`;
  recordAction(db, now, { kind: 'reschedule', label, count: ids.length }, (log) => {
    log.update('card', SCHEDULE_COLUMNS, IN_IDS, [JSON.stringify(ids)]);
    const rows = db.prepare(`SELECT id, deck_id, state, last_review FROM card WHERE ${IN_IDS}`).all(JSON.stringify(ids)) as {
      id: number;
      deck_id: number;
      state: StateCode;
      last_review: number | null;
    }[];
    const scheduled = db.prepare('UPDATE card SET due = ?, scheduled_days = ?, buried_until = NULL WHERE id = ?');
    const fromNew = db.prepare(`UPDATE card SET state = 2, due = ?, stability = ?, difficulty = ?, scheduled_days = ?, learning_steps = 0,
      last_review = ?, buried_until = NULL WHERE id = ?`);
    for (const r of rows) {
      if (r.state !== 0 && r.last_review !== null) {
        scheduled.run(due, r.state === 2 ? Math.max(0, Math.round((due - r.last_review) / DAY)) : 0, r.id);
        continue;
      }
      const options = deckOptions(db, r.deck_id);
      const first = createScheduler(options).answer(r.id, newMemoryState(now), 'good', now).after;
      const stability = stabilityFor(Math.max(days, 1), options.desiredRetention, createForgettingCurve(options));
      fromNew.run(due, stability, first.difficulty, days, now, r.id);
    }
  });
  return { kind: 'reschedule', label, cards: ids.length, notes: 0 };
}

/** The stability S for which recall after `days` equals `retention` (the curve depends on t/S only). */
function stabilityFor(days: number, retention: number, curve: (t: number, s: number) => number): number {
  let lo = 1e-3;
  let hi = 1e3;
  for (let i = 0; i < 60; i++) {
    const mid = Math.sqrt(lo * hi);
    if (curve(mid, 1) > retention) lo = mid;
    else hi = mid;
  }
  return days / Math.sqrt(lo * hi);
}

/** Deletes the notes of the cards with all their cards and history (Anki's browser deletes notes). */
function deleteNotes(db: Database, ids: number[], now: number): BulkResult {
  const noteIds = JSON.stringify(db.prepare(NOTE_OF_CARDS).pluck().all(JSON.stringify(ids)));
  const cardCount = db.prepare('SELECT count(*) FROM card WHERE note_id IN (SELECT value FROM json_each(?))').pluck().get(noteIds) as number;
  const notes = (JSON.parse(noteIds) as number[]).length;
  const label = `Delete ${plural(notes, 'note')} (${plural(cardCount, 'card')})`;
  recordAction(db, now, { kind: 'delete', label, count: cardCount }, (log) => deleteNoteRows(log, noteIds));
  return { kind: 'delete', label, cards: cardCount, notes };
}

/** Logs and deletes notes (ids as a JSON array) with their cards, reviews and practice links, children first. */
export function deleteNoteRows(log: import('./undoLog').ActionLog, noteIdsJson: string): void {
  const cardsOfNotes = 'SELECT id FROM card WHERE note_id IN (SELECT value FROM json_each(?))';
  log.update('practice_answer', ['card_id'], `card_id IN (${cardsOfNotes})`, [noteIdsJson]);
  log.delete('review', `card_id IN (${cardsOfNotes})`, [noteIdsJson]);
  log.delete('card', 'note_id IN (SELECT value FROM json_each(?))', [noteIdsJson]);
  log.delete('note', IN_IDS, [noteIdsJson]);
}
