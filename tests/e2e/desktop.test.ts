// Desktop conventions through the real built app: the native menu (clicked by label in the
// stand-in) reaches the window over the one command channel, the shortcut sheet opens from the
// menu and from `?` as a real modal (focus inside, keys kept from the card beneath, Esc closes,
// focus returns), the menu speaks the UI's language, the window comes back where it was, and a
// second start hands over to the running app.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { COMMAND_CHANNEL, MENU_LANGUAGE_CHANNEL } from '../../electron/shared/contract';
import { launchStratus, type MenuDescription, type RunningApp } from './electron-standin';
import { BUILTIN_DECK, dayStartFarFromNow, inspect, isFocused, pageProblems, prepareCollection, tempDir } from './helpers';

let dir: string;
let app: RunningApp | null = null;

beforeAll(() => {
  dir = tempDir();
});

afterEach(async () => {
  await app?.close();
  app = null;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const deckRow = (page: Page) => page.getByTestId('deck-row').filter({ hasText: BUILTIN_DECK });
const sheet = (page: Page) => page.getByTestId('shortcut-sheet');
// The sheet is in the page only while it is open (a modal <dialog>).
const sheetOpen = (page: Page) =>
  page.evaluate(() => (document.querySelector('[data-testid="shortcut-sheet"]') as HTMLDialogElement | null)?.open === true);
const reviewCount = (file: string) => inspect(file, (db) => (db.prepare('SELECT count(*) AS n FROM review').get() as { n: number }).n);
const labels = (menu: MenuDescription[]) => menu.filter((i) => i.type !== 'separator').map((i) => i.label);

/** Waits for the study screen's question side. */
async function question(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const q = (id: string) => document.querySelector(`[data-testid="${id}"]`);
    return q('show-answer') && q('card-front') && !q('card-back') && document.querySelector('main[aria-busy="false"]');
  });
}

/** From the deck list (focus on the deck's Study button), into a study session. */
async function startStudying(page: Page): Promise<void> {
  const study = deckRow(page).getByTestId(/^study-\d+$/);
  await study.focus();
  await page.keyboard.press('Enter');
  await question(page);
}

describe('the application menu', () => {
  test('View → Decks, Edit → Undo and Help → Keyboard Shortcuts act on the window, over one checked channel', async () => {
    const dbPath = join(dir, 'menu.stratus');
    prepareCollection(dbPath, { newPerDay: 3, dayStartHour: dayStartFarFromNow() });
    app = await launchStratus({ dbPath });
    const { page, standin } = app;
    await deckRow(page).waitFor();

    // The menu main installed, in the system's language (English here).
    const menu = standin.applicationMenu!.describe();
    expect(labels(menu)).toEqual(process.platform === 'darwin' ? ['Stratus', 'File', 'Edit', 'View', 'Window', 'Help'] : ['File', 'Edit', 'View', 'Help']);
    expect(standin.records.menuWarnings).toEqual([]);

    // Study a card, then Edit → Undo takes the answer back (the menu's own Undo, not the `u` key).
    await startStudying(page);
    const front = await page.getByTestId('card-front').innerText();
    await page.keyboard.press('Space');
    await page.getByTestId('rate-good').waitFor();
    await page.keyboard.press('3');
    await question(page);
    expect(await page.getByTestId('card-front').innerText()).not.toBe(front);
    expect(reviewCount(dbPath)).toBe(1);
    await standin.clickMenu('Edit', 'Undo');
    await expect.poll(() => page.getByTestId('card-front').innerText()).toBe(front);
    await question(page);
    expect(reviewCount(dbPath)).toBe(0);

    // View → Decks leaves the session for the deck list, like Esc.
    await standin.clickMenu('View', 'Decks');
    await deckRow(page).waitFor();
    expect(await page.getByTestId('card-front').count()).toBe(0);
    expect(await page.getByTestId('nav-decks').getAttribute('aria-current')).toBe('page');

    // Help → Keyboard Shortcuts opens the sheet with focus inside; its close button closes it.
    const study = deckRow(page).getByTestId(/^study-\d+$/);
    await study.focus();
    await standin.clickMenu('Help', 'Keyboard Shortcuts');
    await expect.poll(() => sheetOpen(page)).toBe(true);
    expect(await sheet(page).getByRole('heading', { level: 2 }).innerText()).toBe('Keyboard shortcuts');
    expect(await isFocused(sheet(page).getByTestId('modal-close'))).toBe(true);
    await sheet(page).getByTestId('modal-close').click();
    await expect.poll(() => sheetOpen(page)).toBe(false);
    expect(await isFocused(study)).toBe(true);

    // In a text field, Edit → Undo is the field's own undo and leaves the collection alone.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.setAttribute('aria-label', 'scratch field');
      input.dataset.testid = 'scratch';
      document.querySelector('main')!.append(input);
    });
    await page.getByTestId('scratch').focus();
    await page.keyboard.type('S3 Glacier');
    await standin.clickMenu('Edit', 'Undo');
    await expect.poll(() => page.getByTestId('scratch').inputValue()).toBe('');
    await page.getByTestId('scratch').evaluate((el) => el.remove());
    expect(reviewCount(dbPath)).toBe(0);

    // Every command went over the one channel, as a name from the contract's list.
    expect(standin.records.sent.map((m) => m.channel)).toEqual(Array(standin.records.sent.length).fill(COMMAND_CHANNEL));
    expect(standin.records.sent.map((m) => m.args)).toEqual([['edit:undo'], ['view:decks'], ['help:shortcuts'], ['edit:undo']]);

    // The preload passes on only names from that list: anything else on the channel is dropped.
    const contents = app.window!.webContents;
    for (const junk of ['shell:exec', { command: 'help:shortcuts' }, ['help:shortcuts'], 42, null]) contents.send(COMMAND_CHANNEL, junk);
    contents.send('stratus:listDecks', 'help:shortcuts');
    await contents.delivered();
    expect(await sheetOpen(page)).toBe(false);
    contents.send(COMMAND_CHANNEL, 'help:shortcuts');
    await contents.delivered();
    await expect.poll(() => sheetOpen(page)).toBe(true);
    expect(pageProblems(app)).toEqual([]);
  });

  test('speaks Dutch on a Dutch system, and follows the language the window reports', async () => {
    const dbPath = join(dir, 'dutch.stratus');
    app = await launchStratus({ dbPath, locale: 'nl-NL' });
    const { page, standin } = app;
    await deckRow(page).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    const viewMenu = () => standin.applicationMenu!.describe().find((m) => m.submenu?.some((i) => i.id === 'view:decks'))!;
    expect(viewMenu().label).toBe('Beeld');
    expect(labels(viewMenu().submenu!)).toEqual(['Decks', 'Bladeren', 'Statistieken', 'Examen']);

    await standin.clickMenu('Help', 'Sneltoetsen');
    await expect.poll(() => sheetOpen(page)).toBe(true);
    expect(await sheet(page).getByRole('heading', { level: 2 }).innerText()).toBe('Sneltoetsen');
    expect(await sheet(page).innerText()).toContain('Antwoord tonen');
    await page.keyboard.press('Escape');
    await expect.poll(() => sheetOpen(page)).toBe(false);

    // The renderer reported its language at start; a switch (as settings will make) rebuilds the menu,
    // and anything that is not one of the UI's languages is dropped before it leaves the page.
    expect(standin.records.ipc.filter((m) => m.channel === MENU_LANGUAGE_CHANNEL).length).toBeGreaterThanOrEqual(1);
    await page.evaluate(() => window.api.setMenuLanguage('en'));
    await expect.poll(() => viewMenu().label).toBe('View');
    const before = standin.records.ipc.length;
    await page.evaluate(() => (window.api.setMenuLanguage as (lang: string) => void)('de'));
    await page.evaluate(() => window.api.setMenuLanguage('nl'));
    await expect.poll(() => viewMenu().label).toBe('Beeld');
    expect(standin.records.ipc.slice(before).map((m) => m.channel)).toEqual([MENU_LANGUAGE_CHANNEL]);

    // Main listens only to its own window's page, and only for a language it has.
    const win = app.window!;
    standin.ipcMain.emit(MENU_LANGUAGE_CHANNEL, { sender: win.webContents, senderFrame: { url: 'https://example.com/' } }, 'en');
    standin.ipcMain.emit(MENU_LANGUAGE_CHANNEL, { sender: {}, senderFrame: win.webContents.mainFrame }, 'en');
    standin.ipcMain.emit(MENU_LANGUAGE_CHANNEL, { sender: win.webContents, senderFrame: win.webContents.mainFrame }, 'fr');
    standin.ipcMain.emit(MENU_LANGUAGE_CHANNEL, { sender: win.webContents, senderFrame: win.webContents.mainFrame }, { lang: 'en' });
    expect(viewMenu().label).toBe('Beeld');
    standin.ipcMain.emit(MENU_LANGUAGE_CHANNEL, { sender: win.webContents, senderFrame: win.webContents.mainFrame }, 'en');
    expect(viewMenu().label).toBe('View');
    expect(pageProblems(app)).toEqual([]);
  });
});

describe('the shortcut sheet', () => {
  test('`?` opens it over a card; keys stay inside it; Esc closes it and focus goes back', async () => {
    const dbPath = join(dir, 'sheet.stratus');
    prepareCollection(dbPath, { newPerDay: 3, dayStartHour: dayStartFarFromNow() });
    app = await launchStratus({ dbPath });
    const { page } = app;
    await deckRow(page).waitFor();

    // On the deck list.
    const study = deckRow(page).getByTestId(/^study-\d+$/);
    await study.focus();
    await page.keyboard.press('Shift+Slash'); // `?`
    await expect.poll(() => sheetOpen(page)).toBe(true);
    expect(await isFocused(sheet(page).getByTestId('modal-close'))).toBe(true);
    // The study screen's keys are listed, and the menu's undo under the study section.
    const text = await sheet(page).innerText();
    for (const words of ['Show the answer', 'Rate Again', 'Rate Easy', 'Undo the last answer', 'Back to the decks', 'Go to the decks']) {
      expect(text).toContain(words);
    }
    // A main screen's key is offered exactly when the screen exists (is in the top bar).
    for (const view of ['decks', 'browse', 'stats', 'exam']) {
      const inTopBar = (await page.getByTestId(`nav-${view}`).count()) > 0;
      expect(await page.getByTestId(`shortcut-${view}`).count(), view).toBe(inTopBar ? 1 : 0);
    }
    // Tab and Shift+Tab stay in the dialog.
    for (const key of ['Tab', 'Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await sheet(page).evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => sheetOpen(page)).toBe(false);
    expect(await isFocused(study)).toBe(true);
    expect(await deckRow(page).count()).toBe(1); // Esc closed the sheet and did nothing else

    // Over a card: Space presses the sheet's focused Close button, so the answer stays hidden.
    await startStudying(page);
    const front = await page.getByTestId('card-front').innerText();
    await page.keyboard.press('Shift+Slash');
    await expect.poll(() => sheetOpen(page)).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(() => sheetOpen(page)).toBe(false);
    expect(await page.getByTestId('card-back').count()).toBe(0);
    expect(await isFocused(page.getByTestId('show-answer'))).toBe(true);

    // Over the answer: the rating keys pressed in the sheet never rate the card beneath, and Esc
    // closes the sheet only (it does not also leave the study screen).
    await page.keyboard.press('Space');
    await page.getByTestId('rate-good').waitFor();
    await page.keyboard.press('Shift+Slash');
    await expect.poll(() => sheetOpen(page)).toBe(true);
    for (const key of ['3', '1', '4', 'u', 'Control+z', 'd', 'b']) await page.keyboard.press(key);
    expect(await sheetOpen(page)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => sheetOpen(page)).toBe(false);
    expect(await page.getByTestId('card-front').innerText()).toBe(front);
    expect(await page.getByTestId('card-back').count()).toBe(1);
    expect(await isFocused(page.getByTestId('rate-good'))).toBe(true);
    expect(reviewCount(dbPath)).toBe(0);
    await page.keyboard.press('Escape'); // now Esc is the study screen's again: back to the decks
    await deckRow(page).waitFor();
    await startStudying(page);

    // `?` toggles it, and D goes to the decks (from the study screen too, as in Anki).
    await page.keyboard.press('Shift+Slash');
    await expect.poll(() => sheetOpen(page)).toBe(true);
    await page.keyboard.press('Shift+Slash');
    await expect.poll(() => sheetOpen(page)).toBe(false);
    await page.keyboard.press('d');
    await deckRow(page).waitFor();
    expect(await page.getByTestId('card-front').count()).toBe(0);
    expect(pageProblems(app)).toEqual([]);
  });
});

describe('the window', () => {
  test('comes back at the size and place it had, maximized or not, and never off screen', async () => {
    const dbPath = join(dir, 'window.stratus');
    const userDataDir = join(dir, 'user-data');
    const stateFile = join(userDataDir, 'window-state.json');
    const twoMonitors = [
      { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
      { bounds: { x: 1920, y: 0, width: 2560, height: 1440 } },
    ];

    // First run: the default size, centred by the system (no position given).
    app = await launchStratus({ dbPath, userDataDir, displays: twoMonitors });
    expect(app.window!.options).toMatchObject({ width: 1024, height: 768, minWidth: 480, minHeight: 480 });
    expect(app.window!.options.x).toBeUndefined();
    app.window!.setBounds({ x: 2100, y: 120, width: 1300, height: 900 }); // the user moves it to the second monitor
    await app.close();
    app = null;
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual({ version: 1, bounds: { x: 2100, y: 120, width: 1300, height: 900 }, maximized: false });

    // Second run: there again; maximized this time.
    app = await launchStratus({ dbPath, userDataDir, displays: twoMonitors });
    expect(app.window!.options).toMatchObject({ x: 2100, y: 120, width: 1300, height: 900 });
    expect(await app.page.evaluate(() => [window.innerWidth, window.innerHeight])).toEqual([1300, 900]);
    app.window!.maximize();
    await app.close();
    app = null;
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ bounds: { x: 2100, y: 120, width: 1300, height: 900 }, maximized: true });

    // Third run, the second monitor unplugged: centred on the one that is left, maximized as it was.
    app = await launchStratus({ dbPath, userDataDir, displays: [twoMonitors[0]!] });
    expect(app.window!.options).toMatchObject({ width: 1300, height: 900 });
    expect(app.window!.options.x).toBeUndefined();
    expect(app.window!.isMaximized()).toBe(true);
    expect(existsSync(join(userDataDir, 'window-state.json.tmp'))).toBe(false);
    expect(pageProblems(app)).toEqual([]);
  });

  test('a second start brings the running window to the front; a second instance quits without touching the collection', async () => {
    const dbPath = join(dir, 'single.stratus');
    app = await launchStratus({ dbPath });
    const window = app.window!;
    window.minimize();
    const focused = window.focusCount;
    app.standin.app.startSecondInstance(['stratus']);
    expect(window.isMinimized()).toBe(false);
    expect(window.focusCount).toBe(focused + 1);
    expect(window.isFocused()).toBe(true);
    await app.close();
    app = null;

    // The second instance itself: the lock is taken, so it quits at once, opens no window and no collection.
    const otherDb = join(dir, 'never-created.stratus');
    app = await launchStratus({ dbPath: otherDb, singleInstanceLockHeld: true });
    expect(app.window).toBeNull();
    expect(app.standin.windows).toHaveLength(0);
    expect(app.standin.app.quitCount).toBeGreaterThanOrEqual(1);
    expect(app.standin.records.errorBoxes).toEqual([]);
    expect(existsSync(otherDb)).toBe(false);
  });
});
