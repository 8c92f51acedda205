// The import flow of the app: files chosen (Open dialog, menu, drop) → main reads and plans them →
// a preview the user checks (what would be added, updated, left unchanged or skipped, and where)
// → Import writes it in one transaction → a summary. Nothing is written before Import; Cancel
// drops the plan main keeps. Components only render this state and call its methods.
import type {
  ImportPreview,
  ImportPreviewRow,
  ImportProgress,
  ImportResult,
  ImportRowAction,
  StratusApi,
} from '../../../../electron/shared/contract';
import { errorMessage } from '../format';

/**
 * idle: nothing open. reading: main reads and plans the files. failed: they could not be read (the
 * core's sentence names the file). preview: the plan, waiting for Import or Cancel. importing: the
 * one transaction runs. done: the summary.
 */
export type ImportStage = 'idle' | 'reading' | 'failed' | 'preview' | 'importing' | 'done';
export type RowFilter = ImportRowAction | 'all';

/** Rows fetched per "Show more" (main sends the first 200 with the preview). */
export const PAGE_ROWS = 200;

/** The preview's counts in the order they are shown, with the row action each one filters to. */
export const COUNT_ACTIONS = [
  { count: 'added', action: 'add' },
  { count: 'updated', action: 'update' },
  { count: 'unchanged', action: 'unchanged' },
  { count: 'skipped', action: 'skip' },
] as const;

export interface ImportFlowOptions {
  /** After an import was written (the deck list and browser reload what they show). */
  onImported?: (result: ImportResult) => void;
}

export class ImportFlow {
  stage = $state<ImportStage>('idle');
  /** The files and folders of this import (absolute paths from a dialog or a drop). */
  paths = $state.raw<string[]>([]);
  preview = $state.raw<ImportPreview | null>(null);
  /** The table's rows so far (all, or one action's), and how many there are in all. */
  rows = $state.raw<ImportPreviewRow[]>([]);
  rowsTotal = $state(0);
  filter = $state<RowFilter>('all');
  loadingRows = $state(false);
  /** The deck field: the deck new cards go to ('' = the decks the files name). */
  deckText = $state('');
  /** A deck was asked for (as opposed to the decks the files name). */
  deckChosen = $state(false);
  /** Planning again for another deck; the old preview stays shown meanwhile. */
  replanning = $state(false);
  /** The user-facing sentence of the last failure (reading, a deck change, more rows, Import). */
  error = $state<string | null>(null);
  /** The Open dialog is up. */
  choosing = $state(false);
  progress = $state.raw<ImportProgress | null>(null);
  result = $state.raw<ImportResult | null>(null);

  readonly #api: StratusApi;
  readonly #options: ImportFlowOptions;
  /** Bumped by every new read or cancel: answers to older requests are dropped. */
  #generation = 0;
  #pendingDeck: string | null = null;

  constructor(api: StratusApi, options: ImportFlowOptions = {}) {
    this.#api = api;
    this.#options = options;
  }

  get isOpen(): boolean {
    return this.stage !== 'idle';
  }

  /** Whether files dropped on the window (or chosen from the menu) may start an import now. */
  get canStart(): boolean {
    return this.stage !== 'importing' && !this.choosing;
  }

  /** Import writes something: cards to add or to update (new answers count as an update). */
  get hasChanges(): boolean {
    const c = this.preview?.counts;
    return !!c && c.added + c.updated > 0;
  }

  /** File → Import…, the deck list's buttons: the Open dialog, then the preview of what was chosen. */
  async choose(folder = false): Promise<void> {
    if (!this.canStart) return;
    this.choosing = true;
    let paths: string[];
    try {
      paths = await this.#api.chooseImportFiles({ folder });
    } catch (error) {
      this.#fail(errorMessage(error));
      return;
    } finally {
      this.choosing = false;
    }
    // Cancelling the dialog leaves everything as it was (a preview shown stays).
    if (paths.length > 0) await this.start(paths);
  }

  /** Reads and plans these files and folders (replacing any preview shown). Writes nothing. */
  async start(paths: string[]): Promise<void> {
    if (!this.canStart || paths.length === 0) return;
    this.#dropPreview();
    const generation = ++this.#generation;
    this.paths = paths;
    this.stage = 'reading';
    this.error = null;
    this.result = null;
    this.deckChosen = false;
    this.deckText = '';
    this.filter = 'all';
    try {
      const preview = await this.#api.previewImport({ paths });
      if (generation !== this.#generation) return this.#discard(preview);
      this.#show(preview);
      this.stage = 'preview';
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#fail(errorMessage(error));
    }
  }

  /** Reads the same files again (after the user fixed the one that failed). */
  async retry(): Promise<void> {
    if (this.stage === 'failed' && this.paths.length > 0) await this.start(this.paths);
  }

  /**
   * The deck field was changed: plan again with new cards going to that deck ('' = the decks the
   * files name). The preview shown stays until the new one is there; a refused name is shown.
   */
  async setDeck(text: string): Promise<void> {
    const preview = this.preview;
    if (this.stage !== 'preview' || !preview) return;
    const deck = text.trim();
    const same = deck === '' ? !this.deckChosen : deck === preview.deck && (this.deckChosen || preview.decks.length <= 1);
    if (same) {
      this.deckText = this.#deckField(preview);
      return;
    }
    // Enter and the change event that follows it ask for the same deck once.
    if (this.replanning && this.#pendingDeck === deck) return;
    this.#pendingDeck = deck;
    const generation = ++this.#generation;
    this.replanning = true;
    this.error = null;
    try {
      const next = await this.#api.previewImport({ paths: this.paths, ...(deck ? { deck } : {}) });
      if (generation !== this.#generation) return this.#discard(next);
      this.deckChosen = deck !== '';
      void this.#cancelOnMain(preview.previewId);
      const filter = this.filter;
      this.#show(next);
      if (filter !== 'all') await this.setFilter(filter);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = errorMessage(error);
    } finally {
      if (generation === this.#generation) this.replanning = false;
    }
  }

  /** Shows all rows or only one action's (the counts above the table are these filters). */
  async setFilter(filter: RowFilter): Promise<void> {
    const preview = this.preview;
    if (!preview) return;
    this.filter = filter;
    if (filter === 'all') {
      this.rows = preview.rows;
      this.rowsTotal = preview.rowsTotal;
      return;
    }
    this.rows = [];
    this.rowsTotal = countOf(preview, filter);
    await this.#loadRows(preview, filter, 0);
  }

  /** The next page of rows, on demand. */
  async loadMore(): Promise<void> {
    const preview = this.preview;
    if (!preview || this.loadingRows || this.rows.length >= this.rowsTotal) return;
    await this.#loadRows(preview, this.filter, this.rows.length);
  }

  /** Import: writes the previewed plan in one transaction, then shows the summary. */
  async importNow(): Promise<void> {
    const preview = this.preview;
    if (this.stage !== 'preview' || !preview || this.replanning || !this.hasChanges) return;
    this.stage = 'importing';
    this.error = null;
    this.progress = null;
    try {
      const result = await this.#api.applyImport({ previewId: preview.previewId });
      this.result = result;
      this.stage = 'done';
      this.#options.onImported?.(result);
    } catch (error) {
      // Main wrote nothing (one transaction) and kept the preview, so Import can be tried again.
      this.error = errorMessage(error);
      this.stage = 'preview';
    } finally {
      this.progress = null;
    }
  }

  /** Progress that main reports while the import is written. */
  onProgress(progress: ImportProgress): void {
    if (this.stage === 'importing' && progress.total > 0) this.progress = progress;
  }

  /** Cancel / Esc / Close: drops the preview (nothing was written). Not while importing. */
  cancel(): void {
    if (this.stage === 'importing') return;
    this.#generation += 1;
    this.#dropPreview();
    this.stage = 'idle';
    this.paths = [];
    this.error = null;
    this.result = null;
    this.replanning = false;
  }

  async #loadRows(preview: ImportPreview, filter: RowFilter, offset: number): Promise<void> {
    this.loadingRows = true;
    try {
      const page = await this.#api.importPreviewRows({
        previewId: preview.previewId,
        offset,
        limit: PAGE_ROWS,
        ...(filter === 'all' ? {} : { action: filter }),
      });
      // A newer filter or preview replaced this request meanwhile.
      if (this.preview !== preview || this.filter !== filter) return;
      this.rows = offset === 0 ? page.rows : [...this.rows, ...page.rows];
      this.rowsTotal = page.total;
    } catch (error) {
      if (this.preview === preview) this.error = errorMessage(error);
    } finally {
      this.loadingRows = false;
    }
  }

  #show(preview: ImportPreview): void {
    this.preview = preview;
    this.rows = preview.rows;
    this.rowsTotal = preview.rowsTotal;
    this.filter = 'all';
    this.deckText = this.#deckField(preview);
  }

  /** The deck field shows the one deck of the import; empty when the files name several. */
  #deckField(preview: ImportPreview): string {
    return this.deckChosen || preview.decks.length <= 1 ? preview.deck : '';
  }

  #fail(message: string): void {
    this.#dropPreview();
    this.error = message;
    this.stage = 'failed';
  }

  #dropPreview(): void {
    const preview = this.preview;
    this.preview = null;
    this.rows = [];
    this.rowsTotal = 0;
    if (preview && this.stage !== 'done') void this.#cancelOnMain(preview.previewId);
  }

  /** An answer that arrived after the user moved on: main can forget it. */
  #discard(preview: ImportPreview): void {
    void this.#cancelOnMain(preview.previewId);
  }

  async #cancelOnMain(previewId: string): Promise<void> {
    try {
      await this.#api.cancelImport({ previewId });
    } catch {
      // Main drops unused previews after an hour anyway; nothing to tell the user.
    }
  }
}

/** How many rows an action has, from the preview's counts. */
export function countOf(preview: ImportPreview, action: ImportRowAction): number {
  const entry = COUNT_ACTIONS.find((c) => c.action === action)!;
  return preview.counts[entry.count];
}
