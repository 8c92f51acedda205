// The native Open/Save dialogs of Import and Export (electron/main/handlers/dialogs.ts), with a
// recording stand-in for Electron's dialog module; and the import progress main reports.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import { dialogHandlers, electronFileDialogs, exportFileName, type FileDialogs } from '../../electron/main/handlers/dialogs';
import { transferHandlers } from '../../electron/main/handlers/transfer';
import { argSchemas } from '../../electron/shared/schemas';
import type { ImportProgress, UiLanguage } from '../../electron/shared/contract';
import { sampleCollection } from './helpers';

const NOW = Date.parse('2026-11-23T09:00:00Z');

class RecordingDialogs implements FileDialogs {
  opens: OpenDialogOptions[] = [];
  saves: SaveDialogOptions[] = [];
  openAnswers: { canceled: boolean; filePaths: string[] }[] = [];
  saveAnswers: { canceled: boolean; filePath?: string }[] = [];
  lang: UiLanguage = 'en';
  async showOpen(options: OpenDialogOptions) {
    this.opens.push(options);
    return this.openAnswers.shift() ?? { canceled: true, filePaths: [] };
  }
  async showSave(options: SaveDialogOptions) {
    this.saves.push(options);
    return this.saveAnswers.shift() ?? { canceled: true, filePath: '' };
  }
  defaultFolder() {
    return '/home/sam/Documents';
  }
  language() {
    return this.lang;
  }
}

function setup() {
  const { db, study, clock } = sampleCollection(NOW);
  const dialogs = new RecordingDialogs();
  return { db, dialogs, h: dialogHandlers({ db, study, now: clock.read, dialogs }) };
}

describe('the Open dialog of Import', () => {
  it('offers the files the importers read, several at once, and returns what was chosen', async () => {
    const { h, dialogs } = setup();
    dialogs.openAnswers.push({ canceled: false, filePaths: ['/home/sam/notes/a.md', '/home/sam/notes/b.csv'] });
    expect(await h.chooseImportFiles({})).toEqual(['/home/sam/notes/a.md', '/home/sam/notes/b.csv']);
    const options = dialogs.opens[0]!;
    expect(options.properties).toEqual(['openFile', 'multiSelections']);
    expect(options.defaultPath).toBe('/home/sam/Documents');
    expect(options.title).toBe('Import into Stratus');
    expect(options.filters![0]).toEqual({ name: 'Notes and flashcards', extensions: ['md', 'markdown', 'txt', 'csv', 'tsv', 'apkg', 'json'] });
    expect(options.filters!.at(-1)).toEqual({ name: 'All files', extensions: ['*'] });
    // Electron wants bare extensions.
    for (const ext of options.filters!.flatMap((f) => f.extensions)) expect(ext).toMatch(/^(\*|[a-z0-9]+)$/);

    // The next dialog opens where the last files were; a cancelled one returns nothing.
    expect(await h.chooseImportFiles({})).toEqual([]);
    expect(dialogs.opens[1]!.defaultPath).toBe('/home/sam/notes');
  });

  it('chooses folders on its own (Windows and Linux cannot offer both), in the UI’s language', async () => {
    const { h, dialogs } = setup();
    dialogs.lang = 'nl';
    dialogs.openAnswers.push({ canceled: false, filePaths: ['/home/sam/notes'] });
    expect(await h.chooseImportFiles({ folder: true })).toEqual(['/home/sam/notes']);
    expect(dialogs.opens[0]).toMatchObject({ title: 'Een map met aantekeningen importeren', buttonLabel: 'Importeren', properties: ['openDirectory', 'multiSelections'] });
    expect(dialogs.opens[0]!.filters).toBeUndefined();
  });
});

describe('the Save dialog of Export', () => {
  it('proposes "<deck>.<format>" with that format’s filter, and returns the path or null', async () => {
    const { h, dialogs } = setup();
    dialogs.saveAnswers.push({ canceled: false, filePath: '/home/sam/exports/AWS - Security.apkg' });
    expect(await h.chooseExportFile({ format: 'apkg', deckName: 'AWS::Security' })).toBe('/home/sam/exports/AWS - Security.apkg');
    expect(dialogs.saves[0]).toMatchObject({
      title: 'Export deck',
      defaultPath: '/home/sam/Documents/AWS - Security.apkg',
      filters: [{ name: 'Anki package', extensions: ['apkg'] }],
    });
    // Cancelled (Electron gives '' as the path): null. The next one starts in the last folder.
    expect(await h.chooseExportFile({ format: 'csv', deckName: 'Networking' })).toBeNull();
    expect(dialogs.saves[1]!.defaultPath).toBe('/home/sam/exports/Networking.csv');
  });

  it('makes file names every system accepts from deck names', () => {
    expect(exportFileName('AWS::Security', 'json')).toBe('AWS - Security.json');
    expect(exportFileName('What? <Why>: "this"/that', 'csv')).toBe('What Why this that.csv');
    expect(exportFileName('...', 'tsv')).toBe('Stratus deck.tsv');
    expect(exportFileName('Gedeeldeverantwoordelijkheidsmodel', 'apkg')).toBe('Gedeeldeverantwoordelijkheidsmodel.apkg');
    expect(exportFileName('x'.repeat(500), 'json')).toBe(`${'x'.repeat(120)}.json`);
  });
});

describe('dialogs and Electron', () => {
  it('attaches the dialogs to the window while there is one', async () => {
    const calls: unknown[][] = [];
    const window = { isDestroyed: () => false };
    let current: typeof window | null = window;
    const dialogs = electronFileDialogs({
      dialog: {
        showOpenDialog: (async (...args: unknown[]) => (calls.push(args), { canceled: true, filePaths: [] })) as never,
        showSaveDialog: (async (...args: unknown[]) => (calls.push(args), { canceled: true, filePath: '' })) as never,
      },
      window: () => current as never,
      defaultFolder: () => '/docs',
      language: () => 'en',
    });
    await dialogs.showOpen({ title: 'a' });
    current = null;
    await dialogs.showSave({ title: 'b' });
    expect(calls).toEqual([[window, { title: 'a' }], [{ title: 'b' }]]);
  });

  it('says so when the process has no dialogs', async () => {
    const { db, study, clock } = sampleCollection(NOW);
    await expect(dialogHandlers({ db, study, now: clock.read }).chooseImportFiles({})).rejects.toThrow(/not available/);
  });

  it('accepts well-formed requests and refuses the rest', () => {
    expect(argSchemas.chooseImportFiles.safeParse([{}]).success).toBe(true);
    expect(argSchemas.chooseImportFiles.safeParse([{ folder: true }]).success).toBe(true);
    expect(argSchemas.chooseImportFiles.safeParse([{ folder: 'yes' }]).success).toBe(false);
    expect(argSchemas.chooseImportFiles.safeParse([{ path: '/etc' }]).success).toBe(false);
    expect(argSchemas.chooseExportFile.safeParse([{ format: 'csv', deckName: 'AWS' }]).success).toBe(true);
    expect(argSchemas.chooseExportFile.safeParse([{ format: 'exe', deckName: 'AWS' }]).success).toBe(false);
    expect(argSchemas.chooseExportFile.safeParse([{ format: 'csv' }]).success).toBe(false);
  });
});

describe('import progress', () => {
  it('reaches the window while the import is written', async () => {
    const { db, study, clock } = sampleCollection(NOW);
    const dir = mkdtempSync(join(tmpdir(), 'stratus-progress-'));
    const path = join(dir, 'terms.csv');
    writeFileSync(path, Array.from({ length: 2500 }, (_, i) => `Question ${i},Answer ${i}`).join('\n'));
    const seen: ImportProgress[] = [];
    const h = transferHandlers({ db, study, now: clock.read, importProgress: (p) => seen.push(p) });
    const preview = await h.previewImport({ paths: [path], deck: 'Terms' });
    expect(seen).toEqual([]); // planning writes nothing and reports nothing
    await h.applyImport({ previewId: preview.previewId });
    expect(seen).toEqual([
      { done: 1000, total: 2500 },
      { done: 2000, total: 2500 },
      { done: 2500, total: 2500 },
    ]);
  });
});
