// Import and export through the real built app (main + preload + renderer): File → Import… and the
// deck list's buttons with Electron's Open dialog (answered by the stand-in), files dragged onto the
// window, the preview (nothing written), the import, its summary and the deck list; a second import
// that changes nothing; a bad file's sentence with the collection untouched; and Export from a deck
// row and from File → Export…, with the Save dialog. Checks the collection file along the way and
// saves screenshots of the preview, the summary and the export dialog in light and dark.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { IMPORT_PROGRESS_CHANNEL, type ImportProgress } from '../../electron/shared/contract';
import { dragFiles, launchStratus, REPO_ROOT, type RunningApp } from './electron-standin';
import { BUILTIN_DECK, inspect, isFocused, pageProblems, screenshotBothSchemes, tempDir } from './helpers';

// A study note (tests/unit/fixtures/notes: a copy of ../shared/seeds; 24 cards, 1 skipped line) and a CSV with Anki's header lines
// and one row with too many columns.
const SEED = join(REPO_ROOT, 'tests/unit/fixtures/notes/003_9b584a1210178e5e.txt');
const NOTE_DECK = 'Shared Responsibility Model';
const CSV_DECK = 'AWS Core Services';
const CSV = [
  '#separator:comma',
  '#html:false',
  `#deck:${CSV_DECK}`,
  '#columns:Front,Back,Tags',
  'Amazon EC2,Virtual servers in the cloud,compute',
  'Amazon S3,Object storage with eleven nines of durability,storage',
  'Amazon RDS,"Managed relational databases (MySQL, PostgreSQL and more)",database',
  'AWS Lambda,Run code without managing servers,compute serverless',
  'Amazon VPC,An isolated virtual network,networking,extra,columns',
  'Amazon CloudFront,Content delivery network with edge locations,networking',
  '',
].join('\n');

let dir: string;
let files: string;
let notePath: string;
let csvPath: string;
let app: RunningApp | null = null;

beforeAll(() => {
  dir = tempDir();
  files = join(dir, 'course');
  mkdirSync(files);
  notePath = join(files, 'shared-responsibility.md');
  copyFileSync(SEED, notePath);
  csvPath = join(dir, 'aws-core-services.csv');
  writeFileSync(csvPath, CSV);
});

afterEach(async () => {
  await app?.close();
  app = null;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// axe-core goes in through the DevTools protocol (page.evaluate), which the page's CSP does not govern.
const AXE_SOURCE = readFileSync(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Serious or critical accessibility problems on the page as it is now (rule: nodes). */
async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: unknown[]; failureSummary?: string }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<Result> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${(n.failureSummary ?? '').replace(/\s+/g, ' ')})`).join(', ')}`);
  });
}

const deckRow = (page: Page, name: string) => page.getByTestId('deck-row').filter({ has: page.getByRole('button', { name, exact: true }) });
const countValue = (page: Page, filter: string) => page.getByTestId(`count-${filter}`).locator('.value').innerText();

/** What the collection holds: a change to any of these is a write. */
function totals(dbPath: string) {
  return inspect(dbPath, (db) => ({
    decks: (db.prepare('SELECT count(*) AS n FROM deck').get() as { n: number }).n,
    notes: (db.prepare('SELECT count(*) AS n FROM note').get() as { n: number }).n,
    cards: (db.prepare('SELECT count(*) AS n FROM card').get() as { n: number }).n,
    reviews: (db.prepare('SELECT count(*) AS n FROM review').get() as { n: number }).n,
    changed: (db.prepare('SELECT max(updated_at) AS t FROM note').get() as { t: number | null }).t,
  }));
}

function deckCards(dbPath: string, name: string): number {
  return inspect(dbPath, (db) => (db.prepare('SELECT count(*) AS n FROM card JOIN deck ON deck.id = card.deck_id WHERE deck.name = ?').get(name) as { n: number }).n);
}

/** The preview is up: counts shown and the Import button there. */
async function previewShown(page: Page): Promise<void> {
  await page.getByTestId('import-apply').waitFor();
  await page.getByTestId('count-all').waitFor();
}

describe('import', () => {
  test('a Markdown note and a CSV through the Open dialog: preview, import, summary, deck list; again: unchanged', async () => {
    const dbPath = join(dir, 'import.stratus');
    app = await launchStratus({ dbPath });
    const { page, standin } = app;
    await deckRow(page, BUILTIN_DECK).waitFor();
    const before = totals(dbPath);

    // File → Import…: the Open dialog, attached to the window, offering the files Stratus reads.
    standin.fileDialogs.queueOpen([notePath]);
    await standin.clickMenu('File', 'Import…');
    await previewShown(page);
    const open = standin.fileDialogs.calls[0]!;
    expect(open).toMatchObject({ kind: 'open', attached: true, options: { properties: ['openFile', 'multiSelections'] } });
    expect(JSON.stringify(open.options.filters)).toContain('"md"');

    // The preview: every card the note makes, the skipped line with its reason, the deck it names.
    const dialog = page.getByTestId('import-dialog');
    expect(await dialog.getByRole('heading', { level: 2 }).innerText()).toBe('Import');
    expect(await countValue(page, 'add')).toBe('24');
    expect(await countValue(page, 'update')).toBe('0');
    expect(await countValue(page, 'unchanged')).toBe('0');
    expect(await countValue(page, 'skip')).toBe('1');
    expect(await page.getByTestId('import-row').count()).toBe(25);
    expect(await page.getByTestId('import-row').filter({ hasText: 'Patch Management' }).count()).toBeGreaterThan(0);
    const skipped = page.locator('[data-testid="import-row"][data-action="skip"]');
    expect(await skipped.locator('td.col-source').textContent()).toMatch(/^\s*shared-responsibility\.md:\d+\s*$/);
    expect(await page.getByTestId('import-deck').inputValue()).toBe(NOTE_DECK);
    expect(await page.getByTestId('import-deck-hint').innerText()).toContain('A new deck');
    expect(await page.getByTestId('import-apply').innerText()).toBe('Import 24 cards');
    expect(await isFocused(page.getByTestId('import-apply'))).toBe(true);
    // Nothing is written before Import.
    expect(totals(dbPath)).toEqual(before);
    expect(await axeProblems(page)).toEqual([]); // before the screenshots: their theme switch animates the buttons
    await screenshotBothSchemes(page, 'import-preview');

    // Import: one transaction, then the summary.
    await page.keyboard.press('Enter');
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('summary-deck').innerText()).toBe(`Imported into ${NOTE_DECK}`);
    expect(await page.getByTestId('summary-added').innerText()).toBe('24');
    expect(await page.getByTestId('summary-skipped').innerText()).toBe('1');
    expect(await isFocused(page.getByTestId('import-study'))).toBe(true);
    expect(deckCards(dbPath, NOTE_DECK)).toBe(24);
    // Main told the window how far the import was, up to all of its notes.
    const progress = standin.records.sent.filter((m) => m.channel === IMPORT_PROGRESS_CHANNEL).map((m) => m.args[0] as ImportProgress);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    expect(progress.at(-1)!.total).toBeGreaterThan(0);
    expect(await axeProblems(page)).toEqual([]); // before the screenshots: their theme switch animates the buttons
    await screenshotBothSchemes(page, 'import-summary');
    await page.keyboard.press('Escape');
    await page.getByTestId('import-dialog').waitFor({ state: 'detached' });
    await deckRow(page, NOTE_DECK).waitFor();
    expect(await deckRow(page, NOTE_DECK).innerText()).toContain('24 cards');

    // A CSV from the deck list's Import… button: the good rows, and the bad one with its line.
    standin.fileDialogs.queueOpen([csvPath]);
    await page.getByTestId('import-files').click();
    await previewShown(page);
    expect(await countValue(page, 'add')).toBe('5');
    expect(await countValue(page, 'skip')).toBe('1');
    await page.getByTestId('count-skip').click();
    await expect.poll(() => page.getByTestId('import-row').count()).toBe(1);
    expect(await page.getByTestId('import-row').locator('td.col-source').textContent()).toMatch(/aws-core-services\.csv:9/);
    expect(await page.getByTestId('skip-reason').innerText()).toContain('5 columns');
    expect(await page.getByTestId('import-deck').inputValue()).toBe(CSV_DECK);
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('summary-added').innerText()).toBe('5');
    await page.getByTestId('import-close').click();
    await deckRow(page, CSV_DECK).waitFor();
    expect(deckCards(dbPath, CSV_DECK)).toBe(5);

    // The same note again: everything unchanged, nothing to import, nothing written.
    const imported = totals(dbPath);
    standin.fileDialogs.queueOpen([notePath]);
    await standin.clickMenu('File', 'Import…');
    await previewShown(page);
    expect(await countValue(page, 'unchanged')).toBe('24');
    expect(await countValue(page, 'add')).toBe('0');
    expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);
    expect(await page.getByTestId('import-nothing').innerText()).toBe('Everything in these files is already in your collection.');
    expect(await page.locator('[data-testid="import-row"][data-action="unchanged"]').count()).toBe(24);
    await page.keyboard.press('Escape');
    await page.getByTestId('import-dialog').waitFor({ state: 'detached' });
    expect(totals(dbPath)).toEqual(imported);
    expect(standin.fileDialogs.pending).toBe(0);
    expect(pageProblems(app)).toEqual([]);
  });

  test('a file that can’t be imported: the core’s sentence naming it, and the collection as it was', async () => {
    const dbPath = join(dir, 'bad.stratus');
    const broken = join(dir, 'broken.apkg');
    writeFileSync(broken, 'this is not a zip file at all');
    app = await launchStratus({ dbPath });
    const { page, standin } = app;
    await deckRow(page, BUILTIN_DECK).waitFor();
    const before = totals(dbPath);

    standin.fileDialogs.queueOpen([broken]);
    await standin.clickMenu('File', 'Import…');
    await page.getByTestId('import-error').waitFor();
    const message = await page.getByTestId('import-error-message').innerText();
    expect(message).toContain('broken.apkg');
    expect(message).toMatch(/[.]$/);
    expect(await page.getByTestId('import-error').getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('import-apply').count()).toBe(0);
    expect(await isFocused(page.getByTestId('import-choose'))).toBe(true);
    await screenshotBothSchemes(page, 'import-error');
    expect(totals(dbPath)).toEqual(before);
    await page.getByTestId('import-close').click();
    await page.getByTestId('import-dialog').waitFor({ state: 'detached' });
    expect(pageProblems(app)).toEqual([]);
  });

  test('in the Dutch UI, the core’s sentence about a file is in Dutch (and still names it)', async () => {
    const dbPath = join(dir, 'dutch.stratus');
    app = await launchStratus({ dbPath, locale: 'nl-NL' });
    const { page } = app;
    await deckRow(page, BUILTIN_DECK).waitFor();
    // The error crosses IPC and the preload as English with a message id; the page says it in Dutch.
    const ghost = join(dir, 'weg.md');
    await dragFiles(page, [ghost], 'drop');
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error-message').innerText()).toBe(`${ghost}: dit bestand of deze map bestaat niet.`);
    await page.getByTestId('import-close').click();
    await page.getByTestId('import-dialog').waitFor({ state: 'detached' });
    expect(pageProblems(app)).toEqual([]);
  });

  test('files and folders dropped on the window: the drop target, the preview, and Study', async () => {
    const dbPath = join(dir, 'drop.stratus');
    app = await launchStratus({ dbPath });
    const { page } = app;
    await deckRow(page, BUILTIN_DECK).waitFor();

    // A folder dragged over the window shows where it will go; dropped, it is read recursively.
    await dragFiles(page, [files], 'over');
    await page.getByTestId('drop-overlay').waitFor();
    expect(await page.getByTestId('drop-overlay').innerText()).toContain('Drop to import');
    await screenshotBothSchemes(page, 'import-drop');
    await dragFiles(page, [files], 'leave');
    await page.getByTestId('drop-overlay').waitFor({ state: 'detached' });

    // Main checks dropped paths again: one that is not there is named in the sentence, nothing changes.
    const ghost = join(dir, 'moved-away.md');
    await dragFiles(page, [ghost], 'drop');
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error-message').innerText()).toBe(`${ghost}: there is no such file or folder.`);
    await page.getByTestId('import-close').click();
    await page.getByTestId('import-dialog').waitFor({ state: 'detached' });

    await dragFiles(page, [files, csvPath], 'drop');
    await previewShown(page);
    expect(await page.getByTestId('drop-overlay').count()).toBe(0);
    expect(await countValue(page, 'add')).toBe('29');
    // Two decks named in the files: the field is empty until the user types one.
    expect(await page.getByTestId('import-deck').inputValue()).toBe('');
    expect(await page.getByTestId('import-deck-hint').innerText()).toContain('The files name 2 decks');

    // Typing a deck puts every new card there (planned again, still nothing written).
    await page.getByTestId('import-deck').fill('Cloud Practitioner');
    await page.getByTestId('import-deck').press('Enter');
    await expect.poll(() => page.getByTestId('import-deck-hint').innerText()).toContain('A new deck');
    expect(deckCards(dbPath, 'Cloud Practitioner')).toBe(0);
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('summary-deck').innerText()).toBe('Imported into Cloud Practitioner');
    expect(deckCards(dbPath, 'Cloud Practitioner')).toBe(29);

    await page.getByTestId('import-study').click();
    await page.getByTestId('card-front').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Cloud Practitioner');
    expect(pageProblems(app)).toEqual([]);
  });
});

describe('export', () => {
  test('a deck row’s Export to CSV, and File → Export… to .apkg and Stratus JSON that imports back unchanged', async () => {
    const dbPath = join(dir, 'export.stratus');
    const out = join(dir, 'exports');
    mkdirSync(out);
    app = await launchStratus({ dbPath });
    const { page, standin } = app;
    await deckRow(page, BUILTIN_DECK).waitFor();
    const total = deckCards(dbPath, BUILTIN_DECK);
    expect(total).toBeGreaterThan(0);

    await deckRow(page, BUILTIN_DECK).getByTestId(/^export-\d+$/).click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    expect(await page.getByTestId('export-deck').locator('option:checked').innerText()).toContain(BUILTIN_DECK);
    await page.getByTestId('export-format-csv').check();
    expect(await axeProblems(page)).toEqual([]); // before the screenshots: their theme switch animates the buttons
    await screenshotBothSchemes(page, 'export');

    const csv = join(out, 'shared.csv');
    standin.fileDialogs.queueSave(csv);
    await page.getByTestId('export-save').click();
    await page.getByTestId('export-done').waitFor();
    const save = standin.fileDialogs.calls.at(-1)!;
    expect(save).toMatchObject({ kind: 'save', attached: true, options: { filters: [{ extensions: ['csv'] }] } });
    expect(String(save.options.defaultPath)).toMatch(/AWS Shared Responsibility Model\.csv$/);
    expect(await page.getByTestId('export-path').innerText()).toBe(csv);
    expect(await page.getByTestId('export-done').innerText()).toContain(`${BUILTIN_DECK}: ${total} cards exported.`);
    expect(readFileSync(csv, 'utf8')).toMatch(/^#separator:comma/);
    expect(await isFocused(page.getByTestId('export-close'))).toBe(true);
    await screenshotBothSchemes(page, 'export-done');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });

    // File → Export…: .apkg (a zip Anki opens), then a cancelled Save dialog changes nothing.
    const apkg = join(out, 'shared.apkg');
    await standin.clickMenu('File', 'Export…');
    await page.getByTestId('export-format-apkg').check();
    expect(await page.getByTestId('export-scheduling').isChecked()).toBe(true);
    standin.fileDialogs.queueSave(apkg);
    await page.getByTestId('export-save').click();
    await page.getByTestId('export-done').waitFor();
    expect(readFileSync(apkg).subarray(0, 2).toString()).toBe('PK');
    await page.getByTestId('export-close').click();

    await standin.clickMenu('File', 'Export…');
    await page.getByTestId('export-format-json').check();
    await page.getByTestId('export-save').click(); // nothing queued: the user cancels the Save dialog
    await expect.poll(() => page.getByTestId('export-save').isDisabled()).toBe(false);
    expect(await page.getByTestId('export-done').count()).toBe(0);
    const json = join(out, 'shared.json');
    standin.fileDialogs.queueSave(json);
    await page.getByTestId('export-save').click();
    await page.getByTestId('export-done').waitFor();
    expect(existsSync(json)).toBe(true);
    await page.getByTestId('export-close').click();

    // Exported and imported back: the same cards, all unchanged.
    standin.fileDialogs.queueOpen([json]);
    await standin.clickMenu('File', 'Import…');
    await previewShown(page);
    expect(await countValue(page, 'unchanged')).toBe(String(total));
    expect(await countValue(page, 'add')).toBe('0');
    await page.getByTestId('import-cancel').click();
    expect(pageProblems(app)).toEqual([]);
  });
});
