// The native Open and Save dialogs of Import and Export. The sandboxed renderer never sees a path
// it did not get from here (or from a drop, via the preload): it asks main to show the dialog,
// attached to the app's window, and gets back what the user chose.
//
// Electron is reached only through the FileDialogs object in the handler context, so this file
// (and ipc.ts, which spreads these handlers) stays importable in plain Node for the unit tests.
import { dirname, join } from 'node:path';
import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { ExportFileFormat, UiLanguage } from '../../shared/contract';
import type { Handlers } from '../ipc';
import type { HandlerContext } from './context';

/** What the dialog handlers need from Electron: its two dialogs, already attached to the window. */
export interface FileDialogs {
  showOpen(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSave(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  /** Where the first dialog opens (the user's Documents folder). */
  defaultFolder(): string;
  /** The language the UI speaks, for the dialogs' titles and file-type names. */
  language(): UiLanguage;
}

/** Electron's dialog module, attached to the window that is open (a modal sheet on macOS). */
export function electronFileDialogs(deps: {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  window: () => BrowserWindow | null;
  defaultFolder: () => string;
  language: () => UiLanguage;
}): FileDialogs {
  const parent = () => {
    const w = deps.window();
    return w && !w.isDestroyed() ? w : null;
  };
  return {
    showOpen: (options) => {
      const w = parent();
      return w ? deps.dialog.showOpenDialog(w, options) : deps.dialog.showOpenDialog(options);
    },
    showSave: (options) => {
      const w = parent();
      return w ? deps.dialog.showSaveDialog(w, options) : deps.dialog.showSaveDialog(options);
    },
    defaultFolder: deps.defaultFolder,
    language: deps.language,
  };
}

interface DialogLabels {
  importTitle: string;
  importFolderTitle: string;
  importButton: string;
  exportTitle: string;
  exportButton: string;
  allSupported: string;
  markdown: string;
  delimited: string;
  apkg: string;
  json: string;
  allFiles: string;
  formats: Record<ExportFileFormat, string>;
}

/** Main has no i18next; the type keeps both languages complete (as menu.ts does). */
const LABELS: Record<UiLanguage, DialogLabels> = {
  en: {
    importTitle: 'Import into Stratus',
    importFolderTitle: 'Import a folder of notes',
    importButton: 'Import',
    exportTitle: 'Export deck',
    exportButton: 'Export',
    allSupported: 'Notes and flashcards',
    markdown: 'Markdown notes',
    delimited: 'CSV and TSV text',
    apkg: 'Anki packages',
    json: 'Stratus exports',
    allFiles: 'All files',
    formats: { json: 'Stratus JSON', csv: 'CSV text', tsv: 'TSV text', apkg: 'Anki package' },
  },
  nl: {
    importTitle: 'Importeren in Stratus',
    importFolderTitle: 'Een map met aantekeningen importeren',
    importButton: 'Importeren',
    exportTitle: 'Deck exporteren',
    exportButton: 'Exporteren',
    allSupported: 'Aantekeningen en flashcards',
    markdown: 'Markdown-aantekeningen',
    delimited: 'CSV- en TSV-tekst',
    apkg: 'Anki-pakketten',
    json: 'Stratus-exports',
    allFiles: 'Alle bestanden',
    formats: { json: 'Stratus-JSON', csv: 'CSV-tekst', tsv: 'TSV-tekst', apkg: 'Anki-pakket' },
  },
};

/** The extensions the importers read (electron/core/import/read.ts). */
export const IMPORT_EXTENSIONS = ['md', 'markdown', 'txt', 'csv', 'tsv', 'apkg', 'json'] as const;

/** Characters no file system accepts in a name (Windows is the strictest), and control characters. */
const UNSAFE_NAME = /[<>:"/\\|?*\u0000-\u001f]+/g;

/** A file name from a deck name: "AWS::Security" → "AWS - Security". */
export function exportFileName(deckName: string, format: ExportFileFormat): string {
  const name = deckName
    .replace(/::/g, ' - ')
    .replace(UNSAFE_NAME, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 120)
    .trim();
  return `${name || 'Stratus deck'}.${format}`;
}

export function dialogHandlers(ctx: HandlerContext) {
  // The folder of the last file chosen, so the next dialog opens there (as most apps do).
  let lastFolder: string | null = null;
  const dialogs = (): FileDialogs => {
    if (!ctx.dialogs) throw new Error('file dialogs are not available in this process');
    return ctx.dialogs;
  };

  return {
    chooseImportFiles: async ({ folder }): Promise<string[]> => {
      const d = dialogs();
      const L = LABELS[d.language()];
      // Windows and Linux cannot offer files and folders in one dialog, so a folder is its own choice.
      const result = await d.showOpen(
        folder
          ? { title: L.importFolderTitle, buttonLabel: L.importButton, defaultPath: lastFolder ?? d.defaultFolder(), properties: ['openDirectory', 'multiSelections'] }
          : {
              title: L.importTitle,
              buttonLabel: L.importButton,
              defaultPath: lastFolder ?? d.defaultFolder(),
              properties: ['openFile', 'multiSelections'],
              filters: [
                { name: L.allSupported, extensions: [...IMPORT_EXTENSIONS] },
                { name: L.markdown, extensions: ['md', 'markdown', 'txt'] },
                { name: L.delimited, extensions: ['csv', 'tsv', 'txt'] },
                { name: L.apkg, extensions: ['apkg'] },
                { name: L.json, extensions: ['json'] },
                { name: L.allFiles, extensions: ['*'] },
              ],
            },
      );
      if (result.canceled || result.filePaths.length === 0) return [];
      lastFolder = dirname(result.filePaths[0]!); // a chosen folder's parent, a chosen file's folder
      return result.filePaths;
    },
    chooseExportFile: async ({ format, deckName }): Promise<string | null> => {
      const d = dialogs();
      const L = LABELS[d.language()];
      const result = await d.showSave({
        title: L.exportTitle,
        buttonLabel: L.exportButton,
        defaultPath: join(lastFolder ?? d.defaultFolder(), exportFileName(deckName, format)),
        filters: [{ name: L.formats[format], extensions: [format] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (result.canceled || !result.filePath) return null;
      lastFolder = dirname(result.filePath);
      return result.filePath;
    },
  } satisfies Partial<Handlers>;
}
