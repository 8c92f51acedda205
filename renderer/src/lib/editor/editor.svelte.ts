// The note editor behind the Add and Edit dialogs (card browser and review screen): loads the
// note, keeps its fields, asks the core for a live preview (rendered by the core's sanitizer,
// never here), saves, and shows the card's info. Components only bind to it.
//
// Notes whose cards follow their fields (basic, reversed, cloze) are edited field by field; notes
// of built-in and generated decks have no fields, so each of their cards is edited on its own.
import type {
  CardInfo,
  CardPreview,
  DeckInfo,
  EditableNoteKind,
  NoteDetail,
  StratusApi,
} from '../../../../electron/shared/contract';
import { errorMessage } from '../format';
import { t } from '../i18n.svelte';
import { wrapCloze } from './cloze';

export type EditorTarget =
  | { mode: 'add'; deckId?: number | null }
  | { mode: 'edit'; cardId: number };

export type EditorTab = 'edit' | 'info';
export type LoadStatus = 'loading' | 'ready' | 'failed';

export const NOTE_KINDS: readonly EditableNoteKind[] = ['basic', 'reversed', 'cloze'];

/** A card edited on its own (notes without fields). */
export interface CardDraft {
  id: number;
  ord: number;
  front: string;
  back: string;
}

export interface EditorOptions {
  /** After a save: the note as stored. */
  onSaved?: (note: NoteDetail, mode: 'add' | 'edit') => void;
  /** Delay before the preview follows typing, in ms. */
  previewDelay?: number;
  /** The tab shown first (edit mode). */
  tab?: EditorTab;
}

/** Tags as the user types them: separated by spaces (or commas). */
export function parseTags(input: string): string[] {
  return input.split(/[\s,]+/).filter(Boolean);
}

export class NoteEditorState {
  readonly target: EditorTarget;
  status = $state<LoadStatus>('loading');
  loadError = $state<string | null>(null);
  tab = $state<EditorTab>('edit');

  decks = $state.raw<DeckInfo[]>([]);
  deckId = $state<number | null>(null);
  kind = $state<EditableNoteKind>('basic');
  /** basic / reversed: [front, back]; cloze: [text, extra]. Null for notes edited card by card. */
  fields = $state<string[] | null>(['', '']);
  cards = $state<CardDraft[]>([]);
  tags = $state('');
  /** The card the preview shows; for notes edited card by card, also the card being edited. */
  previewIndex = $state(0);
  /** Rendered cards: one per card the fields make, or (card by card) the one being edited. */
  previews = $state.raw<CardPreview[]>([]);
  previewError = $state<string | null>(null);

  saving = $state(false);
  /** The core's sentence when a save was refused. */
  saveError = $state<string | null>(null);
  /** Notes added in this dialog (Add keeps the dialog open for the next note, as Anki does). */
  added = $state(0);

  note = $state.raw<NoteDetail | null>(null);
  info = $state.raw<CardInfo | null>(null);
  infoStatus = $state<LoadStatus | 'idle'>('idle');
  infoError = $state<string | null>(null);

  /** What was loaded, to tell whether anything changed. */
  #saved = $state('');
  readonly #api: StratusApi;
  readonly #options: EditorOptions;
  #previewTimer: ReturnType<typeof setTimeout> | null = null;
  #previewRequest = 0;
  #disposed = false;

  constructor(api: StratusApi, target: EditorTarget, options: EditorOptions = {}) {
    this.#api = api;
    this.target = target;
    this.#options = options;
    if (target.mode === 'edit' && options.tab) this.tab = options.tab;
  }

  get mode(): 'add' | 'edit' {
    return this.target.mode;
  }

  get cardId(): number | null {
    return this.target.mode === 'edit' ? this.target.cardId : null;
  }

  /** Field-by-field editing (false: each card on its own). */
  get byFields(): boolean {
    return this.fields !== null;
  }

  dirty = $derived(this.status === 'ready' && this.#snapshot() !== this.#saved);

  #snapshot(): string {
    return JSON.stringify([this.deckId, this.kind, this.fields, this.cards, parseTags(this.tags)]);
  }

  async load(): Promise<void> {
    this.status = 'loading';
    this.loadError = null;
    try {
      const decks = await this.#api.deckTree();
      if (this.#disposed) return;
      this.decks = decks;
      if (this.target.mode === 'add') {
        const wanted = this.target.deckId;
        this.deckId = decks.find((d) => d.id === wanted)?.id ?? decks[0]?.id ?? null;
        this.fields = ['', ''];
        this.kind = 'basic';
      } else {
        const info = await this.#api.cardInfo({ cardId: this.target.cardId });
        const note = await this.#api.getNote({ noteId: info.noteId });
        if (this.#disposed) return;
        this.info = info;
        this.infoStatus = 'ready';
        this.#useNote(note);
        // Show the card that was asked for.
        const ord = note.cards.findIndex((c) => c.id === info.id);
        this.previewIndex = Math.max(0, ord);
      }
      this.#saved = this.#snapshot();
      this.status = 'ready';
      this.refreshPreview();
    } catch (error) {
      if (this.#disposed) return;
      this.loadError = errorMessage(error);
      this.status = 'failed';
    }
  }

  #useNote(note: NoteDetail): void {
    this.note = note;
    this.deckId = note.deckId;
    this.kind = note.kind === 'generated' ? 'basic' : note.kind;
    this.fields = note.fields ? [note.fields[0] ?? '', note.fields[1] ?? ''] : null;
    this.cards = note.fields ? [] : note.cards.map((c) => ({ id: c.id, ord: c.ord, front: c.front, back: c.back }));
    this.tags = note.tags.join(' ');
  }

  /** Field labels: Front/Back, or Text/Extra for cloze. */
  get fieldNames(): ['front', 'back'] | ['text', 'extra'] {
    return this.kind === 'cloze' ? ['text', 'extra'] : ['front', 'back'];
  }

  setField(index: number, value: string): void {
    if (!this.fields) return;
    this.fields[index] = value;
    this.#changed();
  }

  setCardSide(index: number, side: 'front' | 'back', value: string): void {
    const card = this.cards[index];
    if (!card) return;
    card[side] = value;
    this.#changed();
  }

  setKind(kind: EditableNoteKind): void {
    if (this.mode !== 'add' || this.kind === kind) return;
    this.kind = kind;
    this.previewIndex = 0;
    this.#changed();
  }

  /** Wraps field 0's selection in a cloze; returns where the selection goes. */
  cloze(start: number, end: number, sameNumber = false): { start: number; end: number } | null {
    if (!this.fields) return null;
    if (this.kind !== 'cloze') {
      // Anki switches to the cloze type for a new note; an existing note keeps its type.
      if (this.mode !== 'add') return null;
      this.kind = 'cloze';
    }
    const edit = wrapCloze(this.fields[0] ?? '', start, end, sameNumber);
    this.fields[0] = edit.text;
    this.#changed();
    return { start: edit.selectionStart, end: edit.selectionEnd };
  }

  /** The preview on screen now; none while every field is empty (a hint shows instead). */
  get shownPreview(): CardPreview | null {
    if (this.fields?.every((f) => !f.trim())) return null;
    return (this.fields ? this.previews[this.previewIndex] : this.previews[0]) ?? null;
  }

  showPreview(index: number): void {
    this.previewIndex = index;
    if (!this.byFields) this.refreshPreview();
  }

  #changed(): void {
    this.saveError = null;
    this.schedulePreview();
  }

  schedulePreview(): void {
    if (this.#previewTimer) clearTimeout(this.#previewTimer);
    this.#previewTimer = setTimeout(() => {
      this.#previewTimer = null;
      this.refreshPreview();
    }, this.#options.previewDelay ?? 150);
  }

  /** Asks the core to render the cards these fields make (sanitized HTML). */
  async refreshPreview(): Promise<void> {
    const request = ++this.#previewRequest;
    let kind: EditableNoteKind;
    let fields: string[];
    if (this.fields) {
      kind = this.kind;
      fields = [...this.fields];
    } else {
      const card = this.cards[this.previewIndex] ?? this.cards[0];
      if (!card) return;
      kind = 'basic';
      fields = [card.front, card.back];
    }
    try {
      const previews = await this.#api.previewNote({ kind, fields });
      if (request !== this.#previewRequest || this.#disposed) return;
      this.previews = previews;
      if (this.fields && this.previewIndex >= previews.length) this.previewIndex = Math.max(0, previews.length - 1);
      this.previewError = null;
    } catch (error) {
      if (request !== this.#previewRequest || this.#disposed) return;
      this.previewError = errorMessage(error);
    }
  }

  /** Saves; true when it worked. Adding clears the fields for the next note (deck, type and tags stay). */
  async save(): Promise<boolean> {
    if (this.saving || this.status !== 'ready') return false;
    this.saving = true;
    this.saveError = null;
    try {
      const tags = parseTags(this.tags);
      let note: NoteDetail;
      if (this.target.mode === 'add') {
        if (this.deckId === null) {
          this.saveError = t('editor.noDeck');
          return false;
        }
        note = await this.#api.addNote({ deckId: this.deckId, kind: this.kind, fields: [...(this.fields ?? ['', ''])], tags });
        if (this.#disposed) return true;
        this.added += 1;
        this.fields = ['', ''];
        this.previews = [];
        this.previewIndex = 0;
        this.#saved = this.#snapshot();
      } else {
        const noteId = this.note!.id;
        note = await this.#api.updateNote(
          this.fields
            ? { noteId, fields: [...this.fields], tags }
            : { noteId, cards: this.cards.map((c) => ({ id: c.id, front: c.front, back: c.back })), tags },
        );
        if (this.#disposed) return true;
        this.#useNote(note);
        this.#saved = this.#snapshot();
        if (this.infoStatus !== 'idle') void this.loadInfo();
      }
      this.#options.onSaved?.(note, this.target.mode);
      return true;
    } catch (error) {
      if (!this.#disposed) this.saveError = errorMessage(error);
      return false;
    } finally {
      this.saving = false;
    }
  }

  setTab(tab: EditorTab): void {
    if (tab === 'info' && this.mode !== 'edit') return;
    this.tab = tab;
    if (tab === 'info' && this.infoStatus !== 'ready') void this.loadInfo();
  }

  async loadInfo(): Promise<void> {
    const cardId = this.cardId;
    if (cardId === null) return;
    this.infoStatus = this.info ? 'ready' : 'loading';
    try {
      const info = await this.#api.cardInfo({ cardId });
      if (this.#disposed) return;
      this.info = info;
      this.infoStatus = 'ready';
      this.infoError = null;
    } catch (error) {
      if (this.#disposed) return;
      this.infoError = errorMessage(error);
      if (!this.info) this.infoStatus = 'failed';
    }
  }

  dispose(): void {
    this.#disposed = true;
    if (this.#previewTimer) clearTimeout(this.#previewTimer);
  }
}
