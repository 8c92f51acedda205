// The card browser, the editor and the review extras through the real built app, by keyboard:
// browse → edit a card → study it (edited) → e, bury, undo → back in the browser a bulk action and
// Ctrl+Z, then Undo of the edit — checking the collection file at each step. Also a 100,000-card
// collection, to see the virtualized table reach its last row. Screenshots of the browser and the
// editor, light and dark, go to tests/e2e/screenshots/ (the Dutch ones come from settings.test.ts).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createDeck } from '../../electron/core/deckAdmin';
import { openStratus, readBuiltinDecks } from '../../electron/core/open';
import { launchStratus, REPO_ROOT, type RunningApp } from './electron-standin';
import { axeSerious, BUILTIN_DECK, dayStartFarFromNow, inspect, isFocused, pageProblems, prepareCollection, screenshotThemes, tempDir } from './helpers';

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
const rows = (page: Page) => page.getByTestId('browse-row');
const grid = (page: Page) => page.getByTestId('browse-grid');

interface CardRow {
  id: number;
  front: string;
  suspended: number;
  buried_until: number | null;
}

const card = (file: string, id: number) => inspect(file, (db) => db.prepare('SELECT id, front, suspended, buried_until FROM card WHERE id = ?').get(id) as CardRow);
const reviewCount = (file: string) => inspect(file, (db) => (db.prepare('SELECT count(*) AS n FROM review').get() as { n: number }).n);

/** Waits until the table shows loaded rows (not placeholders) and no request is running. */
async function tableReady(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const first = document.querySelector('[data-testid="browse-row"] [data-column="front"]');
    return first && document.querySelector('[data-testid="browse-grid"][aria-busy="false"]');
  });
}

/** The id of the row the grid's cursor is on. */
function cursorCard(page: Page): Promise<number> {
  return grid(page).evaluate((g) => Number(document.getElementById(g.getAttribute('aria-activedescendant')!)!.getAttribute('data-card-id')));
}

async function question(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const q = (id: string) => document.querySelector(`[data-testid="${id}"]`);
    return q('show-answer') && q('card-front') && !q('card-back') && document.querySelector('main[aria-busy="false"]');
  });
}

describe('the card browser, the editor and the review extras', () => {
  test('browse → edit → review (e, bury, undo) → bulk action and undo, by keyboard', async () => {
    const dbPath = join(dir, 'browse.stratus');
    prepareCollection(dbPath, { newPerDay: 3, dayStartHour: dayStartFarFromNow() });
    app = await launchStratus({ dbPath });
    const { page } = app;
    const a11y: string[] = [];
    await deckRow(page).waitFor();
    const total = inspect(dbPath, (db) => (db.prepare('SELECT count(*) AS n FROM card').get() as { n: number }).n);

    // B opens the browser (Anki's key), with every card.
    await page.keyboard.press('b');
    await tableReady(page);
    await expect.poll(() => page.getByTestId('browse-count').innerText()).toBe(`${total} cards`);

    // A mistake in the query reads as the core's sentence; the table keeps its rows.
    await page.keyboard.press('Control+f');
    expect(await isFocused(page.getByTestId('browse-search'))).toBe(true);
    await page.keyboard.type('prop:s>');
    await page.keyboard.press('Enter');
    await page.getByTestId('query-error').waitFor();
    expect((await page.getByTestId('query-error').innerText()).length).toBeGreaterThan(10);
    expect(await rows(page).count()).toBeGreaterThan(0);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('is:new');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('query-error').count()).toBe(0);

    // Sort by due (new cards by their queue position): the first row is the first card to study.
    await page.getByTestId('sort-due').click();
    await tableReady(page);
    const firstNew = inspect(dbPath, (db) => db.prepare('SELECT id, front FROM card WHERE state = 0 ORDER BY position, id LIMIT 1').get() as { id: number; front: string });
    await grid(page).focus();
    await page.keyboard.press('Home');
    expect(await cursorCard(page)).toBe(firstNew.id);

    // Enter edits it; the preview follows the typing (rendered by the core).
    await page.keyboard.press('Enter');
    const editor = page.getByTestId('editor');
    const front = editor.getByTestId('editor-field-0');
    await front.waitFor();
    expect(await front.inputValue()).toBe(firstNew.front);
    const edited = `${firstNew.front} **(edited)**`;
    await front.focus();
    await page.keyboard.press('End');
    await page.keyboard.type(' **(edited)**');
    await expect.poll(() => editor.getByTestId('editor-preview').locator('strong').last().innerText()).toBe('(edited)');
    await screenshotThemes(page, 'editor', 'en');
    a11y.push(...(await axeSerious(page, 'editor')));
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => card(dbPath, firstNew.id).front).toBe(edited);
    await editor.getByTestId('editor-tab-info').click();
    await editor.getByTestId('card-info').waitFor();
    expect(await editor.getByTestId('info-no-reviews').innerText()).toBe('This card has not been reviewed yet.');
    await screenshotThemes(page, 'editor-info', 'en');
    a11y.push(...(await axeSerious(page, 'card info')));
    await page.keyboard.press('Escape');
    await expect.poll(() => editor.count()).toBe(0);
    // Focus is back on the table.
    expect(await isFocused(grid(page))).toBe(true);

    // Study: the edited card comes first, as edited.
    await page.keyboard.press('d');
    await deckRow(page).waitFor();
    const study = deckRow(page).getByTestId(/^study-\d+$/);
    await study.focus();
    await page.keyboard.press('Enter');
    await question(page);
    expect(await page.getByTestId('card-front').innerText()).toContain('(edited)');
    expect(await page.getByTestId('answer-timer').innerText()).toMatch(/^0:0\d$/);
    await page.keyboard.press('Space');
    await page.getByTestId('rate-good').waitFor();
    await page.keyboard.press('3');
    await question(page);
    expect(reviewCount(dbPath)).toBe(1);
    const secondFront = await page.getByTestId('card-front').innerText();

    // e edits the card on screen; Esc closes the unchanged editor.
    await page.keyboard.press('e');
    await page.getByTestId('editor').getByTestId('editor-field-0').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('editor').count()).toBe(0);

    // - buries it (the next card shows); u takes the bury back, then the answer.
    const buried = () => inspect(dbPath, (db) => db.prepare('SELECT id FROM card WHERE buried_until IS NOT NULL ORDER BY id').pluck().all() as number[]);
    const buriedBefore = buried();
    await page.keyboard.press('-');
    await expect.poll(() => buried().length).toBeGreaterThan(buriedBefore.length);
    await question(page);
    expect(await page.getByTestId('card-front').innerText()).not.toBe(secondFront);
    await page.keyboard.press('u');
    await expect.poll(() => buried()).toEqual(buriedBefore);
    await expect.poll(() => page.getByTestId('card-front').innerText()).toBe(secondFront);

    // Ctrl+1 flags it red and * marks its note: both show on the card; u, u take them back.
    const marks = () =>
      inspect(dbPath, (db) => db.prepare("SELECT c.flag, n.tags LIKE '%marked%' AS marked FROM card c JOIN note n ON n.id = c.note_id WHERE c.flag > 0 OR n.tags LIKE '%marked%'").all());
    await page.keyboard.press('Control+1');
    await page.getByTestId('card-flag').waitFor();
    await page.keyboard.press('*');
    await page.getByTestId('card-marked').waitFor();
    expect(marks()).toEqual([{ flag: 1, marked: 1 }]);
    await screenshotThemes(page, 'review-extras', 'en');
    a11y.push(...(await axeSerious(page, 'review with a flag and a mark')));
    await page.keyboard.press('u');
    await page.keyboard.press('u');
    await expect.poll(() => marks()).toEqual([]);
    await question(page);
    await page.keyboard.press('u');
    await expect.poll(() => reviewCount(dbPath)).toBe(0);
    await expect.poll(() => page.getByTestId('card-front').innerText()).toContain('(edited)');

    // Back in the browser: Shift+↓ selects two rows, Ctrl+J suspends them, Ctrl+Z takes it back.
    await page.keyboard.press('Escape');
    await deckRow(page).waitFor();
    await page.keyboard.press('b');
    await tableReady(page);
    await grid(page).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => page.getByTestId('browse-count').innerText()).toContain('2 selected');
    const pair = await rows(page).evaluateAll((els) => els.filter((e) => e.getAttribute('aria-selected') === 'true').map((e) => Number(e.getAttribute('data-card-id'))));
    expect(pair).toHaveLength(2);
    await page.keyboard.press('Control+j');
    await expect.poll(() => pair.map((id) => card(dbPath, id).suspended)).toEqual([1, 1]);
    await expect.poll(() => page.getByTestId('browse-notice').innerText()).toBe('Suspended 2 cards.');
    await screenshotThemes(page, 'browse', 'en');
    a11y.push(...(await axeSerious(page, 'browse')));
    // The confirmation before a delete, then Esc: nothing deleted.
    await page.keyboard.press('Delete');
    await page.getByTestId('browse-dialog').waitFor();
    a11y.push(...(await axeSerious(page, 'delete dialog')));
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('browse-dialog').count()).toBe(0);
    expect(pair.map((id) => card(dbPath, id).suspended)).toEqual([1, 1]);
    await page.keyboard.press('Control+z');
    await expect.poll(() => pair.map((id) => card(dbPath, id).suspended)).toEqual([0, 0]);

    // Next on the one undo stack is the edit: the Undo button names it and takes it back.
    await expect.poll(() => page.getByTestId('browse-undo').innerText()).toBe('Undo edit note');
    await page.getByTestId('browse-undo').click();
    await expect.poll(() => card(dbPath, firstNew.id).front).toBe(firstNew.front);

    expect(a11y).toEqual([]);
    expect(pageProblems(app)).toEqual([]);
  });

  test('100,000 cards: the table renders a window of rows and reaches the last card', async () => {
    const dbPath = join(dir, 'big.stratus');
    const N = 100_000;
    const db = openStratus(dbPath, readBuiltinDecks(join(REPO_ROOT, 'decks')), Date.now());
    try {
      const deckId = createDeck(db, 'Big deck', Date.now()).id;
      db.transaction(() => {
        db.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
          INSERT INTO note (deck_id, guid, tags, created_at, updated_at, kind, fields)
          SELECT ?, 'big-' || i, 'bulk', ? + i, ? + i, 'basic', json_array('Question ' || i, 'Answer ' || i) FROM n`).run(N, deckId, Date.now(), Date.now());
        db.prepare(`INSERT INTO card (note_id, deck_id, ord, front, back, position, due)
          SELECT id, deck_id, 0, json_extract(fields, '$[0]'), json_extract(fields, '$[1]'), id, ? FROM note WHERE guid LIKE 'big-%'`).run(Date.now());
      })();
    } finally {
      db.close();
    }
    const total = inspect(dbPath, (d) => (d.prepare('SELECT count(*) AS n FROM card').get() as { n: number }).n);
    expect(total).toBeGreaterThan(N);

    app = await launchStratus({ dbPath });
    const { page } = app;
    await deckRow(page).waitFor();
    let started = Date.now();
    await page.keyboard.press('b');
    await tableReady(page);
    const firstPaintMs = Date.now() - started;
    await expect.poll(() => page.getByTestId('browse-count').innerText()).toBe(`${total.toLocaleString('en')} cards`);
    const domRows = await rows(page).count();
    expect(domRows).toBeLessThan(60);

    // End jumps to the last card (added last): its row is fetched and shown.
    await grid(page).focus();
    started = Date.now();
    await page.keyboard.press('End');
    await page.waitForFunction((n) => [...document.querySelectorAll('[data-testid="browse-row"] [data-column="front"]')].some((c) => c.textContent?.trim() === `Question ${n}`), N);
    const endMs = Date.now() - started;
    expect(await rows(page).count()).toBeLessThan(60);

    // Scrolling with the wheel through the middle keeps a small window of rows.
    await page.keyboard.press('Home');
    const box = (await grid(page).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    started = Date.now();
    for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 2000);
    await page.waitForFunction(() => {
      const rowsShown = [...document.querySelectorAll('[data-testid="browse-row"]')];
      return rowsShown.length > 0 && rowsShown.every((r) => r.querySelector('[data-column="front"]'));
    });
    const wheelMs = Date.now() - started;
    expect(await rows(page).count()).toBeLessThan(60);

    // Ctrl+A selects them all at once.
    await grid(page).focus();
    await page.keyboard.press('Control+a');
    await expect.poll(() => page.getByTestId('browse-count').innerText()).toContain(`${total.toLocaleString('en')} selected`);
    console.info(`browser with ${total} cards: first rows ${firstPaintMs} ms, End → last row ${endMs} ms, 20 wheel steps → rows shown ${wheelMs} ms (${domRows} rows in the DOM)`);
    expect(pageProblems(app)).toEqual([]);
  });
});
