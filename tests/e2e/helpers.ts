// Shared helpers of the end-to-end tests: temp collections, read-only looks into the database,
// screenshots in both color schemes, and the page's own problems (errors, CSP reports).
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
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

/** Saves `<name>-light-<lang>.png` and `<name>-dark-<lang>.png` (the app's theme must be "system"). */
export async function screenshotThemes(page: Page, name: string, lang: 'en' | 'nl'): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${colorScheme}-${lang}.png`), animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * Serious and critical axe-core violations on the page as it is now, in the light and the dark
 * scheme (axe goes in through page.evaluate: the CSP forbids an injected <script>).
 */
export async function axeSerious(page: Page, label: string): Promise<string[]> {
  const source = readFileSync(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Colours change with a short transition: judge them once it has run.
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
      return (await axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    });
    for (const v of violations) if (v.impact === 'serious' || v.impact === 'critical') found.push(`${label} (${colorScheme}): ${v.id} at ${v.nodes.join(', ')}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
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
