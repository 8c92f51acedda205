// Every SQLite connection the core opens goes through here, so one setting picks the compiled
// better-sqlite3 binary for the whole process: under Electron the main process points it at the
// Electron-ABI build (see electron/main/native.ts and README "Native module"); under Node (tests,
// CLI, benchmarks) the default build in node_modules is used.
import Database, { type Database as DB, type Options } from 'better-sqlite3';

let processBinding: string | undefined;

/** Sets the better-sqlite3 binary every later connection uses (undefined: node_modules' build). */
export function useNativeBinding(path: string | undefined): void {
  processBinding = path;
}

export function nativeBindingInUse(): string | undefined {
  return processBinding;
}

/** `new Database(...)` with the process's native binding; an explicit `nativeBinding` wins. */
export function openSqlite(file: string | Buffer, options: Options = {}): DB {
  return new Database(file, { ...(processBinding ? { nativeBinding: processBinding } : {}), ...options });
}
