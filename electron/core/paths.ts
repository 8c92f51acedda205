// Where the collection lives. The same rule for the app and the CLI, so both open one file:
// STRATUS_DB if set, else the platform's app-data folder (what Electron calls userData).
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'Stratus';
export const COLLECTION_FILE = 'collection.stratus';
export const DB_ENV = 'STRATUS_DB';

export function appDataFolder(env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER);
}

export function defaultCollectionPath(env: NodeJS.ProcessEnv = process.env): string {
  return env[DB_ENV] || join(appDataFolder(env), COLLECTION_FILE);
}
