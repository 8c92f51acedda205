import type { Database } from 'better-sqlite3';

// Managing the collection:
// - deck option presets shared by several decks; a deck without one uses the Default preset (id 1).
//   The deck options that were global settings until now move into the Default preset, so every
//   deck keeps studying exactly as before;
// - card flags 0–7 (0 = none), as in Anki;
// - the undo log of collection actions (bulk actions in the browser, edits, deck changes): what
//   each changed, so undo restores it exactly. review_mark orders it against the review undo
//   (see electron/core/undoLog.ts).
export const PRESET_KEYS = [
  'desiredRetention',
  'maximumInterval',
  'learningSteps',
  'relearningSteps',
  'weights',
  'enableFuzz',
  'newPerDay',
  'reviewsPerDay',
  'burySiblings',
] as const;

export const DEFAULT_PRESET_ID = 1;

export function updateToSchemaVersion6(db: Database): void {
  db.exec(`
    CREATE TABLE deck_preset (
      id          INTEGER PRIMARY KEY,
      name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
      config      TEXT NOT NULL DEFAULT '{}',
      created_at  INTEGER NOT NULL
    );
    ALTER TABLE deck ADD COLUMN preset_id INTEGER REFERENCES deck_preset(id) ON DELETE SET NULL;
    CREATE INDEX deck_preset_decks ON deck(preset_id);

    ALTER TABLE card ADD COLUMN flag INTEGER NOT NULL DEFAULT 0 CHECK (flag BETWEEN 0 AND 7);

    CREATE TABLE undo_action (
      id           INTEGER PRIMARY KEY,
      created_at   INTEGER NOT NULL,
      review_mark  INTEGER NOT NULL,
      kind         TEXT NOT NULL,
      label        TEXT NOT NULL,
      count        INTEGER NOT NULL,
      data         TEXT NOT NULL
    );
  `);
  // The old global deck options become the Default preset's (values are validated when read).
  const rows = db.prepare(`SELECT key, value FROM setting WHERE key IN (${PRESET_KEYS.map(() => '?').join(', ')})`).all(...PRESET_KEYS) as {
    key: string;
    value: string;
  }[];
  const config: Record<string, unknown> = {};
  for (const { key, value } of rows) {
    try {
      config[key] = JSON.parse(value);
    } catch {
      // An unreadable value was ignored by getSettings before; the preset takes the default.
    }
  }
  db.prepare("INSERT INTO deck_preset (id, name, config, created_at) VALUES (?, 'Default', ?, CAST(unixepoch('subsec') * 1000 AS INTEGER))").run(
    DEFAULT_PRESET_ID,
    JSON.stringify(config),
  );
  db.prepare(`DELETE FROM setting WHERE key IN (${PRESET_KEYS.map(() => '?').join(', ')})`).run(...PRESET_KEYS);
}
