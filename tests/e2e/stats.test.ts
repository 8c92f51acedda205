// The statistics page through the real built app: a collection with two months of history (made
// through the core), the page opened from the top bar and with the T key, its figures checked
// against the core's own aggregation, every chart drawn (in the light and then the dark theme),
// the deck filter, and full-page screenshots in both themes (tests/e2e/screenshots/stats-*.png).
import { describe, expect, test } from 'vitest';
import { collectStatistics } from '../../electron/core/exam/statistics';
import { launchStratus, type RunningApp } from './electron-standin';
import { inspect, pageProblems } from './helpers';
import { chartsDrawn, panelShots, screenshotPage, seededCollectionForFile } from './historyHelpers';

let app: RunningApp | null = null;
const collection = seededCollectionForFile(async () => {
  await app?.close();
  app = null;
});

describe('the statistics page', () => {
  test('shows the core’s figures for the whole collection and for one deck, with every chart drawn in both themes', async () => {
    app = await launchStratus({ dbPath: collection.dbPath });
    const page = app.page;
    // Charts draw without animation, so a screenshot never catches one half-way.
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });

    await page.getByTestId('deck-row').first().waitFor();
    await page.keyboard.press('t');
    await page.getByTestId('stats-panels').waitFor();
    expect(await page.getByTestId('nav-stats').getAttribute('aria-current')).toBe('page');
    const charts = await chartsDrawn(page, 'light', 7);
    expect(charts).toBe(7); // forecast, reviews, card counts, stability, difficulty, retrievability, buttons

    // The figures are the core's (same clock, give or take the seconds between the two reads).
    const core = inspect(collection.dbPath, (db) => collectStatistics(db, Date.now()));
    expect(core.days.reduce((s, d) => s + d.total, 0)).toBe(collection.seeded.reviews);
    expect((await page.getByTestId('figure-reviewed').locator('.value').innerText()).trim()).toBe(String(core.today.answers));
    expect(core.today.answers).toBeGreaterThan(0);
    expect(await page.getByTestId('count-new').locator('td').first().innerText()).toBe(String(core.cardCounts.new));
    expect(await page.getByTestId('count-review').locator('td').first().innerText()).toBe(String(core.cardCounts.review));
    const studied = core.days.filter((d) => d.total > 0).length;
    expect(await page.getByTestId('heatmap-summary').innerText()).toContain(`You studied on ${studied} of the last 365 days`);
    expect(await page.locator('[data-testid="heatmap"] .cell[data-count]').count()).toBe(365);
    expect(await page.locator('[data-testid="heatmap"] .cell.today').getAttribute('data-count')).toBe(String(core.today.answers));
    const forecastTotal = core.forecast.reduce((s, d) => s + d.total, 0);
    expect(await page.getByTestId('chart-forecast-summary').innerText()).toContain(`${forecastTotal} cards are due in the next 30 days`);

    // A tooltip on hover: the chart's own, in the theme's colours.
    // (Over the busiest day, so the screenshot shows one.)
    const forecast = page.getByTestId('chart-forecast').locator('canvas');
    await forecast.scrollIntoViewIfNeeded();
    const box = (await forecast.boundingBox())!;
    const busiest = core.forecast.reduce((best, d, i) => (d.total > core.forecast[best]!.total ? i : best), 0);
    const axis = 40; // the value axis on the left
    await page.mouse.move(box.x + axis + ((busiest + 0.5) * (box.width - axis)) / core.forecast.length, box.y + box.height * 0.5);
    await page.waitForTimeout(150);

    await panelShots(page, 'stats', charts);
    await screenshotPage(page, 'stats', charts);

    // A theme chosen in Settings (data-theme on <html>) over a light system: the charts follow it.
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await chartsDrawn(page, 'dark', charts);
    await page.evaluate(() => delete document.documentElement.dataset.theme);
    await chartsDrawn(page, 'light', charts);

    // Narrowed to one deck: the page asks the core again and shows that deck's figures.
    await page.getByTestId('stats-deck').selectOption(String(collection.seeded.cloudDeckId));
    const deck = inspect(collection.dbPath, (db) => collectStatistics(db, Date.now(), { deckId: collection.seeded.cloudDeckId }));
    await expect.poll(() => page.getByTestId('count-new').locator('td').first().innerText()).toBe(String(deck.cardCounts.new));
    expect(deck.cardCounts.total).toBe(15);
    await chartsDrawn(page, 'light', 7);

    expect(pageProblems(app)).toEqual([]);
  });
});
