// The exam view through the real built app: readiness for an exam four weeks ahead on a collection
// with two months of history (made through the core), checked against the core's own figures;
// uncovered domains shown; the exam date changed from the page; the optimizer run on the real
// review log; and a practice test by keyboard that leaves every card's schedule as it was.
// Saves full-page screenshots in both themes: readiness-*, practice-* and practice-results-*.
import { describe, expect, test } from 'vitest';
import { readinessReport } from '../../electron/core/exam/projection';
import { getSettings } from '../../electron/core/settings';
import { launchStratus, type RunningApp } from './electron-standin';
import { inspect, isFocused, pageProblems } from './helpers';
import { chartsDrawn, panelShots, screenshotPage, seededCollectionForFile } from './historyHelpers';

let app: RunningApp | null = null;
const collection = seededCollectionForFile(async () => {
  await app?.close();
  app = null;
});

const percent = (x: number | null) => (x === null ? '—' : new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 }).format(x));

function schedules() {
  return inspect(collection.dbPath, (db) => ({
    cards: db.prepare('SELECT id, state, due, stability, difficulty, reps, lapses, last_review FROM card ORDER BY id').all(),
    reviews: db.prepare('SELECT count(*) FROM review').pluck().get() as number,
    practiceAnswers: db.prepare('SELECT count(*) FROM practice_answer WHERE chosen_index IS NOT NULL').pluck().get() as number,
  }));
}

describe('the exam view', () => {
  test('readiness per domain and deck as the core computes it, the optimizer, and a practice test that leaves schedules alone', async () => {
    app = await launchStratus({ dbPath: collection.dbPath });
    const page = app.page;
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });

    await page.getByTestId('deck-row').first().waitFor();
    await page.keyboard.press('x');
    await page.getByTestId('exam-figures').waitFor();
    expect(await page.getByTestId('nav-exam').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('exam-date').inputValue()).toBe(collection.seeded.examDate);
    expect(await page.getByTestId('days-left').innerText()).toBe('28 days to go');

    // The headline figures and the domain rows are the core's.
    const core = inspect(collection.dbPath, (db) => readinessReport(db, Date.now()));
    const r = core.readiness!;
    expect(await page.getByTestId('figure-recall').locator('.value').innerText()).toBe(percent(r.predictedRecall));
    expect(await page.getByTestId('figure-recall').innerText()).toContain(`over the ${percent(r.coveredWeight)} of the exam your decks cover`);
    expect(await page.getByTestId('figure-coverage').locator('.value').innerText()).toBe(percent(r.coverage));
    expect(await page.getByTestId('figure-pass').locator('.value').innerText()).toBe(percent(r.passProbability));
    expect(await page.getByTestId('pass-model').textContent()).toBe(r.passModel);
    const rows = page.getByTestId('domain-row');
    expect(await rows.count()).toBe(4);
    for (const [i, d] of r.perDomain.entries()) {
      const row = rows.nth(i);
      expect(await row.locator('.domain').innerText()).toBe(d.domain);
      if (d.covered) expect(await row.locator('.pct').innerText()).toBe(percent(d.predictedRecall));
      else expect(await row.getByTestId('uncovered').innerText()).toBe('Uncovered');
    }
    expect(r.perDomain.filter((d) => !d.covered).map((d) => d.domain)).toEqual(['Cloud Technology and Services', 'Billing, Pricing and Support']);
    expect(await page.getByTestId('projected-recall').innerText()).toBe(percent(core.projected!.predictedRecall));
    expect(await page.getByTestId('advice-item').first().innerText()).toContain('Cloud Technology and Services');

    // The desired-retention slider shows the workload the core simulated for each value.
    await page.getByTestId('retention-readout').waitFor();
    const slider = page.getByTestId('retention-slider');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('retention-value').innerText()).toBe('91%');
    await page.keyboard.press('ArrowLeft');

    // The optimizer on the real review log: a result with its fit, or how much more is needed.
    await page.getByTestId('optimize').click();
    const message = await page.getByTestId('optimize-message').innerText({ timeout: 120_000 });
    expect(message).toMatch(/^(Fitted on \d+ answers|Only the initial stabilities|Optimizing needs at least)/);
    if (!message.startsWith('Optimizing needs')) expect(await page.getByTestId('fit-table').locator('tbody tr').count()).toBe(2);
    await panelShots(page, 'optimizer', 0);

    await page.getByTestId('exam-figures').scrollIntoViewIfNeeded();
    const charts = await chartsDrawn(page, 'light', 2);
    await panelShots(page, 'readiness', charts);
    await screenshotPage(page, 'readiness', charts);

    // Applying the optimized parameters takes a confirmation; then the collection uses them.
    if (!message.startsWith('Optimizing needs')) {
      const weights = () => inspect(collection.dbPath, (db) => getSettings(db).weights);
      const before = weights();
      await page.getByTestId('apply-parameters').click();
      expect(weights()).toEqual(before);
      await page.getByTestId('confirm-apply').click();
      await page.getByTestId('optimize-applied').waitFor();
      const applied = weights();
      expect(applied).toHaveLength(21);
      expect(applied).not.toEqual(before);
    }

    // Moving the exam date: the core stores it and the figures follow.
    const later = new Date(Date.now() + 35 * 86_400_000);
    const laterDate = `${later.getFullYear()}-${String(later.getMonth() + 1).padStart(2, '0')}-${String(later.getDate()).padStart(2, '0')}`;
    await page.getByTestId('exam-date').fill(laterDate);
    await expect.poll(() => page.getByTestId('days-left').innerText()).toBe('35 days to go');
    expect(inspect(collection.dbPath, (db) => db.prepare('SELECT exam_date FROM exam WHERE active = 1').pluck().get())).toBe(laterDate);

    // A practice test, by keyboard: 1–4 choose, Enter goes on.
    const before = schedules();
    await page.getByTestId('start-practice').click();
    await page.getByTestId('practice-questions').fill('6');
    expect(await page.getByTestId('practice-minutes').inputValue()).toBe('8');
    await page.getByTestId('practice-start').click();
    await page.getByTestId('practice-question').waitFor();
    expect(await page.getByTestId('practice-position').innerText()).toBe('Question 1 of 6');
    expect(await page.getByTestId('practice-timer').innerText()).toMatch(/^[78]:\d\d$/);
    expect(await page.getByTestId('practice-choices').locator('button').count()).toBeGreaterThanOrEqual(3);
    await page.keyboard.press('1');
    await page.getByTestId('practice-feedback').waitFor();
    expect(await isFocused(page.getByTestId('practice-next'))).toBe(true);
    await screenshotPage(page, 'practice', 0);

    for (let i = 2; i <= 6; i++) {
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('practice-position').innerText()).toBe(`Question ${i} of 6`);
      await page.keyboard.press(String(1 + (i % 3)));
      await page.getByTestId('practice-feedback').waitFor();
    }
    await page.keyboard.press('Enter');
    await page.getByTestId('practice-results').waitFor();
    await page.getByTestId('chart-practice-history').waitFor();
    expect(await page.getByTestId('practice-domains').locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await screenshotPage(page, 'practice-results', 1);

    // Practice answers are stored, but no card's schedule moved and no review was logged.
    const after = schedules();
    expect(after.practiceAnswers).toBe(before.practiceAnswers + 6);
    expect(after.reviews).toBe(before.reviews);
    expect(after.cards).toEqual(before.cards);

    // Back on the readiness page, the practice score shows beside predicted recall.
    await page.getByTestId('practice-done').click();
    await page.getByTestId('exam-figures').waitFor();
    await expect.poll(() => page.getByTestId('figure-practice').innerText()).toMatch(/of 6 right in the last 30 days/);

    expect(pageProblems(app)).toEqual([]);
  });

  test('speaks Dutch on a Dutch system, models included', async () => {
    app = await launchStratus({ dbPath: collection.dbPath, locale: 'nl-NL' });
    const page = app.page;
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await page.getByTestId('deck-row').first().waitFor();
    await page.getByTestId('nav-exam').click();
    await page.getByTestId('exam-figures').waitFor();
    expect(await page.getByTestId('nav-exam').innerText()).toBe('Examen');
    expect(await page.getByTestId('days-left').innerText()).toMatch(/^Nog \d+ dagen$/);
    expect(await page.getByTestId('exam-figures').locator('h3').innerText()).toMatch(/^Op de examendag, /);
    expect(await page.getByTestId('pass-model').textContent()).toMatch(/^De slaagkans gaat ervan uit/);
    expect(await page.getByTestId('uncovered').first().innerText()).toBe('Niet gedekt');
    const charts = await chartsDrawn(page, 'light', 2);
    await panelShots(page, 'readiness-nl', charts);
    await screenshotPage(page, 'readiness-nl', charts);
    expect(pageProblems(app)).toEqual([]);
  });
});
