// When the collection cannot be opened, the real main process tells the user why in an error box,
// opens no window, quits, and leaves the file alone.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { launchStratus, type RunningApp } from './electron-standin';
import { tempDir } from './helpers';

const dir = tempDir();
let app: RunningApp | null = null;

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a file that is not a collection: an error box, no window, quit, file untouched', async () => {
  const file = join(dir, 'notes.txt');
  const content = 'my shopping list, not a flashcard collection\n'.repeat(20);
  writeFileSync(file, content);

  app = await launchStratus({ dbPath: file });
  expect(app.window).toBeNull();
  expect(app.standin.windows).toHaveLength(0);
  expect(app.standin.app.quitCount).toBeGreaterThanOrEqual(1);
  expect(app.standin.records.errorBoxes).toHaveLength(1);
  const [box] = app.standin.records.errorBoxes;
  expect(box!.title).toBe('Stratus can’t open your collection');
  expect(box!.content).toContain(file);
  expect(box!.content).toMatch(/is not a Stratus collection.*left untouched\.$/);
  expect(readFileSync(file, 'utf8')).toBe(content);
});
