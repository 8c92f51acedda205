// Starts the real built main process (out/main/index.js) against the Electron stand-in, in this
// vitest worker: `require('electron')` is answered by a hook on Node's module loader, STRATUS_DB
// points at the test's collection, and main's module is loaded fresh for every launch (its
// top-level code is the app's startup). One app at a time; close() undoes everything.
import Module, { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { DisplaySpec } from './shell';
import { ElectronStandin, type ColorScheme, type StandinBrowserWindow } from './standin';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const MAIN_ENTRY = join(REPO_ROOT, 'out/main/index.js');
const OUT_MAIN = join(REPO_ROOT, 'out/main');

type LoadFn = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: LoadFn };
let active: ElectronStandin | null = null;
let originalLoad: LoadFn | null = null;

function hookElectron(standin: ElectronStandin): void {
  if (active) throw new Error('electron stand-in: another app is still running; close it first');
  active = standin;
  const original = loader._load;
  originalLoad = original;
  loader._load = function load(this: unknown, request, parent, isMain) {
    if (request === 'electron' && active) return active.electron;
    return original.call(this, request, parent, isMain);
  };
}

function unhookElectron(): void {
  if (originalLoad) loader._load = originalLoad;
  originalLoad = null;
  active = null;
}

export interface LaunchOptions {
  /** The collection file (STRATUS_DB). */
  dbPath: string;
  colorScheme?: ColorScheme;
  /** The system language, e.g. 'nl-NL' (default en-US). */
  locale?: string;
  /** app.getPath('userData'), kept between launches when a test passes the same folder. */
  userDataDir?: string;
  /** The monitors (default: one 1920×1080). */
  displays?: readonly DisplaySpec[];
  /** Start as a second instance: another one holds the single-instance lock. */
  singleInstanceLockHeld?: boolean;
  /** How long to wait for main to show its window. */
  timeoutMs?: number;
}

export interface RunningApp {
  standin: ElectronStandin;
  /** The window main showed; null when main quit without one (e.g. the collection could not be opened). */
  window: StandinBrowserWindow | null;
  /** The window's page (throws when there is no window). */
  page: Page;
  /** Closes the window like the user would (main then closes the collection and quits), then cleans up. */
  close(): Promise<void>;
}

export async function launchStratus(options: LaunchOptions): Promise<RunningApp> {
  const standin = new ElectronStandin({
    appPath: REPO_ROOT,
    colorScheme: options.colorScheme,
    locale: options.locale,
    userDataDir: options.userDataDir,
    displays: options.displays,
    singleInstanceLockHeld: options.singleInstanceLockHeld,
  });
  const savedEnv = { STRATUS_DB: process.env.STRATUS_DB, ELECTRON_RENDERER_URL: process.env.ELECTRON_RENDERER_URL };
  process.env.STRATUS_DB = options.dbPath;
  delete process.env.ELECTRON_RENDERER_URL; // main would trust a dev server URL
  hookElectron(standin);

  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    try {
      const open = standin.windows.filter((w) => !w.isDestroyed());
      await Promise.all(open.map((w) => w.closeAndWait()));
      await Promise.race([standin.app.quitted, delay(10_000)]);
    } finally {
      await standin.shutdown();
      unhookElectron();
      for (const [key, value] of Object.entries(savedEnv)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  };

  try {
    const require = createRequire(import.meta.url);
    for (const key of Object.keys(require.cache)) if (key.startsWith(OUT_MAIN)) delete require.cache[key];
    require(MAIN_ENTRY);
    standin.app.becomeReady();
    const timeoutMs = options.timeoutMs ?? 60_000;
    const window = await Promise.race([
      standin.firstWindowShown,
      standin.app.quitted.then(() => null),
      standin.failed,
      delay(timeoutMs).then(() => {
        throw new Error(`main did not show a window within ${timeoutMs} ms`);
      }),
    ]);
    if (window) await window.launched;
    return {
      standin,
      window,
      get page(): Page {
        if (!window?.page) throw new Error('main showed no window');
        return window.page;
      },
      close,
    };
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
