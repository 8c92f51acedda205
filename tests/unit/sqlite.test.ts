// One setting picks the better-sqlite3 binary for every connection the core opens: under Electron
// the Node build in node_modules can't load, so a connection that bypassed it would break the app.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCollection } from '../../electron/core/db/collection';
import { openSqlite, useNativeBinding } from '../../electron/core/db/sqlite';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));
}

describe('SQLite connections', () => {
  afterEach(() => useNativeBinding(undefined));

  it('all use the process-wide native binding', () => {
    useNativeBinding('/nowhere/better_sqlite3.node');
    expect(() => openSqlite(':memory:')).toThrow(/nowhere/);
    expect(() => openCollection(':memory:')).toThrow(/nowhere/);
    useNativeBinding(undefined);
    expect(openSqlite(':memory:').prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
  });

  it('are only ever opened through openSqlite in the core', () => {
    const core = resolve('electron/core');
    const offenders = files(core).filter((f) => !f.endsWith(join('db', 'sqlite.ts')) && /new Database\(|from 'better-sqlite3';?$/m.test(
      readFileSync(f, 'utf8').split('\n').filter((l) => !l.startsWith('import type')).join('\n'),
    ));
    expect(offenders).toEqual([]);
  });
});
