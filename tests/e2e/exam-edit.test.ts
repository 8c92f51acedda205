// Editing the exam in the real built app: the name and pass mark, a domain renamed, re-weighted,
// moved and removed (after confirmation), a tag mapped to a domain; every change lands in the
// collection, and the readiness figures become the core's for the edited exam (tag mapping
// included). Saves screenshots of the edit panel in both themes (exam-edit-light/dark) and runs
// axe on it (no serious or critical violations).
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { getActiveExam } from '../../electron/core/exam/profile';
import { readinessReport } from '../../electron/core/exam/projection';
import Database from 'better-sqlite3';
import { launchStratus, type RunningApp } from './electron-standin';
import { axeSerious, inspect, pageProblems, SCREENSHOTS } from './helpers';
import { screenshotPage, seededCollectionForFile } from './historyHelpers';

let app: RunningApp | null = null;
const collection = seededCollectionForFile(async () => {
  await app?.close();
  app = null;
}, (file) => {
  // Tags on some notes, for the tag picker and the tag mapping.
  const db = new Database(file);
  db.prepare("UPDATE note SET tags = 'aws::security::iam' WHERE id IN (SELECT id FROM note ORDER BY id LIMIT 5)").run();
  db.close();
});

const percent = (x: number | null) => (x === null ? '—' : new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 }).format(x));

describe('editing the exam', () => {
  test('fields, domains and a tag mapping change the exam and its readiness', async () => {
    app = await launchStratus({ dbPath: collection.dbPath });
    const page = app.page;
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await page.getByTestId('deck-row').first().waitFor();
    await page.keyboard.press('x');
    await page.getByTestId('exam-figures').waitFor();

    await page.getByTestId('edit-exam').click();
    await page.getByTestId('exam-editor').waitFor();

    // Name and pass mark; a refused value is shown next to its field.
    await page.getByLabel('Name', { exact: true }).fill('My Cloud Practitioner');
    await page.getByLabel('Pass mark').fill('1200');
    await page.getByTestId('exam-edit-save').click();
    await expect.poll(() => page.locator('#exam-edit-passMark-error').textContent()).toBe('The pass mark must be a whole number from 1 to 1000.');
    await page.getByLabel('Pass mark').fill('720');
    await page.getByTestId('exam-edit-save').click();
    await expect.poll(() => page.getByTestId('exam-name').innerText()).toBe('My Cloud Practitioner');

    // A domain renamed and re-weighted (by keyboard: type, then Tab commits), moved up, and one removed after confirming.
    const name4 = page.getByLabel('Name of domain 4');
    await name4.fill('Billing and Pricing');
    await name4.press('Tab');
    await expect.poll(() => page.getByLabel('Name of domain 4').inputValue()).toBe('Billing and Pricing');
    const weight = page.getByLabel('Weight of Billing and Pricing');
    await weight.fill('22');
    await weight.press('Tab');
    await page.getByRole('button', { name: 'Move Billing and Pricing up' }).click();
    await expect.poll(() => page.getByLabel('Name of domain 3').inputValue()).toBe('Billing and Pricing');
    await page.getByLabel('New domain').fill('Networking');
    await page.getByLabel('Weight', { exact: true }).fill('5');
    await page.getByTestId('add-domain').click();
    await expect.poll(() => page.getByTestId('exam-edit-domain').count()).toBe(5);
    await page.getByTestId('exam-edit-domain').nth(4).getByTestId('domain-remove').click();
    await page.getByTestId('domain-remove-confirm').click();
    await expect.poll(() => page.getByTestId('exam-edit-domain').count()).toBe(4);

    // A tag from the collection mapped to the uncovered domain Cloud Technology and Services.
    await page.getByLabel('Tag', { exact: true }).fill('aws::security');
    await page.getByTestId('new-tag-domain').selectOption({ label: 'Cloud Technology and Services' });
    await page.getByTestId('map-tag').click();
    await page.getByLabel('Domain of the tag aws::security').waitFor();

    const exam = inspect(collection.dbPath, (db) => getActiveExam(db))!;
    expect(exam).toMatchObject({ name: 'My Cloud Practitioner', passMark: 720 });
    expect(exam.domains.map((d) => [d.name, d.weight])).toEqual([
      ['Cloud Concepts', 24],
      ['Security and Compliance', 30],
      ['Billing and Pricing', 22],
      ['Cloud Technology and Services', 34],
    ]);
    expect(exam.domains[3]!.tags).toEqual(['aws::security']);

    // The domain rows are the core's figures for the edited exam: the tagged cards cover a domain no deck feeds.
    const core = inspect(collection.dbPath, (db) => readinessReport(db, Date.now())).readiness!;
    const tech = core.perDomain.find((d) => d.domain === 'Cloud Technology and Services')!;
    expect(tech).toMatchObject({ covered: true, cards: 5 });
    await expect.poll(() => page.getByTestId('domain-row').nth(3).locator('.domain').innerText()).toBe('Cloud Technology and Services');
    expect(await page.getByTestId('domain-row').nth(3).locator('.pct').innerText()).toBe(percent(tech.predictedRecall));
    expect(await page.getByTestId('figure-recall').locator('.value').innerText()).toBe(percent(core.predictedRecall));

    // Both schemes, with the edit panel open.
    expect(await axeSerious(page, 'exam editor')).toEqual([]);
    await page.getByTestId('exam-edit').scrollIntoViewIfNeeded();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.getByTestId('exam-edit').screenshot({ path: join(SCREENSHOTS, `exam-edit-${colorScheme}.png`), animations: 'disabled' });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshotPage(page, 'exam-edit-page', 0);
    expect(pageProblems(app)).toEqual([]);
  });
});
