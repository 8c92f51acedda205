// Shared helpers of the end-to-end tests: temp collections, read-only looks into the database,
// screenshots in both color schemes, and the page's own problems (errors, CSP reports).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright-core';
import { openStratus, readBuiltinDecks } from '../../electron/core/open';
import { updateSettings, type Settings } from '../../electron/core/settings';
import { REPO_ROOT, type RunningApp } from './electron-standin';

export const SCREENSHOTS = join(REPO_ROOT, 'tests/e2e/screenshots');
export const BUILTIN_DECK = 'AWS Shared Responsibility Model';

export function tempDir(prefix = 'stratus-e2e-db-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Creates (or opens) a collection the way the app does, with some settings changed, and closes it. */
export function prepareCollection(file: string, settings: Partial<Settings>): void {
  const db = openStratus(file, readBuiltinDecks(join(REPO_ROOT, 'decks')), Date.now());
  try {
    updateSettings(db, settings);
  } finally {
    db.close();
  }
}

/** A read-only look into the collection while the app has it open. */
export function inspect<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** A local hour about 12 hours away, so a study day never ends during a test, in any time zone. */
export function dayStartFarFromNow(now = new Date()): number {
  return (now.getHours() + 12) % 24;
}

/** Saves `<name>-light.png` and `<name>-dark.png` of the window as it is now. */
export async function screenshotBothSchemes(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${colorScheme}.png`), animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Whether the element has keyboard focus. */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement);
}

/** Errors the page reported (uncaught exceptions, console errors, CSP violations) and stand-in failures. */
export function pageProblems(app: RunningApp): string[] {
  const r = app.standin.records;
  return [
    ...r.pageErrors.map((e) => `page error: ${e}`),
    ...r.console.filter((c) => c.type === 'error' || c.type === 'warning').map((c) => `console ${c.type}: ${c.text}`),
    ...r.internalErrors.map((e) => `stand-in: ${e}`),
    ...r.blockedRequests.map((u) => `request to a non-app URL: ${u}`),
  ];
}
