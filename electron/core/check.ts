// "Check database", like Anki's: SQLite's own checks, then rows and values the app can't use,
// repaired in one transaction, and a report of what was found. Repairs never delete review
// history of an existing card; what can't be repaired (a damaged file) is reported with the way
// out (restore a backup).
import type { Database } from 'better-sqlite3';
import type { CheckProblem, CheckReport } from '../shared/contract';
import { DEFAULT_PRESET_ID } from './db/migrations/0006-collection-admin';
import { SEPARATOR } from './deckAdmin';
import { DECK_OPTION_CHECKS, APP_SETTING_CHECKS } from './settings';
import { msg, type CoreMessage } from './messages';

/** Earliest and latest times accepted as a card's due date (years 1970 to 9999). */
const MIN_TIME = 0;
const MAX_TIME = 253_402_300_799_999;

interface Repair {
  code: string;
  /** Counts the rows with the problem. */
  count: string;
  /** Fixes them (run only when count > 0). */
  fix: string | ((db: Database, now: number) => void);
  message: (n: number) => CoreMessage;
}

const isNumber = (col: string) => `typeof(${col}) IN ('integer', 'real') AND ${col} = ${col} AND abs(${col}) < 1e300`;

// Orphans first (foreign keys are on in the app, but a file edited by another tool may have them).
const REPAIRS: Repair[] = [
  {
    code: 'orphan-reviews',
    count: 'SELECT count(*) FROM review WHERE card_id NOT IN (SELECT id FROM card)',
    fix: 'DELETE FROM review WHERE card_id NOT IN (SELECT id FROM card)',
    message: (n) => msg('check.orphanReviews', { count: n }),
  },
  {
    code: 'orphan-notes-deck',
    count: 'SELECT count(*) FROM note WHERE deck_id NOT IN (SELECT id FROM deck)',
    fix: `UPDATE note SET deck_id = coalesce((SELECT c.deck_id FROM card c WHERE c.note_id = note.id AND c.deck_id IN (SELECT id FROM deck) LIMIT 1), (SELECT min(id) FROM deck))
      WHERE deck_id NOT IN (SELECT id FROM deck)`,
    message: (n) => msg('check.orphanNotesDeck', { count: n }),
  },
  {
    code: 'orphan-cards-note',
    count: 'SELECT count(*) FROM card WHERE note_id NOT IN (SELECT id FROM note)',
    fix: (db) => {
      db.exec('DELETE FROM review WHERE card_id IN (SELECT id FROM card WHERE note_id NOT IN (SELECT id FROM note))');
      db.exec('DELETE FROM card WHERE note_id NOT IN (SELECT id FROM note)');
    },
    message: (n) => msg('check.orphanCardsNote', { count: n }),
  },
  {
    code: 'orphan-cards-deck',
    count: 'SELECT count(*) FROM card WHERE deck_id NOT IN (SELECT id FROM deck)',
    fix: (db, now) => {
      // To their note's deck where it exists, else to a "Recovered" deck made for them.
      db.exec(`UPDATE card SET deck_id = (SELECT n.deck_id FROM note n WHERE n.id = card.note_id)
        WHERE deck_id NOT IN (SELECT id FROM deck) AND (SELECT n.deck_id FROM note n WHERE n.id = card.note_id) IN (SELECT id FROM deck)`);
      if (db.prepare('SELECT 1 FROM card WHERE deck_id NOT IN (SELECT id FROM deck)').get()) {
        db.prepare('UPDATE card SET deck_id = ? WHERE deck_id NOT IN (SELECT id FROM deck)').run(ensureDeck(db, 'Recovered', now));
      }
    },
    message: (n) => msg('check.orphanCardsDeck', { count: n }),
  },
  {
    code: 'empty-notes',
    count: 'SELECT count(*) FROM note WHERE id NOT IN (SELECT note_id FROM card)',
    fix: 'DELETE FROM note WHERE id NOT IN (SELECT note_id FROM card)',
    message: (n) => msg('check.emptyNotes', { count: n }),
  },
  {
    code: 'dangling-deck-domains',
    count: `SELECT count(*) FROM deck_domain dd WHERE dd.deck_id NOT IN (SELECT id FROM deck)
      OR NOT EXISTS (SELECT 1 FROM exam_domain ed WHERE ed.exam_id = dd.exam_id AND ed.id = dd.domain_id)`,
    fix: `DELETE FROM deck_domain WHERE deck_id NOT IN (SELECT id FROM deck)
      OR NOT EXISTS (SELECT 1 FROM exam_domain ed WHERE ed.exam_id = deck_domain.exam_id AND ed.id = deck_domain.domain_id)`,
    message: (n) => msg('check.danglingDeckDomains', { count: n }),
  },
  {
    code: 'orphan-practice-links',
    count: 'SELECT count(*) FROM practice_answer WHERE card_id IS NOT NULL AND card_id NOT IN (SELECT id FROM card)',
    fix: 'UPDATE practice_answer SET card_id = NULL WHERE card_id IS NOT NULL AND card_id NOT IN (SELECT id FROM card)',
    message: (n) => msg('check.orphanPracticeLinks', { count: n }),
  },
  {
    code: 'bad-preset-links',
    count: 'SELECT count(*) FROM deck WHERE preset_id IS NOT NULL AND preset_id NOT IN (SELECT id FROM deck_preset)',
    fix: 'UPDATE deck SET preset_id = NULL WHERE preset_id IS NOT NULL AND preset_id NOT IN (SELECT id FROM deck_preset)',
    message: (n) => msg('check.badPresetLinks', { count: n }),
  },
  // Values the scheduler can't work with.
  {
    code: 'bad-due',
    count: `SELECT count(*) FROM card WHERE NOT (typeof(due) = 'integer' AND due BETWEEN ${MIN_TIME} AND ${MAX_TIME})`,
    fix: (db, now) => {
      // A whole number stored as REAL or text keeps its value; anything else (NaN, Infinity,
      // text) makes the card due now, so it shows up today instead of never.
      db.prepare(`UPDATE card SET due = CASE
          WHEN ${isNumber('due')} AND due BETWEEN ${MIN_TIME} AND ${MAX_TIME} THEN CAST(round(due) AS INTEGER)
          ELSE ? END
        WHERE NOT (typeof(due) = 'integer' AND due BETWEEN ${MIN_TIME} AND ${MAX_TIME})`).run(now);
    },
    message: (n) => msg('check.badDue', { count: n }),
  },
  {
    code: 'bad-memory-state',
    count: `SELECT count(*) FROM card WHERE state <> 0 AND NOT (${isNumber('stability')} AND stability > 0 AND ${isNumber('difficulty')} AND difficulty BETWEEN 1 AND 10)`,
    fix: `UPDATE card SET state = 0, stability = 0, difficulty = 0, scheduled_days = 0, learning_steps = 0, last_review = NULL,
        position = (SELECT coalesce(max(k.position), 0) + 1 FROM card k WHERE k.deck_id = card.deck_id)
      WHERE state <> 0 AND NOT (${isNumber('stability')} AND stability > 0 AND ${isNumber('difficulty')} AND difficulty BETWEEN 1 AND 10)`,
    message: (n) => msg('check.badMemoryState', { count: n }),
  },
  {
    code: 'new-with-memory',
    count: `SELECT count(*) FROM card WHERE state = 0 AND (stability <> 0 OR difficulty <> 0 OR last_review IS NOT NULL OR NOT ${isNumber('stability')} OR NOT ${isNumber('difficulty')})`,
    fix: `UPDATE card SET stability = 0, difficulty = 0, last_review = NULL, scheduled_days = 0, learning_steps = 0
      WHERE state = 0 AND (stability <> 0 OR difficulty <> 0 OR last_review IS NOT NULL OR NOT ${isNumber('stability')} OR NOT ${isNumber('difficulty')})`,
    message: (n) => msg('check.newWithMemory', { count: n }),
  },
  {
    code: 'missing-last-review',
    count: 'SELECT count(*) FROM card WHERE state <> 0 AND last_review IS NULL',
    fix: `UPDATE card SET last_review = (SELECT max(r.reviewed_at) FROM review r WHERE r.card_id = card.id)
        WHERE state <> 0 AND last_review IS NULL AND EXISTS (SELECT 1 FROM review r WHERE r.card_id = card.id);
      UPDATE card SET state = 0, stability = 0, difficulty = 0, scheduled_days = 0, learning_steps = 0,
        position = (SELECT coalesce(max(k.position), 0) + 1 FROM card k WHERE k.deck_id = card.deck_id)
        WHERE state <> 0 AND last_review IS NULL`,
    message: (n) => msg('check.missingLastReview', { count: n }),
  },
  {
    code: 'bad-counts',
    count: `SELECT count(*) FROM card WHERE NOT (typeof(reps) = 'integer' AND reps >= 0 AND typeof(lapses) = 'integer' AND lapses >= 0
      AND lapses <= reps AND typeof(scheduled_days) = 'integer' AND scheduled_days >= 0 AND typeof(learning_steps) = 'integer' AND learning_steps >= 0)
      OR (state <> 0 AND reps = 0)`,
    fix: `UPDATE card SET
        reps = max(CASE WHEN typeof(reps) = 'integer' AND reps >= 0 THEN reps ELSE 0 END, (SELECT count(*) FROM review r WHERE r.card_id = card.id), state <> 0),
        lapses = CASE WHEN typeof(lapses) = 'integer' AND lapses >= 0 THEN lapses ELSE 0 END,
        scheduled_days = CASE WHEN typeof(scheduled_days) = 'integer' AND scheduled_days >= 0 THEN scheduled_days ELSE 0 END,
        learning_steps = CASE WHEN typeof(learning_steps) = 'integer' AND learning_steps >= 0 THEN learning_steps ELSE 0 END
      WHERE NOT (typeof(reps) = 'integer' AND reps >= 0 AND typeof(lapses) = 'integer' AND lapses >= 0
        AND lapses <= reps AND typeof(scheduled_days) = 'integer' AND scheduled_days >= 0 AND typeof(learning_steps) = 'integer' AND learning_steps >= 0)
        OR (state <> 0 AND reps = 0);
      UPDATE card SET lapses = reps WHERE lapses > reps`,
    message: (n) => msg('check.badCounts', { count: n }),
  },
  {
    code: 'bad-buried',
    count: `SELECT count(*) FROM card WHERE buried_until IS NOT NULL AND NOT (typeof(buried_until) = 'integer' AND buried_until BETWEEN ${MIN_TIME} AND ${MAX_TIME})`,
    fix: `UPDATE card SET buried_until = NULL WHERE buried_until IS NOT NULL AND NOT (typeof(buried_until) = 'integer' AND buried_until BETWEEN ${MIN_TIME} AND ${MAX_TIME})`,
    message: (n) => msg('check.badBuried', { count: n }),
  },
  {
    code: 'bad-tags',
    count: "SELECT count(*) FROM note WHERE tags <> trim(tags) OR tags LIKE '%  %' OR tags GLOB '*[\t\n\r]*'",
    fix: (db) => {
      const rows = db.prepare("SELECT id, tags FROM note WHERE tags <> trim(tags) OR tags LIKE '%  %' OR tags GLOB '*[\t\n\r]*'").all() as { id: number; tags: string }[];
      const set = db.prepare('UPDATE note SET tags = ? WHERE id = ?');
      for (const r of rows) set.run(r.tags.split(/\s+/).filter(Boolean).join(' '), r.id);
    },
    message: (n) => msg('check.badTags', { count: n }),
  },
  {
    code: 'missing-parent-decks',
    count: "SELECT count(*) FROM deck WHERE name LIKE '%::%'",
    fix: () => undefined,
    message: () => msg('check.missingParentDecks', { count: 0, names: '' }), // worded below
  },
  {
    code: 'missing-default-preset',
    count: `SELECT ${DEFAULT_PRESET_ID} NOT IN (SELECT id FROM deck_preset)`,
    fix: `INSERT INTO deck_preset (id, name, config, created_at) VALUES (${DEFAULT_PRESET_ID},
      CASE WHEN EXISTS (SELECT 1 FROM deck_preset WHERE name = 'Default' COLLATE NOCASE) THEN 'Default (restored)' ELSE 'Default' END, '{}', 0)`,
    message: () => msg('check.missingDefaultPreset'),
  },
  {
    code: 'unreadable-undo-steps',
    count: 'SELECT count(*) FROM undo_action WHERE NOT json_valid(data)',
    fix: 'DELETE FROM undo_action WHERE NOT json_valid(data)',
    message: (n) => msg('check.unreadableUndoSteps', { count: n }),
  },
];

function ensureDeck(db: Database, name: string, now: number): number {
  const row = db.prepare('SELECT id FROM deck WHERE name = ? COLLATE NOCASE').get(name) as { id: number } | undefined;
  return row?.id ?? Number(db.prepare('INSERT INTO deck (name, created_at) VALUES (?, ?)').run(name, now).lastInsertRowid);
}

/** Parent decks named by a child ("A" for "A::B") that don't exist: created. */
function missingParents(db: Database): string[] {
  const names = db.prepare('SELECT name FROM deck').pluck().all() as string[];
  const have = new Set(names.map((n) => n.toLowerCase()));
  const missing: string[] = [];
  for (const name of names) {
    const parts = name.split(SEPARATOR);
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join(SEPARATOR);
      if (!have.has(parent.toLowerCase())) {
        have.add(parent.toLowerCase());
        missing.push(parent);
      }
    }
  }
  return missing;
}

/** Settings whose stored JSON can't be read or no longer validates: removed (they take defaults). */
function badSettings(db: Database): string[] {
  const rows = db.prepare('SELECT key, value FROM setting').all() as { key: string; value: string }[];
  return rows
    .filter(({ key, value }) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return true;
      }
      const check = APP_SETTING_CHECKS[key as keyof typeof APP_SETTING_CHECKS];
      return check ? check(parsed) !== null : false;
    })
    .map((r) => r.key);
}

/** Presets whose options JSON is unreadable, or has values that no longer validate. */
function badPresets(db: Database): { id: number; config: Record<string, unknown> }[] {
  const rows = db.prepare('SELECT id, config FROM deck_preset').all() as { id: number; config: string }[];
  const bad: { id: number; config: Record<string, unknown> }[] = [];
  for (const r of rows) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(r.config);
    } catch {
      bad.push({ id: r.id, config: {} });
      continue;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      bad.push({ id: r.id, config: {} });
      continue;
    }
    const entries = Object.entries(parsed as Record<string, unknown>);
    const valid = entries.filter(([k, v]) => DECK_OPTION_CHECKS[k as keyof typeof DECK_OPTION_CHECKS]?.(v) === null);
    if (valid.length !== entries.length) bad.push({ id: r.id, config: Object.fromEntries(valid) });
  }
  return bad;
}

/** A problem for the report: the English sentence and, for the app's language, its core message. */
function problem(code: string, said: CoreMessage, count: number, repaired: boolean): CheckProblem {
  return { code, message: said.text, coreMessage: said, count, repaired };
}

/** Runs every check, repairs what it can in one transaction, and reports. */
export function checkDatabase(db: Database, now: number): CheckReport {
  const problems: CheckProblem[] = [];
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  if (integrity.length !== 1 || integrity[0] !== 'ok') {
    problems.push(problem('integrity', msg('check.integrity', { detail: integrity.slice(0, 3).join('; ') }), integrity.length, false));
  }
  const fk = db.pragma('foreign_key_check') as { table: string }[];

  db.transaction(() => {
    for (const r of REPAIRS) {
      if (r.code === 'missing-parent-decks') {
        const missing = missingParents(db);
        if (missing.length) {
          const insert = db.prepare('INSERT INTO deck (name, created_at) VALUES (?, ?)');
          for (const name of missing) insert.run(name, now);
          problems.push(problem(r.code, msg('check.missingParentDecks', { count: missing.length, names: missing.slice(0, 3).map((m) => `"${m}"`).join(', ') }), missing.length, true));
        }
        continue;
      }
      const n = Number(db.prepare(r.count).pluck().get());
      if (n > 0) {
        if (typeof r.fix === 'string') db.exec(r.fix);
        else r.fix(db, now);
        problems.push(problem(r.code, r.message(n), n, true));
      }
    }
    const settings = badSettings(db);
    if (settings.length) {
      const del = db.prepare('DELETE FROM setting WHERE key = ?');
      for (const key of settings) del.run(key);
      problems.push(problem('bad-settings', msg('check.badSettings', { count: settings.length, keys: settings.join(', ') }), settings.length, true));
    }
    const presets = badPresets(db);
    if (presets.length) {
      const set = db.prepare('UPDATE deck_preset SET config = ? WHERE id = ?');
      for (const p of presets) set.run(JSON.stringify(p.config), p.id);
      problems.push(problem('bad-presets', msg('check.badPresets', { count: presets.length }), presets.length, true));
    }
  }).immediate();

  // Foreign-key problems the repairs above don't cover are reported, not guessed at.
  const left = db.pragma('foreign_key_check') as { table: string }[];
  if (left.length) {
    const tables = [...new Set(left.map((r) => r.table))].join(', ');
    problems.push(problem('foreign-keys', msg('check.foreignKeysLeft', { count: left.length, tables }), left.length, false));
  } else if (fk.length && !problems.some((p) => p.code.startsWith('orphan') || p.code.startsWith('dangling') || p.code === 'bad-preset-links')) {
    problems.push(problem('foreign-keys', msg('check.foreignKeysRepaired', { count: fk.length }), fk.length, true));
  }
  db.pragma('optimize');
  const counts = db
    .prepare('SELECT (SELECT count(*) FROM deck) AS decks, (SELECT count(*) FROM note) AS notes, (SELECT count(*) FROM card) AS cards, (SELECT count(*) FROM review) AS reviews')
    .get() as CheckReport['counts'];
  return { ok: problems.every((p) => p.repaired), problems, counts };
}
