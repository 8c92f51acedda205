// When the collection cannot be opened, the real main process still opens its window, on the
// recovery screen: why (the core's sentence), where the file is, the backups beside it, and the ways
// out. No error box. A foreign file is left untouched when the user quits; a collection from a newer
// Stratus is pointed to an update first, and restoring a backup keeps the unusable file aside and
// opens the app on the backup's decks without a restart. The screen passes axe-core in both
// themes; screenshots recovery-{light,dark}.png (English) and recovery-{light,dark}-nl.png.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, expect, test } from 'vitest';
import { backup, backupsFolder } from '../../electron/core/backup';
import { openCollection, SCHEMA_VERSION } from '../../electron/core/db/collection';
import { parseDeckSource } from '../../electron/core/deckSource';
import { installDeckSource } from '../../electron/core/decks';
import { launchStratus, type RunningApp } from './electron-standin';
import { axeSerious, inspect, pageProblems, prepareCollection, screenshotBothSchemes, screenshotThemes, tempDir } from './helpers';

const dir = tempDir();
let app: RunningApp | null = null;
const a11y: string[] = [];

afterEach(async () => {
  await app?.close();
  app = null;
  // No serious or critical axe finding on the screen or its dialog.
  expect(a11y.splice(0)).toEqual([]);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function collectionIn(name: string, file = 'collection.stratus'): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  return join(folder, file);
}

/** A deck of three cards, so a restored backup shows by name in the deck list. */
function deckSource(id: string, name: string): string {
  return `---\nid: ${id}\nname: ${name}\n---\n## Basics\nWhat is S3? :: Object storage\nWhat is EC2? :: Virtual servers\nWhat is IAM? :: Identity and access\n`;
}

function countsOf(file: string): { cards: number; reviews: number } {
  return inspect(file, (db) => db.prepare('SELECT (SELECT count(*) FROM card) AS cards, (SELECT count(*) FROM review) AS reviews').get() as { cards: number; reviews: number });
}

const userVersion = (file: string) => inspect(file, (db) => db.pragma('user_version', { simple: true }) as number);

test('a file that is not a collection: the recovery screen in the system’s language, and Quit leaves the file untouched', async () => {
  const file = collectionIn('foreign', 'notes.txt');
  const content = 'my shopping list, not a flashcard collection\n'.repeat(20);
  writeFileSync(file, content);

  app = await launchStratus({ dbPath: file, locale: 'nl-NL' });
  const { page } = app;
  await page.getByTestId('recovery').waitFor();
  expect(app.standin.records.errorBoxes).toEqual([]);
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Stratus kan je verzameling niet openen');
  expect(await page.getByTestId('recovery-explanation').innerText()).toMatch(/^Het bestand waarin Stratus je verzameling bewaart, is geen Stratus-verzameling/);
  expect(await page.getByTestId('recovery-reason').innerText()).toBe(`${file}: is geen Stratus-verzameling (het is geen SQLite-database), dus er is niets aan veranderd.`);
  expect(await page.getByTestId('recovery-path').innerText()).toBe(file);
  expect(await page.getByTestId('recovery-no-backups').innerText()).toBe(`Er staan geen back-ups in ${backupsFolder(file)}, dus er is niets om terug te zetten.`);
  // Nothing of the normal app is reachable: no top bar, and the menu's commands do nothing.
  expect(await page.getByTestId('nav-decks').count()).toBe(0);
  a11y.push(...(await axeSerious(page, 'recovery, not a collection (nl)')));
  await screenshotThemes(page, 'recovery', 'nl');

  // Quit closes the page, possibly before playwright's click call has returned: that is the
  // expected outcome, so a "page closed" rejection of the click itself is not a failure.
  await page
    .getByTestId('recovery-quit')
    .click()
    .catch((err: Error) => {
      if (!/has been closed/.test(err.message)) throw err;
    });
  await app.standin.app.quitted;
  expect(app.standin.windows.every((w) => w.isDestroyed())).toBe(true);
  expect(readFileSync(file, 'utf8')).toBe(content);
  expect(readdirSync(join(dir, 'foreign'))).toEqual(['notes.txt']);
  expect(pageProblems(app)).toEqual([]);
});

test('a damaged file: the recovery screen says so and names SQLite’s reason', async () => {
  const file = collectionIn('damaged');
  const bytes = Buffer.alloc(20_000, 7);
  Buffer.from('SQLite format 3\0', 'latin1').copy(bytes);
  writeFileSync(file, bytes);

  app = await launchStratus({ dbPath: file });
  const { page } = app;
  await page.getByTestId('recovery').waitFor();
  expect(await page.getByTestId('recovery').getAttribute('data-problem')).toBe('damaged');
  expect(await page.getByTestId('recovery-explanation').innerText()).toBe('Your collection file is damaged, so Stratus can’t read it safely. Nothing in it was changed.');
  expect(await page.getByTestId('recovery-reason').innerText()).toBe(`${file}: is damaged (file is not a database).`);
  expect(app.standin.records.errorBoxes).toEqual([]);
  expect(readFileSync(file)).toEqual(bytes);
  expect(pageProblems(app)).toEqual([]);
});

test('a collection from a newer Stratus: update first; restoring a backup keeps the file aside and opens the app on the backup’s decks', async () => {
  const file = collectionIn('newer');
  const folder = backupsFolder(file);
  // Two backups of a collection with the built-in decks: the older one with one extra deck, the
  // newer one with a second.
  prepareCollection(file, {});
  const db = openCollection(file);
  installDeckSource(db, parseDeckSource(deckSource('kept', 'Kept in the older backup'), 'kept.md'), Date.now());
  const older = await backup(db, folder, Date.now() - 2 * 3_600_000);
  installDeckSource(db, parseDeckSource(deckSource('later', 'Added after it'), 'later.md'), Date.now());
  const newer = await backup(db, folder, Date.now() - 3_600_000);
  db.close();
  // Then a newer Stratus used the collection.
  const raw = new Database(file);
  raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  raw.close();
  const before = readFileSync(file);

  app = await launchStratus({ dbPath: file });
  const { page } = app;
  await page.getByTestId('recovery').waitFor();
  expect(app.standin.records.errorBoxes).toEqual([]);
  expect(await page.getByTestId('recovery').getAttribute('data-problem')).toBe('newer-version');
  expect(await page.getByTestId('recovery-explanation').innerText()).toBe(
    'Your collection was last used by a newer version of Stratus, and this version can’t read it. Nothing in it was changed.',
  );
  expect(await page.getByTestId('recovery-update').innerText()).toMatch(/^Update Stratus to open it/);
  expect(await page.getByTestId('recovery-reason').innerText()).toMatch(/: was written by a newer version of Stratus \(collection version \d+, this app reads up to \d+\); update Stratus to open it/);
  const rows = page.getByTestId('recovery-backup');
  expect(await rows.evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.file))).toEqual([newer.file, older.file]);
  const n = countsOf(older.path);
  const en = new Intl.NumberFormat('en');
  expect(await rows.nth(1).innerText()).toContain(`${en.format(n.cards)} cards · ${n.reviews === 1 ? '1 review' : `${en.format(n.reviews)} reviews`}`);
  await page.evaluate(() => window.scrollTo(0, 0));
  a11y.push(...(await axeSerious(page, 'recovery, newer version (en)')));
  await screenshotBothSchemes(page, 'recovery');

  // Restore the older backup: the confirmation says where the unusable file stays.
  await rows.nth(1).getByTestId('recovery-restore').click();
  const confirm = page.getByTestId('recovery-confirm');
  await confirm.waitFor();
  expect(await page.getByTestId('recovery-kept-aside').innerText()).toBe(
    `The file that can’t be opened is not deleted: it stays in ${join(dir, 'newer')}, renamed to “collection.stratus.unusable-” followed by the date and time.`,
  );
  a11y.push(...(await axeSerious(page, 'recovery confirmation')));
  await confirm.getByTestId('recovery-confirm-restore').click();

  // The app opens normally, on the backup's decks.
  await page.getByTestId('nav-decks').waitFor();
  await page.getByTestId('deck-row').filter({ hasText: 'Kept in the older backup' }).waitFor();
  expect(await page.getByTestId('deck-row').filter({ hasText: 'Added after it' }).count()).toBe(0);
  expect(await page.getByTestId('recovery').count()).toBe(0);
  const kept = (await page.getByTestId('recovery-notice-kept').innerText()).replace(/^The file that could not be opened is kept as (.*)\.$/, '$1');
  expect(kept).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.unusable-\\d{4}-\\d{2}-\\d{2}-\\d{6}-\\d{3}$`));
  // The newer Stratus's file is kept as it was; the collection is the backup, brought up to this app's schema.
  expect(readFileSync(kept)).toEqual(before);
  expect(userVersion(file)).toBe(SCHEMA_VERSION);
  expect(countsOf(file)).toEqual(n);
  // The normal start path ran: its automatic backup at start joins the two.
  await expect.poll(() => readdirSync(folder).filter((f) => f.endsWith('.stratus')).length, { timeout: 10_000 }).toBe(3);
  // And the normal handlers answer: a deck opens for study.
  await page.getByTestId('deck-row').filter({ hasText: 'Kept in the older backup' }).getByRole('button').first().click();
  await page.getByTestId('show-answer').waitFor();
  expect(app.standin.records.errorBoxes).toEqual([]);
  expect(pageProblems(app)).toEqual([]);
  expect(existsSync(kept)).toBe(true);
});
