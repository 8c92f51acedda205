// The undo log of collection actions (bulk actions, edits, deck and preset changes).
//
// Each action stores, in the same transaction as the change, what it changed:
//   updated   the changed columns of each touched row as they were before → written back;
//   deleted   whole rows it deleted, children before parents → re-inserted parents first, with
//             their original ids (a review keeps its id, its card, its history);
//   inserted  ids of rows it added → deleted again.
// If an id was taken meanwhile (an import can reuse the id of a deleted card), the row gets a new
// id and the rows that refer to it follow.
//
// One undo stack, as in Anki: answers (review.undo in study.ts) and actions are undone latest
// first. Their order: an action records `created_at` (the clock) and `review_mark` (the highest
// review id right after it ran). The latest answer is newer than the latest action when it was
// given later, or at the same millisecond with a higher id than the mark. `undoLatest` takes the
// newer of the two; the review screen's undo, the Edit menu and the CLI all go through it.
import type { Database } from 'better-sqlite3';
import type { ActionKind, UndoStep } from '../shared/contract';
import { InvalidArgumentError } from './errors';
import { msg } from './messages';
import type { Study } from './study';
import type { UndoResult } from '../shared/contract';

/** Tables an action may touch. Column names below are constants, never user text. */
export type UndoTable = 'deck' | 'note' | 'card' | 'review' | 'deck_domain' | 'practice_answer' | 'deck_preset';

/** Foreign keys that must follow a row whose id changed on re-insert. */
const REFS: Record<UndoTable, Record<string, UndoTable>> = {
  deck: { preset_id: 'deck_preset' },
  note: { deck_id: 'deck' },
  card: { note_id: 'note', deck_id: 'deck' },
  review: { card_id: 'card' },
  deck_domain: { deck_id: 'deck' },
  practice_answer: { card_id: 'card' },
  deck_preset: {},
};

/** Tables whose rows have an `id` primary key (deck_domain's key is (exam_id, deck_id)). */
const HAS_ID: Record<UndoTable, boolean> = {
  deck: true, note: true, card: true, review: true, deck_domain: false, practice_answer: true, deck_preset: true,
};

interface RowSet {
  table: UndoTable;
  columns: string[];
  rows: unknown[][];
}

interface UndoData {
  updated: RowSet[];
  deleted: RowSet[];
  inserted: { table: UndoTable; ids: number[] }[];
}

/** Undo steps kept; older ones are dropped (Anki keeps 30). */
export const UNDO_LIMIT = 50;

export interface ActionMeta {
  kind: ActionKind;
  label: string;
  count: number;
}

/** What an action hands to the log while it changes the collection. */
export interface ActionLog {
  /** Saves `columns` of the rows matching `where` as they are now; call before changing them. */
  update(table: UndoTable, columns: string[], where: string, params: unknown[]): number;
  /** Saves the whole rows matching `where` and deletes them. Delete children first. */
  delete(table: UndoTable, where: string, params: unknown[]): number;
  /** Notes rows the action added. */
  insert(table: UndoTable, ids: number[]): void;
}

const columnCache = new WeakMap<Database, Map<UndoTable, string[]>>();

function columnsOf(db: Database, table: UndoTable): string[] {
  let m = columnCache.get(db);
  if (!m) columnCache.set(db, (m = new Map()));
  let cols = m.get(table);
  if (!cols) {
    cols = (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
    m.set(table, cols);
  }
  return cols;
}

/**
 * Runs `change` inside the caller's transaction with a log to record into, then stores the undo
 * step (unless nothing was recorded). Returns what `change` returned.
 */
export function recordAction<T>(db: Database, now: number, meta: ActionMeta, change: (log: ActionLog) => T): T {
  if (!db.inTransaction) throw new Error('recordAction must run inside the action\u2019s transaction.');
  const data: UndoData = { updated: [], deleted: [], inserted: [] };
  const log: ActionLog = {
    update(table, columns, where, params) {
      const cols = HAS_ID[table] ? ['id', ...columns] : columns;
      const rows = db.prepare(`SELECT ${cols.join(', ')} FROM ${table} WHERE ${where}`).raw().all(...params) as unknown[][];
      if (rows.length) data.updated.push({ table, columns: cols, rows });
      return rows.length;
    },
    delete(table, where, params) {
      const cols = columnsOf(db, table);
      const rows = db.prepare(`SELECT ${cols.join(', ')} FROM ${table} WHERE ${where}`).raw().all(...params) as unknown[][];
      if (rows.length) {
        data.deleted.push({ table, columns: cols, rows });
        db.prepare(`DELETE FROM ${table} WHERE ${where}`).run(...params);
      }
      return rows.length;
    },
    insert(table, ids) {
      if (ids.length) data.inserted.push({ table, ids });
    },
  };
  const result = change(log);
  if (data.updated.length || data.deleted.length || data.inserted.length) {
    const mark = db.prepare('SELECT coalesce(max(id), 0) FROM review').pluck().get() as number;
    db.prepare('INSERT INTO undo_action (created_at, review_mark, kind, label, count, data) VALUES (?, ?, ?, ?, ?, ?)').run(
      now, mark, meta.kind, meta.label, meta.count, JSON.stringify(data),
    );
    db.prepare('DELETE FROM undo_action WHERE id <= (SELECT max(id) FROM undo_action) - ?').run(UNDO_LIMIT);
  }
  return result;
}

interface ActionRow {
  id: number;
  created_at: number;
  review_mark: number;
  kind: ActionKind;
  label: string;
  count: number;
}

interface ReviewTop {
  id: number;
  card_id: number;
  reviewed_at: number;
}

function latestAction(db: Database): ActionRow | undefined {
  return db.prepare('SELECT id, created_at, review_mark, kind, label, count FROM undo_action ORDER BY id DESC LIMIT 1').get() as ActionRow | undefined;
}

function latestReview(db: Database): ReviewTop | undefined {
  return db.prepare("SELECT id, card_id, reviewed_at FROM review WHERE origin = 'app' ORDER BY id DESC LIMIT 1").get() as ReviewTop | undefined;
}

function newer(db: Database): { review: ReviewTop } | { action: ActionRow } | null {
  const action = latestAction(db);
  const review = latestReview(db);
  if (!action && !review) return null;
  if (!action) return { review: review! };
  if (!review) return { action };
  const reviewIsNewer = review.reviewed_at > action.created_at || (review.reviewed_at === action.created_at && review.id > action.review_mark);
  return reviewIsNewer ? { review } : { action };
}

function actionStep(a: ActionRow): UndoStep & { source: 'action' } {
  return { source: 'action', kind: a.kind, label: a.label, count: a.count, at: new Date(a.created_at).toISOString() };
}

function reviewStep(r: ReviewTop): UndoStep & { source: 'review' } {
  return { source: 'review', kind: 'answer', label: `Answer card ${r.card_id}`, count: 1, at: new Date(r.reviewed_at).toISOString() };
}

/** What undo would undo next, or null. */
export function peekUndo(db: Database): UndoStep | null {
  const top = newer(db);
  if (!top) return null;
  return 'review' in top ? reviewStep(top.review) : actionStep(top.action);
}

export type Undone =
  | { step: UndoStep & { source: 'review' }; review: UndoResult }
  | { step: UndoStep & { source: 'action' } };

/** Undoes the latest step of the one stack (an answer through Study, or an action); null when empty. */
export function undoLatest(db: Database, study: Study): Undone | null {
  const top = newer(db);
  if (!top) return null;
  if ('review' in top) {
    const review = study.undo();
    return review ? { step: reviewStep(top.review), review } : null;
  }
  db.transaction(() => applyUndo(db, top.action.id)).immediate();
  // Options or presets may have changed back.
  study.reloadSettings();
  return { step: actionStep(top.action) };
}

/** Undoes one logged action (the caller checked it is the latest). */
function applyUndo(db: Database, actionId: number): void {
  const row = db.prepare('SELECT data FROM undo_action WHERE id = ?').get(actionId) as { data: string } | undefined;
  if (!row) return;
  const data = JSON.parse(row.data) as UndoData;
  const remap = new Map<UndoTable, Map<number, number>>();
  const mapped = (table: UndoTable, id: number) => remap.get(table)?.get(id) ?? id;

  for (const { table, ids } of [...data.inserted].reverse()) {
    db.prepare(`DELETE FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).run(JSON.stringify(ids));
  }
  for (const set of [...data.deleted].reverse()) reinsert(db, set, remap, mapped);
  for (const set of [...data.updated].reverse()) {
    const [key, ...cols] = set.columns;
    const refs = REFS[set.table];
    const stmt = db.prepare(`UPDATE ${set.table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE ${key} = ?`);
    for (const [id, ...values] of set.rows) {
      const fixed = values.map((v, i) => (refs[cols[i]!] && typeof v === 'number' ? mapped(refs[cols[i]!]!, v) : v));
      stmt.run(...fixed, mapped(set.table, id as number));
    }
  }
  db.prepare('DELETE FROM undo_action WHERE id = ?').run(actionId);
}

function reinsert(db: Database, set: RowSet, remap: Map<UndoTable, Map<number, number>>, mapped: (t: UndoTable, id: number) => number): void {
  const { table, columns } = set;
  const refs = REFS[table];
  const idIndex = columns.indexOf('id');
  const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const taken = HAS_ID[table] ? db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`) : null;
  for (const original of set.rows) {
    const values = original.map((v, i) => {
      const target = refs[columns[i]!];
      return target && typeof v === 'number' ? mapped(target, v) : v;
    });
    if (table === 'deck_domain') {
      // The exam or domain may be gone by now; the mapping then has nothing to come back to.
      const [examId, deckId, domainId] = ['exam_id', 'deck_id', 'domain_id'].map((c) => values[columns.indexOf(c)]);
      const domain = db.prepare('SELECT 1 FROM exam_domain WHERE exam_id = ? AND id = ?').get(examId, domainId);
      const free = !db.prepare('SELECT 1 FROM deck_domain WHERE exam_id = ? AND deck_id = ?').get(examId, deckId);
      if (domain && free) insert.run(...values);
      continue;
    }
    const oldId = values[idIndex] as number;
    if (taken?.get(oldId)) values[idIndex] = null;
    try {
      const info = insert.run(...values);
      if (values[idIndex] === null) {
        let m = remap.get(table);
        if (!m) remap.set(table, (m = new Map()));
        m.set(oldId, Number(info.lastInsertRowid));
      }
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw conflict(table, columns, values);
      throw err;
    }
  }
}

function conflict(table: UndoTable, columns: string[], values: unknown[]): InvalidArgumentError {
  const get = (c: string) => values[columns.indexOf(c)];
  if (table === 'deck') return new InvalidArgumentError(msg('undo.conflictDeck', { name: String(get('name')) }));
  if (table === 'deck_preset') return new InvalidArgumentError(msg('undo.conflictPreset', { name: String(get('name')) }));
  if (table === 'note') return new InvalidArgumentError(msg('undo.conflictNote'));
  return new InvalidArgumentError(msg('undo.conflictRow', { table }));
}
