// Opening a collection the way the app and the CLI both do: schema checks and migrations, then
// the built-in decks — study notes in Markdown that go through the notes generator — installed on
// first open and updated in place when their text (or the generator) changes.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openCollection, type OpenOptions } from './db/collection';
import { parseDeckSource, readDeckHeader } from './deckSource';
import { installDeckSource } from './decks';
import { GENERATOR_VERSION } from './notes/generate';

export interface BuiltinDeckFile {
  file: string;
  text: string;
}

/** Reads every `*.md` deck source in a folder (the app's decks/). */
export function readBuiltinDecks(folder: string): BuiltinDeckFile[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({ file: join(folder, f), text: readFileSync(join(folder, f), 'utf8') }));
}

export function openStratus(file: string, builtins: BuiltinDeckFile[], now: number, options: OpenOptions = {}): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = openCollection(file, options);
  try {
    installBuiltins(db, builtins, now);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

const stamp = (id: string) => `builtin-deck:${id}`;

export function installBuiltins(db: Database, builtins: BuiltinDeckFile[], now: number): void {
  for (const { file, text } of builtins) {
    // The same text gives other cards when the generator changes, so its version is in the stamp.
    const hash = createHash('sha256').update(`generator ${GENERATOR_VERSION}\n`).update(text).digest('hex');
    const { id } = readDeckHeader(text, file);
    const seen = db.prepare('SELECT value FROM setting WHERE key = ?').get(stamp(id)) as { value: string } | undefined;
    if (seen && JSON.parse(seen.value) === hash) continue;
    // Notes remember their source file relative to the app, which moves between installs.
    const source = parseDeckSource(text, `decks/${basename(file)}`);
    db.transaction(() => {
      installDeckSource(db, source, now);
      db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
        stamp(source.id),
        JSON.stringify(hash),
      );
    }).immediate();
  }
}
