// The card browser: a search in the query language, a sorted table of every matching card that
// stays smooth at 100,000 rows, a selection, bulk actions and undo. Components render it and
// forward events; all api traffic goes through here.
//
// Virtualized loading: a search fetches every matching card id in table order once (a plain
// number list, small even for 100,000 cards), then rows are fetched by page — ids[offset …
// offset + PAGE_SIZE) — only for the pages the viewport (plus an overscan) shows. Pages are
// cached (the least recently used go first) and dropped when the collection changes.
// The Maps and Sets here are private caches or values replaced whole in $state.raw (never mutated
// in place while reactive), so Svelte's reactive collections would only add cost at 100,000 rows.
/* eslint-disable svelte/prefer-svelte-reactivity */
import type {
  BrowseColumn,
  BrowseRow,
  BulkAction,
  StratusApi,
  UndoStep,
} from '../../../../electron/shared/contract';
import { NoteEditorState, type EditorTab, type EditorTarget } from '../editor/editor.svelte';
import { errorMessage } from '../format';
import { t } from '../i18n.svelte';
import { COLUMNS, counted } from './columns';
import { DeckAdmin } from './decks.svelte';
import { EMPTY_SELECTION, focusAt, keepExisting, selectAll, selectAt, type Selection, type SelectMode } from './selection';
import { undoLabel } from './undo';

export const PAGE_SIZE = 100;
/** Rows rendered beyond the viewport on each side, so a fast scroll rarely shows empty rows. */
export const OVERSCAN = 10;
/** Pages kept in memory (100 rows each). */
export const MAX_CACHED_PAGES = 60;
/** Typing pauses this long before the search runs (Enter runs it at once). */
export const SEARCH_DELAY_MS = 300;
/** Scroll events within this time share one round of page fetches. */
const FETCH_DELAY_MS = 16;
/** Ctrl+Z presses kept while the browser is busy (each undoes one step once it is free). */
const MAX_QUEUED_UNDOS = 50;

export type BrowseStatus = 'loading' | 'ready' | 'failed';

/** The part of a KeyboardEvent the table looks at. */
export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
}

export interface BrowseOptions {
  /** A user-facing sentence for the app's alert (a failed action). */
  onError?: (message: string) => void;
  /** Wall clock, for the due column. */
  now?: () => number;
}

/** A visible slice of the table: rows first … last (inclusive). */
export interface RowWindow {
  first: number;
  last: number;
}

/** Which rows to render for a scroll position: the visible ones plus OVERSCAN either side. */
export function rowWindow(scrollTop: number, viewportHeight: number, rowHeight: number, total: number): RowWindow {
  if (total === 0 || rowHeight <= 0) return { first: 0, last: -1 };
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(total - 1, Math.ceil((scrollTop + Math.max(0, viewportHeight)) / rowHeight) + OVERSCAN);
  return { first, last };
}

export class BrowseState {
  /** The search box's text. */
  query = $state('');
  /** The query the table shows (the last one that ran without an error). */
  appliedQuery = $state('');
  /** The core's sentence when the query has a mistake; the table keeps the last good results. */
  queryError = $state<string | null>(null);
  sort = $state<BrowseColumn>('added');
  descending = $state(false);

  status = $state<BrowseStatus>('loading');
  /** Every matching card id, in table order. */
  ids = $state.raw<number[]>([]);
  /** Cached pages of rows; replaced (not mutated) so the table re-renders. */
  pages = $state.raw<ReadonlyMap<number, readonly (BrowseRow | undefined)[]>>(new Map());
  selection = $state.raw<Selection>(EMPTY_SELECTION);
  /** A bulk action or undo is running. */
  busy = $state(false);
  /** What undo would undo next (any step of the one undo stack), or null. */
  undoStep = $state.raw<UndoStep | null>(null);
  /** A short confirmation of the last action, for the status line ("Suspended 3 cards."). */
  notice = $state<string | null>(null);
  /** The open Add or Edit dialog. */
  editor = $state.raw<NoteEditorState | null>(null);
  /** Goes up by one when a new search should show its first rows (the table scrolls to the top). */
  scrollToTop = $state(0);

  readonly decks: DeckAdmin;
  readonly now: () => number;

  total = $derived(this.ids.length);
  selectedCount = $derived(this.selection.selected.size);
  undoLabel = $derived(this.undoStep ? undoLabel(this.undoStep) : null);

  readonly #api: StratusApi;
  readonly #onError: (message: string) => void;
  #indexOf = new Map<number, number>();
  #previousRows = new Map<number, BrowseRow>();
  #generation = 0;
  #searchRequest = 0;
  #searchTimer: ReturnType<typeof setTimeout> | null = null;
  #fetchTimer: ReturnType<typeof setTimeout> | null = null;
  #loading = new Set<number>();
  #lastUse = new Map<number, number>();
  #useClock = 0;
  #window: RowWindow = { first: 0, last: -1 };
  #disposed = false;
  /** Undos asked for while a bulk action or an undo was running; run in turn once it lands. */
  #queuedUndos = 0;

  constructor(api: StratusApi, options: BrowseOptions = {}) {
    this.#api = api;
    this.#onError = options.onError ?? (() => {});
    this.now = options.now ?? Date.now;
    this.decks = new DeckAdmin(api);
  }

  /** First load: the decks, every card, and what undo would do. Also the retry after a failure. */
  async start(): Promise<void> {
    this.status = 'loading';
    await Promise.all([this.decks.load(), this.search(), this.refreshUndo()]);
  }

  // --- Search and sort ---------------------------------------------------------------------------

  /** The search box changed: search after a pause in typing. */
  typeQuery(text: string): void {
    this.query = text;
    if (this.#searchTimer) clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => {
      this.#searchTimer = null;
      void this.search();
    }, SEARCH_DELAY_MS);
  }

  /** Runs the search box's query now (Enter, or a deck picked in the sidebar). */
  async search(query: string = this.query): Promise<void> {
    if (this.#searchTimer) clearTimeout(this.#searchTimer);
    this.#searchTimer = null;
    this.query = query;
    await this.#load(query, { resetScroll: query !== this.appliedQuery });
  }

  /** A click on a column header: sort by it, or flip the direction when it sorts already. */
  async sortBy(column: BrowseColumn): Promise<void> {
    if (this.sort === column) this.descending = !this.descending;
    else {
      this.sort = column;
      this.descending = false;
    }
    await this.#load(this.appliedQuery, { resetScroll: false });
  }

  /** Search again with the same query (after a change to the collection), keeping scroll and selection. */
  async refresh(): Promise<void> {
    await Promise.all([this.#load(this.appliedQuery, { resetScroll: false }), this.refreshUndo()]);
  }

  async #load(query: string, { resetScroll }: { resetScroll: boolean }): Promise<void> {
    const request = ++this.#searchRequest;
    try {
      const { ids } = await this.#api.searchCardIds({ query, sort: this.sort, descending: this.descending });
      if (request !== this.#searchRequest || this.#disposed) return;
      this.#setIds(ids);
      this.appliedQuery = query;
      this.queryError = null;
      this.status = 'ready';
      if (resetScroll) this.scrollToTop += 1;
      this.#fetchWindow();
    } catch (error) {
      if (request !== this.#searchRequest || this.#disposed) return;
      // A mistake in the query reads as the core's sentence under the search box; the table keeps
      // the last results. Only a first search that fails leaves nothing to show.
      this.queryError = errorMessage(error);
      if (this.status === 'loading') this.status = 'failed';
    }
  }

  #setIds(ids: number[]): void {
    this.#generation += 1;
    this.#loading.clear();
    this.#lastUse.clear();
    // Rows shown until their pages come back, so a refresh after an action doesn't flash
    // "Loading…" over the whole table (they are at most one round trip old).
    const shown = new Map<number, BrowseRow>();
    for (const page of this.pages.values()) for (const row of page) if (row) shown.set(row.id, row);
    this.#previousRows = shown;
    this.pages = new Map();
    this.ids = ids;
    const index = new Map<number, number>();
    ids.forEach((id, i) => index.set(id, i));
    this.#indexOf = index;
    this.selection = keepExisting(this.selection, (id) => index.has(id));
  }

  indexOf(id: number): number | undefined {
    return this.#indexOf.get(id);
  }

  // --- Rows ---------------------------------------------------------------------------------------

  /** The row at a table position, or undefined while its page is loading. */
  rowAt(index: number): BrowseRow | undefined {
    const page = this.pages.get(Math.floor(index / PAGE_SIZE));
    if (page) return page[index % PAGE_SIZE];
    const id = this.ids[index];
    return id === undefined ? undefined : this.#previousRows.get(id);
  }

  /** The table scrolled or resized: make sure these rows are (being) fetched. */
  showWindow(window: RowWindow): void {
    this.#window = window;
    if (this.#fetchTimer) return;
    this.#fetchTimer = setTimeout(() => {
      this.#fetchTimer = null;
      this.#fetchWindow();
    }, FETCH_DELAY_MS);
  }

  #fetchWindow(): void {
    const { first, last } = this.#window;
    if (last < first || this.ids.length === 0) return;
    const lastIndex = Math.min(last, this.ids.length - 1);
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(lastIndex / PAGE_SIZE); page++) {
      this.#lastUse.set(page, ++this.#useClock);
      if (!this.pages.has(page) && !this.#loading.has(page)) void this.#fetchPage(page);
    }
  }

  async #fetchPage(page: number): Promise<void> {
    const generation = this.#generation;
    const ids = this.ids.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    this.#loading.add(page);
    try {
      const rows = await this.#api.browseRows({ ids });
      if (generation !== this.#generation || this.#disposed) return;
      const next = new Map(this.pages);
      // In the page's id order; a card deleted since the search leaves its slot empty (the rows
      // after it don't shift) until the next search.
      const byId = new Map(rows.map((r) => [r.id, r]));
      next.set(page, ids.map((id) => byId.get(id)));
      this.#lastUse.set(page, ++this.#useClock);
      this.pages = this.#evict(next);
    } catch (error) {
      if (generation === this.#generation && !this.#disposed) this.#onError(errorMessage(error));
    } finally {
      if (generation === this.#generation) this.#loading.delete(page);
    }
  }

  #evict(pages: Map<number, readonly (BrowseRow | undefined)[]>): Map<number, readonly (BrowseRow | undefined)[]> {
    if (pages.size <= MAX_CACHED_PAGES) return pages;
    const byAge = [...pages.keys()].sort((a, b) => (this.#lastUse.get(a) ?? 0) - (this.#lastUse.get(b) ?? 0));
    for (const page of byAge.slice(0, pages.size - MAX_CACHED_PAGES)) {
      pages.delete(page);
      this.#lastUse.delete(page);
    }
    return pages;
  }

  // --- Selection ----------------------------------------------------------------------------------

  select(index: number, mode: SelectMode = 'replace'): void {
    this.selection = selectAt(this.selection, this.ids, (id) => this.#indexOf.get(id), index, mode);
  }

  /** Moves the cursor without changing the selection (Ctrl+arrow). */
  moveFocus(index: number): void {
    this.selection = focusAt(this.selection, this.ids, index);
  }

  selectAll(): void {
    this.selection = selectAll(this.selection, this.ids);
  }

  clearSelection(): void {
    this.selection = { ...EMPTY_SELECTION, focus: this.selection.focus };
  }

  isSelected(id: number): boolean {
    return this.selection.selected.has(id);
  }

  /** Table position of the keyboard cursor, or -1. */
  focusIndex = $derived(this.selection.focus === null ? -1 : (this.#indexOfReactive(this.selection.focus) ?? -1));

  #indexOfReactive(id: number): number | undefined {
    void this.ids; // re-derive when the ids change
    return this.#indexOf.get(id);
  }

  /** Selected ids in table order (what actions act on). */
  selectedIds(): number[] {
    const { selected } = this.selection;
    if (selected.size === this.ids.length) return [...this.ids];
    return [...selected].sort((a, b) => (this.#indexOf.get(a) ?? 0) - (this.#indexOf.get(b) ?? 0));
  }

  // --- Keyboard in the table -------------------------------------------------------------------------

  /**
   * The table's keys (it is one tab stop; the cursor moves with the arrows, as in a file list):
   * ↑/↓ select the previous/next row (Shift extends the range, Ctrl moves the cursor only), Page
   * Up/Down and Home/End jump, Space selects (Ctrl+Space toggles), Ctrl+A selects all, Enter edits.
   * ↑ from the first row reaches the column headers, where ←/→ move and Enter or Space sorts.
   * `pageRows` is how many rows fit in the viewport. Returns true when the key was used.
   */
  handleGridKey(event: KeyInput, pageRows: number): boolean {
    const ctrl = Boolean(event.ctrlKey || event.metaKey);
    const last = this.ids.length - 1;
    if (this.headerFocus !== null) return this.#headerKey(event);
    if (event.altKey) return false;
    const current = this.focusIndex;
    const move = (to: number) => {
      if (last < 0) return;
      const index = Math.max(0, Math.min(last, to));
      if (ctrl && !event.shiftKey) this.moveFocus(index);
      else this.select(index, event.shiftKey ? (ctrl ? 'addRange' : 'range') : 'replace');
    };
    switch (event.key) {
      case 'ArrowDown':
        move(current < 0 ? 0 : current + 1);
        return true;
      case 'ArrowUp':
        if (current <= 0 && !event.shiftKey) {
          this.headerFocus = Math.max(0, COLUMNS.findIndex((c) => c.id === this.sort));
          return true;
        }
        move(current - 1);
        return true;
      case 'PageDown':
        move((current < 0 ? 0 : current) + Math.max(1, pageRows - 1));
        return true;
      case 'PageUp':
        move((current < 0 ? 0 : current) - Math.max(1, pageRows - 1));
        return true;
      case 'Home':
        move(0);
        return true;
      case 'End':
        move(last);
        return true;
      case ' ':
        if (current < 0) move(0);
        else this.select(current, ctrl ? 'toggle' : event.shiftKey ? 'range' : 'replace');
        return true;
      case 'Enter':
        if (ctrl || event.shiftKey) return false;
        if (current < 0 && this.selectedCount === 0) return false;
        this.editFocused();
        return true;
      default:
        if (ctrl && !event.shiftKey && event.key.toLowerCase() === 'a') {
          this.selectAll();
          return true;
        }
        return false;
    }
  }

  /** The column header the cursor is on (index into COLUMNS), or null when it is on the rows. */
  headerFocus = $state<number | null>(null);

  #headerKey(event: KeyInput): boolean {
    const column = this.headerFocus ?? 0;
    switch (event.key) {
      case 'ArrowLeft':
        this.headerFocus = Math.max(0, column - 1);
        return true;
      case 'ArrowRight':
        this.headerFocus = Math.min(COLUMNS.length - 1, column + 1);
        return true;
      case 'Home':
        this.headerFocus = 0;
        return true;
      case 'End':
        this.headerFocus = COLUMNS.length - 1;
        return true;
      case 'ArrowDown':
      case 'Escape':
        this.headerFocus = null;
        if (this.focusIndex < 0 && this.ids.length > 0 && event.key === 'ArrowDown') this.select(0);
        return true;
      case 'Enter':
      case ' ':
        void this.sortBy(COLUMNS[column]!.id);
        return true;
      default:
        return false;
    }
  }

  // --- Bulk actions and undo ------------------------------------------------------------------------

  /**
   * Applies an action to the selected cards. Returns null when it worked, else the core's sentence;
   * that goes to the app's alert unless the caller shows it itself (a dialog, `inline`).
   */
  async bulk(action: BulkAction, { inline = false }: { inline?: boolean } = {}): Promise<string | null> {
    const cardIds = this.selectedIds();
    if (cardIds.length === 0) return t('browse.selectFirst');
    if (this.busy) return null;
    this.busy = true;
    try {
      const result = await this.#api.bulkAction({ cardIds, action });
      this.notice = counted(`browse.done.${result.kind}`, result.kind === 'delete' ? result.cards : cardIds.length);
      await this.refresh();
      if (action.kind === 'move' || action.kind === 'delete') await this.decks.load();
      return null;
    } catch (error) {
      const message = errorMessage(error);
      if (!inline) this.#onError(message);
      return message;
    } finally {
      this.busy = false;
      await this.#nextQueuedUndo();
    }
  }

  /** Suspends the selection, or unsuspends it when every selected row on screen is suspended (Anki's toggle). */
  suspendAction(): BulkAction {
    const shown = this.selectedIds()
      .slice(0, 1000)
      .map((id) => this.rowAt(this.#indexOf.get(id) ?? -1))
      .filter((r): r is BrowseRow => r !== undefined);
    return shown.length > 0 && shown.every((r) => r.suspended) ? { kind: 'unsuspend' } : { kind: 'suspend' };
  }

  /** Ctrl+1…7: flags the selection, or takes the flag off when the cursor's card has it already. */
  flagAction(flag: number): BulkAction {
    const focus = this.selection.focus;
    const row = focus === null ? undefined : this.rowAt(this.#indexOf.get(focus) ?? -1);
    return { kind: 'flag', flag: row?.flag === flag ? 0 : flag };
  }

  /** Undoes the latest step of the one undo stack (an action here, or an answer in a study session). */
  async undo(): Promise<void> {
    if (!this.undoStep || this.#disposed) return;
    if (this.busy) {
      // Ctrl+Z again while an action or an undo is still running: it waits its turn (each press
      // undoes one step, as in Anki); whether there is still a step to undo is asked when it runs.
      if (this.#queuedUndos < MAX_QUEUED_UNDOS) this.#queuedUndos += 1;
      return;
    }
    this.busy = true;
    try {
      const step = await this.#api.undoLast();
      this.notice = step ? t('browse.undone', { action: undoLabel(step) }) : null;
      await Promise.all([this.refresh(), this.decks.load()]);
    } catch (error) {
      this.#queuedUndos = 0;
      this.#onError(errorMessage(error));
      await this.refreshUndo();
    } finally {
      this.busy = false;
    }
    await this.#nextQueuedUndo();
  }

  async #nextQueuedUndo(): Promise<void> {
    if (this.#queuedUndos === 0) return;
    this.#queuedUndos -= 1;
    if (!this.undoStep || this.#disposed) this.#queuedUndos = 0;
    else await this.undo();
  }

  async refreshUndo(): Promise<void> {
    try {
      const step = await this.#api.undoStatus();
      if (!this.#disposed) this.undoStep = step;
    } catch {
      // Undo just stays unavailable; the next action asks again.
      if (!this.#disposed) this.undoStep = null;
    }
  }

  // --- Editor -------------------------------------------------------------------------------------

  /** Opens the editor on the cursor's card (Enter, double-click, Edit), or its card info. */
  editFocused(tab: EditorTab = 'edit'): void {
    const focus = this.selection.focus;
    const id = focus !== null && this.selection.selected.has(focus) ? focus : (this.selectedIds()[0] ?? focus ?? undefined);
    if (id !== undefined) this.openEditor({ mode: 'edit', cardId: id }, tab);
  }

  /** Opens Add, in the deck the search shows when it is one deck. */
  openAdd(deckId: number | null = null): void {
    this.openEditor({ mode: 'add', deckId });
  }

  openEditor(target: EditorTarget, tab: EditorTab = 'edit'): void {
    this.editor?.dispose();
    const editor = new NoteEditorState(this.#api, target, {
      tab,
      onSaved: () => {
        this.notice = target.mode === 'add' ? t('browse.noteAdded') : t('browse.noteSaved');
        void this.refresh();
      },
    });
    this.editor = editor;
    void editor.load();
  }

  closeEditor(): void {
    this.editor?.dispose();
    this.editor = null;
  }

  dispose(): void {
    this.#disposed = true;
    if (this.#searchTimer) clearTimeout(this.#searchTimer);
    if (this.#fetchTimer) clearTimeout(this.#fetchTimer);
    this.editor?.dispose();
  }
}
