// Files from the user's disk, stood in: Electron's Open and Save dialogs answer with paths the test
// queued (or are cancelled, like a user pressing Esc, when none is queued), and a drag of files
// onto the window is acted out in the page with real DragEvents whose Files the preload's
// webUtils.getPathForFile maps back to their paths (see preloadScript in ./standin.ts).
//
// Limits: no dialog is drawn, so what the dialog shows (title, filters, default path) is only
// recorded in `calls` for the test to check; the dragged Files are empty stand-ins named like the
// paths (the app reads the paths in main, never the Files' bytes).
import { basename } from 'node:path';
import type { Page } from 'playwright-core';

/** The window hook the preload wrapper defines for dragFiles. */
export const DRAG_HOOK = '__stratusDrag';

export interface DialogCall {
  kind: 'open' | 'save';
  options: Record<string, unknown>;
  /** The dialog was attached to a window (modal), as Stratus asks. */
  attached: boolean;
}

type DialogArgs = [options: unknown] | [window: unknown, options: unknown];

export class FileDialogStandin {
  readonly calls: DialogCall[] = [];
  readonly #open: (string[] | null)[] = [];
  readonly #save: (string | null)[] = [];

  constructor(private readonly fail: (message: string) => void) {}

  /** The next Open dialog chooses these paths; null: the user cancels it. */
  queueOpen(paths: string[] | null): void {
    this.#open.push(paths);
  }

  /** The next Save dialog saves to this path; null: the user cancels it. */
  queueSave(path: string | null): void {
    this.#save.push(path);
  }

  /** Answers still queued (a test that queued more than the app asked for left some). */
  get pending(): number {
    return this.#open.length + this.#save.length;
  }

  showOpenDialog(...args: DialogArgs): Promise<{ canceled: boolean; filePaths: string[] }> {
    this.#record('open', args);
    const paths = this.#open.shift() ?? null;
    return Promise.resolve(paths && paths.length ? { canceled: false, filePaths: [...paths] } : { canceled: true, filePaths: [] });
  }

  showSaveDialog(...args: DialogArgs): Promise<{ canceled: boolean; filePath: string }> {
    this.#record('save', args);
    const path = this.#save.shift() ?? null;
    // Electron gives '' as the path of a cancelled Save dialog.
    return Promise.resolve(path ? { canceled: false, filePath: path } : { canceled: true, filePath: '' });
  }

  #record(kind: 'open' | 'save', args: DialogArgs): void {
    const options = (args.length === 2 ? args[1] : args[0]) as Record<string, unknown> | undefined;
    if (!options || typeof options !== 'object') {
      this.fail(`dialog.show${kind === 'open' ? 'Open' : 'Save'}Dialog was called without options`);
      return;
    }
    // Electron wants bare extensions ('md', or '*' for all files), never '.md' or '*.md'.
    const filters = (options.filters ?? []) as { extensions?: string[] }[];
    for (const ext of filters.flatMap((f) => f.extensions ?? [])) {
      if (ext !== '*' && !/^[a-z0-9]+$/i.test(ext)) this.fail(`dialog filter extension "${ext}" is not a bare extension`);
    }
    this.calls.push({ kind, options: structuredClone(options), attached: args.length === 2 && args[0] != null });
  }
}

/**
 * Drags files and folders from disk onto the window's page, as a user would from a file manager:
 * 'over' fires dragenter and dragover (the app shows its drop target), 'leave' fires dragleave,
 * 'drop' fires dragenter, dragover and drop. The events carry a DataTransfer of Files named like
 * the paths; webUtils.getPathForFile gives each File's path.
 */
export async function dragFiles(page: Page, paths: readonly string[], phase: 'over' | 'leave' | 'drop' = 'drop'): Promise<void> {
  const entries = paths.map((path) => ({ name: basename(path), path }));
  await page.evaluate(
    ([hook, p, e]) => {
      const drag = (globalThis as Record<string, unknown>)[hook];
      if (typeof drag !== 'function') throw new Error('electron stand-in: the page has no preload (drag hook missing)');
      drag(p, e);
    },
    [DRAG_HOOK, phase, entries] as const,
  );
}
