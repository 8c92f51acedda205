// better-sqlite3 is a native module: Node (tests, CLI) and Electron need different builds.
// Node uses the one npm installed in node_modules; Electron loads its own copy, built by
// `node scripts/native.mjs electron` into .native/electron/ (and shipped in resources/native/).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function electronNativeBinding(isPackaged: boolean, appPath: string, resourcesPath: string): string | undefined {
  if (!process.versions.electron) return undefined;
  const file = isPackaged ? join(resourcesPath, 'native', 'better_sqlite3.node') : join(appPath, '.native', 'electron', 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}
