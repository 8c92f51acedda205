// Deck option presets, as in Anki: named sets of deck options (limits, steps, retention, …) shared
// by several decks. Preset 1 is "Default": it can't be deleted, and a deck without a preset of its
// own (deck.preset_id NULL) uses it. Options are stored as JSON and validated when read, so a
// preset written by a newer or older Stratus never breaks review.
import type { Database } from 'better-sqlite3';
import type { DeckOptions, DeckPreset } from '../shared/contract';
import { DEFAULT_PRESET_ID } from './db/migrations/0006-collection-admin';
import { InvalidArgumentError, NotFoundError } from './errors';
import { msg } from './messages';
import { checkDeckOptionsPatch, parseDeckOptions } from './settings';
import { recordAction } from './undoLog';

export { DEFAULT_PRESET_ID };

interface PresetRow {
  id: number;
  name: string;
  config: string;
}

const MAX_NAME = 100;

function toPreset(row: PresetRow, deckIds: number[]): DeckPreset {
  return { id: row.id, name: row.name, isDefault: row.id === DEFAULT_PRESET_ID, options: parseDeckOptions(row.config), deckIds };
}

export function listPresets(db: Database): DeckPreset[] {
  const rows = db.prepare('SELECT id, name, config FROM deck_preset ORDER BY id = 1 DESC, name COLLATE NOCASE').all() as PresetRow[];
  const decks = db.prepare('SELECT id, coalesce(preset_id, 1) AS preset FROM deck ORDER BY name COLLATE NOCASE').all() as { id: number; preset: number }[];
  return rows.map((r) => toPreset(r, decks.filter((d) => d.preset === r.id).map((d) => d.id)));
}

export function getPreset(db: Database, presetId: number): DeckPreset {
  const row = db.prepare('SELECT id, name, config FROM deck_preset WHERE id = ?').get(presetId) as PresetRow | undefined;
  if (!row) throw new NotFoundError(msg('preset.notFound', { id: String(presetId) }));
  const decks = db.prepare('SELECT id FROM deck WHERE coalesce(preset_id, 1) = ? ORDER BY name COLLATE NOCASE').pluck().all(presetId) as number[];
  return toPreset(row, decks);
}

/** The preset a deck uses. */
export function presetOfDeck(db: Database, deckId: number): DeckPreset {
  const row = db.prepare('SELECT coalesce(preset_id, 1) AS preset FROM deck WHERE id = ?').get(deckId) as { preset: number } | undefined;
  if (!row) throw new NotFoundError(msg('deck.notFound', { id: String(deckId) }));
  return getPreset(db, row.preset);
}

const optionStatements = new WeakMap<Database, import('better-sqlite3').Statement<[number], PresetRow>>();

/**
 * The deck's preset row (id, name, stored JSON), read with one cached statement: Study calls this
 * for every answer, and caches parsed options by the JSON text.
 */
export function deckPresetRow(db: Database, deckId: number): PresetRow | undefined {
  let s = optionStatements.get(db);
  if (!s) {
    s = db.prepare(`SELECT p.id, p.name, p.config FROM deck d JOIN deck_preset p ON p.id = coalesce(d.preset_id, ${DEFAULT_PRESET_ID}) WHERE d.id = ?`);
    optionStatements.set(db, s);
  }
  return s.get(deckId);
}

/** The options a deck studies with (the Default preset's for an unknown deck). */
export function deckOptions(db: Database, deckId: number): DeckOptions {
  const row = deckPresetRow(db, deckId) ?? (db.prepare('SELECT id, name, config FROM deck_preset WHERE id = ?').get(DEFAULT_PRESET_ID) as PresetRow | undefined);
  return parseDeckOptions(row?.config ?? '{}');
}

function checkName(db: Database, name: string, exceptId: number | null): string {
  const trimmed = name.trim();
  if (!trimmed) throw new InvalidArgumentError(msg('preset.nameMissing'));
  if (trimmed.length > MAX_NAME) throw new InvalidArgumentError(msg('preset.nameTooLong', { max: MAX_NAME }));
  const clash = db.prepare('SELECT id FROM deck_preset WHERE name = ? COLLATE NOCASE AND id IS NOT ?').get(trimmed, exceptId);
  if (clash) throw new InvalidArgumentError(msg('preset.exists', { name: trimmed }));
  return trimmed;
}

/** A new preset with the options of `copyFrom` (default: the Default preset), as Anki's "Add preset" / "Clone". */
export function createPreset(db: Database, name: string, now: number, copyFrom: number = DEFAULT_PRESET_ID): DeckPreset {
  const id = db
    .transaction(() => {
      const source = getPreset(db, copyFrom);
      const clean = checkName(db, name, null);
      return Number(
        db.prepare('INSERT INTO deck_preset (name, config, created_at) VALUES (?, ?, ?)').run(clean, JSON.stringify(source.options), now).lastInsertRowid,
      );
    })
    .immediate();
  return getPreset(db, id);
}

/** Renames a preset and/or changes some of its options; every value is checked before anything is written. */
export function updatePreset(db: Database, presetId: number, patch: { name?: string; options?: Partial<Record<string, unknown>> }): DeckPreset {
  db.transaction(() => {
    const preset = getPreset(db, presetId);
    if (patch.options) checkDeckOptionsPatch(patch.options);
    const name = patch.name === undefined ? preset.name : checkName(db, patch.name, presetId);
    const options = { ...preset.options, ...patch.options };
    db.prepare('UPDATE deck_preset SET name = ?, config = ? WHERE id = ?').run(name, JSON.stringify(options), presetId);
  }).immediate();
  return getPreset(db, presetId);
}

/** Deletes a preset (not Default); its decks go back to Default. Undoable. */
export function deletePreset(db: Database, presetId: number, now: number): { decks: number } {
  if (presetId === DEFAULT_PRESET_ID) throw new InvalidArgumentError(msg('preset.defaultUndeletable'));
  return db
    .transaction(() => {
      const preset = getPreset(db, presetId);
      const decks = preset.deckIds.length;
      recordAction(db, now, { kind: 'deletePreset', label: `Delete preset "${preset.name}"`, count: Math.max(1, decks) }, (log) => {
        log.update('deck', ['preset_id'], 'preset_id = ?', [presetId]);
        log.delete('deck_preset', 'id = ?', [presetId]);
      });
      return { decks };
    })
    .immediate();
}

/** Gives decks a preset (Default included). Undoable. */
export function setDeckPreset(db: Database, deckIds: number[], presetId: number, now: number): DeckPreset {
  db.transaction(() => {
    const preset = getPreset(db, presetId);
    const ids = [...new Set(deckIds)];
    const found = db.prepare('SELECT count(*) FROM deck WHERE id IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(ids)) as number;
    if (found !== ids.length) {
      const missing = ids.find((id) => !db.prepare('SELECT 1 FROM deck WHERE id = ?').get(id));
      throw new NotFoundError(msg('deck.notFound', { id: String(missing) }));
    }
    const value = presetId === DEFAULT_PRESET_ID ? null : presetId;
    recordAction(db, now, { kind: 'setDeckPreset', label: `Use preset "${preset.name}" for ${plural(ids.length, 'deck')}`, count: ids.length }, (log) => {
      log.update('deck', ['preset_id'], 'id IN (SELECT value FROM json_each(?)) AND preset_id IS NOT ?', [JSON.stringify(ids), value]);
      db.prepare('UPDATE deck SET preset_id = ? WHERE id IN (SELECT value FROM json_each(?))').run(value, JSON.stringify(ids));
    });
  }).immediate();
  return getPreset(db, presetId);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
