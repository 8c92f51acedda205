// Import and export for the component tests' FakeApi: files on a fake disk (the test puts them
// there), previews kept by id as main keeps them, an import that adds decks and cards the deck
// list then shows (a second import of the same file finds its cards unchanged), and the Open and
// Save dialogs answering what the test queued (nothing queued: the user cancelled).
import type {
  CoreMessage,
  DeckSummary,
  ExportFileFormat,
  ExportInfo,
  ImportPreview,
  ImportPreviewRow,
  ImportResult,
  ImportRowAction,
} from '../../electron/shared/contract';

export interface FakeCard {
  front: string;
  back: string;
}

export interface FakeFile {
  /** The deck the file names (a note's title, a CSV's #deck: line). */
  deck: string;
  cards: FakeCard[];
  skipped?: { line: number; reason: string; reasonMessage?: CoreMessage }[];
  notices?: string[];
  /** The notices as core messages, in step with `notices` (as main sends them). */
  noticeMessages?: CoreMessage[];
  /** Answers of imported review history. */
  reviews?: number;
  /** The core's sentence when the file can't be read. */
  error?: string;
}

/** Rows main sends with the preview (electron/main/handlers/transfer.ts). */
export const FIRST_ROWS = 200;

interface Kept {
  preview: ImportPreview;
  rows: ImportPreviewRow[];
  plan: { deck: string; card: FakeCard; action: ImportRowAction }[];
}

export class TransferFake {
  /** The fake disk: absolute path → file. */
  readonly files = new Map<string, FakeFile>();
  /** Cards in the collection by deck (lower-cased front → back). */
  readonly collection = new Map<string, Map<string, string>>();
  readonly previews = new Map<string, Kept>();
  readonly cancelled: string[] = [];
  readonly exports: { deckId: number; format: ExportFileFormat; path: string; includeScheduling?: boolean }[] = [];
  readonly #open: string[][] = [];
  readonly #save: (string | null)[] = [];
  #ids = 0;

  constructor(private readonly decks: () => DeckSummary[]) {}

  /** The next Open dialog chooses these paths. */
  queueOpen(paths: string[]): void {
    this.#open.push(paths);
  }

  /** The next Save dialog saves here (null: cancelled). */
  queueSave(path: string | null): void {
    this.#save.push(path);
  }

  chooseImportFiles(): string[] {
    return this.#open.shift() ?? [];
  }

  chooseExportFile(): string | null {
    return this.#save.shift() ?? null;
  }

  preview(input: { paths: string[]; deck?: string }): ImportPreview {
    const plan: Kept['plan'] = [];
    const rows: ImportPreviewRow[] = [];
    const skips: ImportPreviewRow[] = [];
    const notices: string[] = [];
    const noticeMessages: (CoreMessage | null)[] = [];
    let reviews = 0;
    for (const path of input.paths) {
      const file = this.files.get(path);
      if (!file) throw new Error(`${path}: there is no such file or folder.`);
      if (file.error) throw new Error(file.error);
      const name = path.split('/').pop()!;
      file.cards.forEach((card, i) => {
        const existing = this.#find(card.front);
        const deck = existing?.deck ?? input.deck ?? file.deck;
        const action: ImportRowAction = !existing ? 'add' : existing.back === card.back ? 'unchanged' : 'update';
        plan.push({ deck, card, action });
        rows.push({
          action,
          changes: action === 'update' ? ['back'] : [],
          deck,
          front: card.front,
          back: card.back,
          file: name,
          line: i + 1,
          reason: null,
          newReviews: 0,
        });
      });
      for (const s of file.skipped ?? []) {
        skips.push({ action: 'skip', changes: [], deck: '', front: '', back: '', file: name, line: s.line, reason: s.reason, newReviews: 0, ...(s.reasonMessage ? { reasonMessage: s.reasonMessage } : {}) });
      }
      notices.push(...(file.notices ?? []));
      noticeMessages.push(...(file.notices ?? []).map((_, i) => file.noticeMessages?.[i] ?? null));
      reviews += file.reviews ?? 0;
    }
    const all = [...rows, ...skips];
    const byDeck = new Map<string, number>();
    for (const p of plan) byDeck.set(p.deck, (byDeck.get(p.deck) ?? 0) + 1);
    const decks = [...byDeck].map(([name, cards]) => ({ name, cards, exists: this.decks().some((d) => d.name === name) }));
    const main = input.deck ?? [...byDeck].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'Imported';
    const count = (a: ImportRowAction) => all.filter((r) => r.action === a).length;
    const preview: ImportPreview = {
      previewId: `preview-${++this.#ids}`,
      deck: main,
      decks: decks.length ? decks : [{ name: main, cards: 0, exists: false }],
      counts: { added: count('add'), updated: count('update'), unchanged: count('unchanged'), skipped: count('skip') },
      formats: ['markdown'],
      reviews,
      notices,
      noticeMessages,
      rows: all.slice(0, FIRST_ROWS),
      rowsTotal: all.length,
    };
    this.previews.set(preview.previewId, { preview, rows: all, plan });
    return structuredClone(preview);
  }

  rows(input: { previewId: string; offset: number; limit: number; action?: ImportRowAction }): { rows: ImportPreviewRow[]; total: number } {
    const kept = this.#kept(input.previewId);
    const list = input.action ? kept.rows.filter((r) => r.action === input.action) : kept.rows;
    return { rows: structuredClone(list.slice(input.offset, input.offset + input.limit)), total: list.length };
  }

  apply(previewId: string): ImportResult {
    const kept = this.#kept(previewId);
    for (const { deck, card } of kept.plan) {
      let cards = this.collection.get(deck);
      if (!cards) this.collection.set(deck, (cards = new Map()));
      cards.set(card.front.toLowerCase(), card.back);
    }
    // The deck list shows the decks with their new totals.
    for (const [name, cards] of this.collection) {
      const deck = this.decks().find((d) => d.name === name);
      if (deck) deck.total = cards.size;
      else {
        const id = Math.max(0, ...this.decks().map((d) => d.id)) + 1;
        this.decks().push({ id, name, depth: 0, parentId: null, total: cards.size, new: cards.size, learning: 0, review: 0, newToday: cards.size, learningDue: 0, reviewDue: 0, dueToday: cards.size });
      }
    }
    this.previews.delete(previewId);
    const { preview } = kept;
    return {
      deck: preview.deck,
      decks: preview.decks.map((d) => d.name),
      added: preview.counts.added,
      updated: preview.counts.updated,
      unchanged: preview.counts.unchanged,
      skipped: kept.rows.filter((r) => r.action === 'skip').map((r) => ({ file: r.file, line: r.line, reason: r.reason! })),
      notices: preview.notices,
      reviews: preview.reviews,
      replanned: false,
    };
  }

  cancel(previewId: string): void {
    this.cancelled.push(previewId);
    this.previews.delete(previewId);
  }

  exportDeck(input: { deckId: number; format: ExportFileFormat; path: string; includeScheduling?: boolean }): ExportInfo {
    const deck = this.decks().find((d) => d.id === input.deckId);
    if (!deck) throw new Error(`There is no deck ${input.deckId}.`);
    this.exports.push({ ...input });
    return { path: input.path, format: input.format, deckId: deck.id, deck: deck.name, notes: deck.total, cards: deck.total, reviews: 0, notices: [] };
  }

  #find(front: string): { deck: string; back: string } | null {
    for (const [deck, cards] of this.collection) {
      const back = cards.get(front.toLowerCase());
      if (back !== undefined) return { deck, back };
    }
    return null;
  }

  #kept(previewId: string): Kept {
    const kept = this.previews.get(previewId);
    if (!kept) throw new Error('This import preview has expired or was already imported; choose the files again.');
    return kept;
  }
}
