// Settings through the real built app: deck options and app settings stored in the collection and
// applied at once (the deck list's new-card count, the theme on <html>, the text size), the
// language switch to Dutch (kept after a restart), and backup → change → restore, which gives back
// exactly the collection that was backed up. Screenshots of Settings, and of every screen of this
// issue in Dutch, light and dark, go to tests/e2e/screenshots/.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchStratus, type RunningApp } from './electron-standin';
import { axeSerious, BUILTIN_DECK, dayStartFarFromNow, inspect, pageProblems, prepareCollection, screenshotThemes, tempDir } from './helpers';

let dir: string;
let app: RunningApp | null = null;

beforeAll(() => {
  dir = tempDir();
});

afterEach(async () => {
  await app?.close();
  app = null;
  // No serious or critical axe finding on any screen or dialog of the test.
  expect(a11y.splice(0)).toEqual([]);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A collection in a folder of its own (its backups go to a backups folder beside it). */
function collectionIn(name: string): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  return join(folder, 'collection.stratus');
}

const a11y: string[] = [];

/** Screenshots show the screen from its top; each screen shot is also checked with axe. */
async function shoot(page: Page, name: string, lang: 'en' | 'nl'): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshotThemes(page, name, lang);
  a11y.push(...(await axeSerious(page, `${name} (${lang})`)));
}

const deckRow = (page: Page) => page.getByTestId('deck-row').filter({ hasText: BUILTIN_DECK });
const setting = (file: string, key: string) =>
  inspect(file, (db) => {
    const row = db.prepare('SELECT value FROM setting WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  });
const defaultPreset = (file: string) => inspect(file, (db) => JSON.parse((db.prepare('SELECT config FROM deck_preset WHERE id = 1').get() as { config: string }).config) as Record<string, unknown>);

async function openSettings(page: Page, tab: 'general' | 'options' | 'backups' = 'general'): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId(`settings-tab-${tab}`).click();
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

/** Tables and dumps that a restore must give back exactly. */
function collectionRows(file: string) {
  return inspect(file, (db) => ({
    decks: db.prepare('SELECT * FROM deck ORDER BY id').all(),
    notes: db.prepare('SELECT * FROM note ORDER BY id').all(),
    cards: db.prepare('SELECT * FROM card ORDER BY id').all(),
    reviews: db.prepare('SELECT * FROM review ORDER BY id').all(),
    presets: db.prepare('SELECT * FROM deck_preset ORDER BY id').all(),
  }));
}

describe('settings', () => {
  test('deck options and app settings are stored in the collection and applied at once', async () => {
    const dbPath = collectionIn('options');
    prepareCollection(dbPath, { dayStartHour: dayStartFarFromNow() });
    app = await launchStratus({ dbPath });
    const { page } = app;
    await deckRow(page).waitFor();
    expect(await deckRow(page).getByTestId('count-new').innerText()).toBe('20');

    await openSettings(page);
    await shoot(page, 'settings', 'en');

    // Theme: data-theme on <html> at once, stored; System takes it off again.
    await page.getByTestId('theme-dark').check();
    await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('data-theme'))).toBe('dark');
    await expect.poll(() => setting(dbPath, 'theme')).toBe('dark');
    // Dark even though the system is light: the page background follows the chosen theme.
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(18, 21, 25)');
    await page.getByTestId('theme-system').check();
    await expect.poll(() => page.evaluate(() => document.documentElement.hasAttribute('data-theme'))).toBe(false);

    // Text size with the keyboard: each arrow step is stored and applied.
    await page.getByTestId('font-size').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => setting(dbPath, 'fontSize')).toBe(18);
    expect(await page.evaluate(() => document.documentElement.style.fontSize)).toBe('18px');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => setting(dbPath, 'fontSize')).toBe(16);

    // Deck options: new cards per day of the Default preset, then the deck list shows the change.
    await page.getByTestId('settings-tab-options').click();
    const perDay = page.getByTestId('option-newPerDay');
    await perDay.fill('5');
    await perDay.press('Enter');
    await expect.poll(() => defaultPreset(dbPath).newPerDay).toBe(5);
    // A value the core refuses: its sentence, and nothing stored.
    const retention = page.getByTestId('option-desiredRetention');
    await retention.fill('0.5');
    await retention.press('Tab');
    await expect.poll(() => page.getByTestId('option-error-desiredRetention').innerText()).toContain('0.70 to 0.99');
    expect(defaultPreset(dbPath).desiredRetention ?? 0.9).toBe(0.9);
    await retention.fill('0.85');
    await retention.press('Tab');
    await expect.poll(() => defaultPreset(dbPath).desiredRetention).toBe(0.85);
    await shoot(page, 'settings-options', 'en');

    await page.getByTestId('nav-decks').click();
    await deckRow(page).waitFor();
    await expect.poll(() => deckRow(page).getByTestId('count-new').innerText()).toBe('5');
    expect(pageProblems(app)).toEqual([]);
  });

  test('the language switches to Dutch at once and stays Dutch after a restart', async () => {
    const dbPath = collectionIn('dutch');
    prepareCollection(dbPath, { dayStartHour: dayStartFarFromNow() });
    app = await launchStratus({ dbPath, locale: 'en-US' });
    let { page } = app;
    await deckRow(page).waitFor();
    await openSettings(page);
    await page.getByTestId('language').selectOption('nl');
    await expect.poll(() => page.getByTestId('nav-settings').innerText()).toBe('Instellingen');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    expect(await page.getByTestId('settings-tab-general').innerText()).toBe('Algemeen');
    await expect.poll(() => setting(dbPath, 'language')).toBe('nl');
    await page.getByTestId('settings-tab-general').focus();

    // A restart on an English system: the stored choice wins.
    await app.close();
    app = await launchStratus({ dbPath, locale: 'en-US' });
    page = app.page;
    await deckRow(page).waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('nl');
    expect(await page.getByTestId('nav-browse').innerText()).toBe('Bladeren');

    // Every screen of this issue, in Dutch.
    await openSettings(page);
    await shoot(page, 'settings', 'nl');
    await page.getByTestId('settings-tab-options').click();
    await shoot(page, 'settings-options', 'nl');
    await page.getByTestId('settings-tab-backups').click();
    await page.getByTestId('backup-now').click();
    await page.getByTestId('backup-result').waitFor();
    await page.getByTestId('check-database').click();
    await page.getByTestId('check-report').waitFor();
    expect(await page.getByTestId('check-report').innerText()).toContain('Geen problemen gevonden.');
    await shoot(page, 'settings-backups', 'nl');

    await page.getByTestId('nav-browse').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="browse-row"] [data-column="front"]'));
    await page.getByTestId('browse-grid').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => page.getByTestId('browse-count').innerText()).toContain('2 geselecteerd');
    await shoot(page, 'browse', 'nl');
    await page.keyboard.press('Enter');
    await page.getByTestId('editor').getByTestId('editor-field-0').waitFor();
    await page.getByTestId('editor').getByTestId('editor-preview').waitFor();
    expect(await page.getByTestId('editor').getByRole('heading', { level: 2 }).innerText()).toBe('Kaart bewerken');
    await shoot(page, 'editor', 'nl');
    await page.keyboard.press('Escape');
    expect(pageProblems(app)).toEqual([]);
  });

  test('back up, change the collection, restore: the collection is exactly the backed-up one', async () => {
    const dbPath = collectionIn('restore');
    prepareCollection(dbPath, { newPerDay: 3, dayStartHour: dayStartFarFromNow() });
    app = await launchStratus({ dbPath });
    const { page } = app;
    await deckRow(page).waitFor();

    // One answer, so the backup holds a review too.
    await deckRow(page).getByTestId(/^study-\d+$/).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('show-answer').waitFor();
    await page.keyboard.press('Space');
    await page.getByTestId('rate-good').waitFor();
    await page.keyboard.press('3');
    await expect.poll(() => inspect(dbPath, (db) => (db.prepare('SELECT count(*) AS n FROM review').get() as { n: number }).n)).toBe(1);
    await page.keyboard.press('Escape');
    await deckRow(page).waitFor();

    await openSettings(page, 'backups');
    const before = collectionRows(dbPath);
    const listed = await page.getByTestId('restore').count();
    await page.getByTestId('backup-now').click();
    await page.getByTestId('backup-result').waitFor();
    const result = await page.getByTestId('backup-result').innerText();
    expect(result).toMatch(new RegExp(`^Backed up ${before.cards.length} cards and 1 review to (stratus-.*\\.stratus)\\.$`));
    const file = /to (stratus-.*\.stratus)\.$/.exec(result)![1]!;
    expect(existsSync(join(dir, 'restore', 'backups', file))).toBe(true);
    await expect.poll(() => page.getByTestId('restore').count()).toBe(listed + 1);

    // Change the collection: delete a card's note in the browser (confirmed), edit a preset.
    await page.getByTestId('nav-browse').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="browse-row"] [data-column="front"]'));
    await page.getByTestId('browse-grid').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Delete');
    await page.getByTestId('browse-dialog').getByTestId('dialog-confirm').click();
    await expect.poll(() => inspect(dbPath, (db) => (db.prepare('SELECT count(*) AS n FROM card').get() as { n: number }).n)).toBeLessThan(before.cards.length);
    await openSettings(page, 'options');
    await page.getByTestId('option-newPerDay').fill('9');
    await page.getByTestId('option-newPerDay').press('Enter');
    await expect.poll(() => defaultPreset(dbPath).newPerDay).toBe(9);

    // Restore that backup (the list is newest first: find it by its file name).
    await page.getByTestId('settings-tab-backups').click();
    const item = page.getByRole('listitem').filter({ hasText: file });
    await item.getByTestId('restore').click();
    const confirm = page.getByTestId('restore-dialog');
    expect(await confirm.innerText()).toContain('Your current collection is backed up first');
    a11y.push(...(await axeSerious(page, 'restore dialog')));
    await confirm.getByTestId('restore-confirm').click();
    await page.getByTestId('restore-result').waitFor();
    const restored = await page.getByTestId('restore-result').innerText();
    expect(restored).toContain(`Restored ${file}: ${before.cards.length} cards and 1 review.`);
    const safety = /saved as (stratus-.*\.stratus)\.$/.exec(restored)![1]!;
    expect(existsSync(join(dir, 'restore', 'backups', safety))).toBe(true);
    expect(basename(safety)).not.toBe(file);

    // Exactly what was backed up.
    expect(collectionRows(dbPath)).toEqual(before);

    // The check finds nothing wrong.
    await page.getByTestId('check-database').click();
    await page.getByTestId('check-report').waitFor();
    expect(await page.getByTestId('check-report').innerText()).toContain('No problems found.');
    await shoot(page, 'settings-backups', 'en');

    // The deck list shows the restored collection.
    await page.getByTestId('nav-decks').click();
    await deckRow(page).waitFor();
    expect(pageProblems(app)).toEqual([]);
  });
});
