// A whole review session through the real built app (main + preload + renderer), by keyboard only:
// deck list → study → show answer → rate → undo (u and Ctrl+Z) → learning cards again → summary →
// deck list with updated counts. Checks the collection file along the way, and saves screenshots of
// every screen in light and dark to tests/e2e/screenshots/.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { Study } from '../../electron/core/study';
import { formatDue, formatDuration, formatRetention } from '../../renderer/src/lib/format';
import { launchStratus, REPO_ROOT, type RunningApp } from './electron-standin';
import {
  BUILTIN_DECK,
  dayStartFarFromNow,
  inspect,
  isFocused,
  pageProblems,
  prepareCollection,
  screenshotBothSchemes,
  tempDir,
} from './helpers';

type Key = '1' | '2' | '3' | '4';
const RATING_OF: Record<Key, { name: string; code: number }> = {
  '1': { name: 'again', code: 1 },
  '2': { name: 'hard', code: 2 },
  '3': { name: 'good', code: 3 },
  '4': { name: 'easy', code: 4 },
};

let dir: string;
let dbPath: string;
let app: RunningApp | null = null;

beforeAll(() => {
  dir = tempDir();
  dbPath = join(dir, 'collection.stratus');
});

afterEach(async () => {
  await app?.close();
  app = null;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const deckRow = (page: Page) => page.getByTestId('deck-row').filter({ hasText: BUILTIN_DECK });
const cardFront = (page: Page) => page.getByTestId('card-front').innerText();

async function deckCounts(page: Page): Promise<{ new: string; learning: string; due: string }> {
  const row = deckRow(page);
  return {
    new: (await row.getByTestId('count-new').innerText()).trim(),
    learning: (await row.getByTestId('count-learning').innerText()).trim(),
    due: (await row.getByTestId('count-due').innerText()).trim(),
  };
}

/** Waits until the study screen shows a question (no answer side) or the summary. */
async function settled(page: Page): Promise<'question' | 'summary'> {
  const handle = await page.waitForFunction(() => {
    const q = (id: string) => document.querySelector(`[data-testid="${id}"]`);
    if (q('summary')) return 'summary';
    if (q('show-answer') && q('card-front') && !q('card-back') && document.querySelector('main[aria-busy="false"]')) return 'question';
    return null;
  });
  return (await handle.jsonValue()) as 'question' | 'summary';
}

async function showAnswer(page: Page): Promise<void> {
  expect(await isFocused(page.getByTestId('show-answer'))).toBe(true);
  await page.keyboard.press('Space');
  await page.getByTestId('card-back').waitFor();
  await page.getByTestId('rate-good').waitFor();
}

function cardsAndReviews() {
  return inspect(dbPath, (db) => ({
    cards: db.prepare('SELECT * FROM card ORDER BY id').all(),
    reviews: db.prepare('SELECT id, card_id, rating FROM review ORDER BY id').all() as { id: number; card_id: number; rating: number }[],
  }));
}

describe('a review session, by keyboard only', () => {
  test('a fresh collection lists the built-in deck with 20 new cards', async () => {
    app = await launchStratus({ dbPath });
    const page = app.page;

    // The window main asked for is the locked-down one.
    expect(app.window!.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(app.window!.webPreferences.preload).toBe(join(REPO_ROOT, 'out/preload/index.js'));

    await deckRow(page).waitFor();
    expect(await deckCounts(page)).toEqual({ new: '20', learning: '0', due: '0' });
    await screenshotBothSchemes(page, 'deck-list');
    expect(pageProblems(app)).toEqual([]);

    // Closing the window quits the app, and main closes the collection (SQLite removes the WAL
    // file when its last connection closes).
    const { standin } = app;
    await app.close();
    app = null;
    expect(standin.app.quitCount).toBe(1);
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
  });

  test('study, answer, undo twice, see learning cards again, finish, and find the counts updated', async () => {
    // Three new cards a day keeps the session short; the study day ends ~12 hours from now.
    const dayStartHour = dayStartFarFromNow();
    prepareCollection(dbPath, { newPerDay: 3, dayStartHour });
    app = await launchStratus({ dbPath });
    const page = app.page;

    await deckRow(page).waitFor();
    expect(await deckCounts(page)).toEqual({ new: '3', learning: '0', due: '0' });

    // Tab to the deck's Study button (the list may already have focused it) and press Enter.
    const study = deckRow(page).getByTestId(/^study-\d+$/);
    const deckId = Number((await study.getAttribute('data-testid'))!.slice('study-'.length));
    for (let i = 0; i < 20 && !(await isFocused(study)); i++) await page.keyboard.press('Tab');
    expect(await isFocused(study)).toBe(true);
    await page.keyboard.press('Enter');

    const kept: Key[] = []; // answers not undone, in order
    let answers = 0;
    let undone = 0;
    const rate = async (key: Key) => {
      await page.keyboard.press(key);
      answers += 1;
      kept.push(key);
      return settled(page);
    };
    const undo = async (combo: 'u' | 'Control+z', expectedFront: string) => {
      await page.keyboard.press(combo);
      await expect.poll(() => cardFront(page)).toBe(expectedFront);
      expect(await settled(page)).toBe('question');
      undone += 1;
      kept.pop();
    };

    // Card A: a new card; its question, then its answer with Anki-style interval labels.
    expect(await settled(page)).toBe('question');
    await expect.poll(() => page.getByTestId('counts-new').getAttribute('title')).toBe('3 new');
    expect(await page.getByTestId('counts-learning').getAttribute('title')).toBe('0 learning');
    expect(await page.getByTestId('counts-review').getAttribute('title')).toBe('0 review');
    const frontA = await cardFront(page);
    expect(frontA.length).toBeGreaterThan(0);
    await screenshotBothSchemes(page, 'question');
    await showAnswer(page);
    expect((await page.getByTestId('card-back').innerText()).length).toBeGreaterThan(0);
    expect(await page.getByTestId('interval-again').innerText()).toBe('1m');
    expect(await page.getByTestId('interval-hard').innerText()).toMatch(/^\d+m$/);
    expect(await page.getByTestId('interval-good').innerText()).toBe('10m');
    expect(await page.getByTestId('interval-easy').innerText()).toMatch(/^\d+d$/);
    expect(await isFocused(page.getByTestId('rate-good'))).toBe(true);
    await screenshotBothSchemes(page, 'answer');
    expect(await rate('3')).toBe('question');

    // Card B: Again, then `u` brings it back exactly as it was.
    const frontB = await cardFront(page);
    expect(frontB).not.toBe(frontA);
    await expect.poll(() => page.getByTestId('counts-new').getAttribute('title')).toBe('2 new');
    await showAnswer(page);
    const beforeB = cardsAndReviews();
    expect(await rate('1')).toBe('question');
    const afterB = cardsAndReviews();
    expect(afterB.reviews).toHaveLength(beforeB.reviews.length + 1);
    const reviewB = afterB.reviews.at(-1)!;
    expect(reviewB.rating).toBe(1);
    expect(await cardFront(page)).not.toBe(frontB);
    await undo('u', frontB);
    const undoneB = cardsAndReviews();
    expect(undoneB.reviews.map((r) => r.id)).not.toContain(reviewB.id);
    expect(undoneB.reviews).toEqual(beforeB.reviews);
    expect(undoneB.cards).toEqual(beforeB.cards);
    await expect.poll(() => page.getByTestId('counts-new').getAttribute('title')).toBe('2 new');

    // B again for real, then card C: Good, and Ctrl+Z brings C back.
    await showAnswer(page);
    expect(await rate('1')).toBe('question');
    const frontC = await cardFront(page);
    expect([frontA, frontB]).not.toContain(frontC);
    await showAnswer(page);
    const beforeC = cardsAndReviews();
    expect(await rate('3')).toBe('question');
    expect(cardsAndReviews().reviews).toHaveLength(beforeC.reviews.length + 1);
    await undo('Control+z', frontC);
    const undoneC = cardsAndReviews();
    expect(undoneC.reviews).toEqual(beforeC.reviews);
    expect(undoneC.cards).toEqual(beforeC.cards);

    // Easy from here on: C graduates, then the learning cards (B after Again, A after Good) come
    // back early in this session because nothing else is left, until the summary appears.
    const seen: string[] = [];
    let screen: 'question' | 'summary' = 'question';
    for (let i = 0; i < 10 && screen === 'question'; i++) {
      seen.push(await cardFront(page));
      await showAnswer(page);
      screen = await rate('4');
    }
    expect(screen).toBe('summary');
    expect(seen).toEqual([frontC, frontB, frontA]);

    // The summary: what was kept, as the collection has it.
    await page.getByTestId('summary-reviewed').waitFor();
    const reviewed = answers - undone;
    expect(reviewed).toBe(5);
    const stored = cardsAndReviews().reviews;
    expect(stored.map((r) => r.rating)).toEqual(kept.map((k) => RATING_OF[k].code));
    expect(await page.getByTestId('summary-reviewed').innerText()).toBe(String(reviewed));
    const passed = kept.filter((k) => k !== '1').length;
    expect(await page.getByTestId('summary-retention').innerText()).toBe(formatRetention(passed / reviewed));
    expect(formatRetention(passed / reviewed)).toBe('80%');
    const timeMs = inspect(dbPath, (db) => (db.prepare('SELECT sum(duration_ms) AS t FROM review').get() as { t: number }).t);
    expect(await page.getByTestId('summary-time').innerText()).toBe(formatDuration(timeMs));
    // Next due: what the core says for this deck, worded as the renderer words it.
    const nextDue = inspect(dbPath, (db) => new Study(db).sessionSummary(deckId, 0).nextDue);
    expect(nextDue).not.toBeNull();
    const dueMs = Date.parse(nextDue!);
    expect(dueMs).toBeGreaterThan(Date.now());
    expect(dueMs - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000);
    const nextText = await page.getByTestId('summary-next').innerText();
    const now = Date.now();
    expect([formatDue(nextDue!, now - 5_000), formatDue(nextDue!, now)].map((d) => `The next cards are due ${d}.`)).toContain(nextText);
    expect(await isFocused(page.getByTestId('back-to-decks'))).toBe(true);
    await screenshotBothSchemes(page, 'summary');

    // Enter goes back to the deck list, where today's counts are used up.
    await page.keyboard.press('Enter');
    await deckRow(page).waitFor();
    await expect.poll(() => deckCounts(page)).toEqual({ new: '0', learning: '0', due: '0' });
    await expect.poll(() => isFocused(study)).toBe(true);
    await screenshotBothSchemes(page, 'deck-list-done');

    expect(pageProblems(app)).toEqual([]);
  });
});
