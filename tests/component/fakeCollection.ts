// The collection-management part of the component tests' fake api: cards, notes and decks for
// the browser, bulk actions with an undo stack, the editor, deck option presets, app settings,
// backups and the database check. Kept in memory; each undoable change saves a snapshot, and undo
// puts the latest one back. FakeApi (fakeApi.ts) delegates to it.
//
// The query language is a small subset of the core's (free text, "phrases", deck:, is:suspended,
// is:new, tag:, -negation), enough for the renderer's tests; a stray quote is an error worded
// like the core's.

import type {
  AppSettings,
  BackupEntry,
  BackupInfo,
  BrowseColumn,
  BrowseQuery,
  BrowseRow,
  BulkAction,
  BulkResult,
  CardInfo,
  CardPreview,
  CardState,
  CardStatus,
  CheckReport,
  DeckDeleted,
  DeckInfo,
  DeckOptions,
  DeckPreset,
  EditableNoteKind,
  NoteDetail,
  NoteInput,
  NoteKind,
  NoteUpdate,
  RestoreResult,
  SanitizedHtml,
  UndoStep,
} from '../../electron/shared/contract';

const DAY = 86_400_000;
/** The fake collection's "now". */
export const COLLECTION_NOW = Date.parse('2026-03-02T08:00:00Z');

interface FakeCard {
  id: number;
  noteId: number;
  deckId: number;
  ord: number;
  front: string;
  back: string;
  state: CardState;
  suspended: boolean;
  buriedUntil: number | null;
  flag: number;
  due: number;
  position: number;
  interval: number;
  stability: number;
  difficulty: number;
  reps: number;
  lapses: number;
  lastReview: number | null;
}

interface FakeNote {
  id: number;
  deckId: number;
  kind: NoteKind;
  fields: string[] | null;
  tags: string[];
  added: number;
  edited: number;
}

interface State {
  decks: { id: number; name: string; presetId: number; builtin: boolean }[];
  notes: FakeNote[];
  cards: FakeCard[];
  presets: DeckPreset[];
  settings: AppSettings;
  nextId: number;
}

export const DEFAULT_OPTIONS: DeckOptions = {
  desiredRetention: 0.9,
  maximumInterval: 36500,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  weights: null,
  enableFuzz: true,
  newPerDay: 20,
  reviewsPerDay: 200,
  burySiblings: true,
};

const html = (s: string) => s as SanitizedHtml;

/** A stand-in for the core's Markdown renderer: escaped text in a paragraph, **bold** kept. */
export function fakeRender(text: string): SanitizedHtml {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
  return html(escaped.trim() ? `<p>${escaped}</p>` : '');
}

function plain(text: string): string {
  return text.replace(/\{\{c\d+::(.*?)(?:::[^}]*)?\}\}/g, '$1').replace(/[*_`]/g, '').trim();
}

const CLOZE = /\{\{c(\d+)::(.*?)(?:::([^}]*))?\}\}/g;

function sides(kind: EditableNoteKind, fields: string[], strict: boolean): { ord: number; front: string; back: string }[] {
  const [first = '', second = ''] = fields;
  if (kind === 'cloze') {
    const numbers = [...new Set([...first.matchAll(CLOZE)].map((m) => Number(m[1])))].sort((a, b) => a - b);
    if (strict && numbers.length === 0) throw new Error('The cloze text has no deletion; mark one like {{c1::answer}}.');
    return numbers.map((n) => ({
      ord: n - 1,
      front: first.replace(CLOZE, (_a, num: string, answer: string, hint?: string) => (Number(num) === n ? `[${hint ?? '...'}]` : answer)),
      back: first.replace(CLOZE, (_a, num: string, answer: string) => (Number(num) === n ? `**${answer}**` : answer)) + (second ? `\n\n${second}` : ''),
    }));
  }
  if (strict && !first.trim()) throw new Error('The front is empty.');
  const list = [{ ord: 0, front: first, back: second }];
  if (kind === 'reversed') list.push({ ord: 1, front: second, back: first });
  return list;
}

function initialState(extraCards: number): State {
  const state: State = {
    decks: [
      { id: 1, name: 'AWS Solutions Architect', presetId: 1, builtin: true },
      { id: 2, name: 'Azure Fundamentals', presetId: 1, builtin: false },
      { id: 3, name: 'AWS Solutions Architect::Security', presetId: 2, builtin: false },
    ],
    notes: [],
    cards: [],
    presets: [
      { id: 1, name: 'Default', isDefault: true, options: { ...DEFAULT_OPTIONS }, deckIds: [] },
      { id: 2, name: 'Exam cram', isDefault: false, options: { ...DEFAULT_OPTIONS, desiredRetention: 0.95, newPerDay: 50 }, deckIds: [] },
    ],
    settings: { dayStartHour: 4, theme: 'system', language: 'system', fontSize: 16 },
    nextId: 1000,
  };
  const add = (id: number, cardIds: number[], deckId: number, kind: NoteKind, fields: string[] | null, cards: [string, string][], tags: string[], patch: Partial<FakeCard> = {}) => {
    state.notes.push({ id, deckId, kind, fields, tags, added: COLLECTION_NOW - (100 - id) * DAY, edited: COLLECTION_NOW - (100 - id) * DAY });
    cards.forEach(([front, back], ord) =>
      state.cards.push({
        id: cardIds[ord]!,
        noteId: id,
        deckId,
        ord,
        front,
        back,
        state: 'new',
        suspended: false,
        buriedUntil: null,
        flag: 0,
        due: COLLECTION_NOW,
        position: id,
        interval: 0,
        stability: 0,
        difficulty: 0,
        reps: 0,
        lapses: 0,
        lastReview: null,
        ...patch,
      }),
    );
  };
  // The study fake's three cards (ids 11, 12, 13) come from notes 1, 2 and 3 in deck 1.
  add(1, [11], 1, 'generated', null, [['Which S3 storage class is cheapest for archives?', 'S3 Glacier Deep Archive']], ['aws::s3']);
  add(2, [12], 1, 'basic', ['What does IAM stand for?', 'Identity and Access Management'], [['What does IAM stand for?', 'Identity and Access Management']], ['security'], {
    state: 'learning',
    reps: 1,
    stability: 0.4,
    difficulty: 6.2,
    lastReview: COLLECTION_NOW - 3_600_000,
    due: COLLECTION_NOW + 600_000,
  });
  add(3, [13], 1, 'basic', ['Default VPC CIDR block?', '`172.31.0.0/16`'], [['Default VPC CIDR block?', '`172.31.0.0/16`']], ['networking'], {
    state: 'review',
    reps: 5,
    lapses: 1,
    stability: 15.3,
    difficulty: 5.1,
    interval: 15,
    lastReview: COLLECTION_NOW - 10 * DAY,
    due: COLLECTION_NOW + 5 * DAY,
  });
  add(4, [41, 42], 2, 'reversed', ['Blob storage', 'Object storage in Azure'], [['Blob storage', 'Object storage in Azure'], ['Object storage in Azure', 'Blob storage']], [], { suspended: true });
  add(5, [51, 52], 3, 'cloze', ['{{c1::KMS}} manages {{c2::keys}}', ''], [['[...] manages keys', '**KMS** manages keys'], ['KMS manages [...]', 'KMS manages **keys**']], ['security'], { flag: 1 });
  for (let i = 0; i < extraCards; i++) {
    const id = 100 + i;
    state.notes.push({ id, deckId: 2, kind: 'basic', fields: [`Question ${i + 1}`, `Answer ${i + 1}`], tags: [], added: COLLECTION_NOW, edited: COLLECTION_NOW });
    state.cards.push({
      id: 100_000 + i,
      noteId: id,
      deckId: 2,
      ord: 0,
      front: `Question ${i + 1}`,
      back: `Answer ${i + 1}`,
      state: 'new',
      suspended: false,
      buriedUntil: null,
      flag: 0,
      due: COLLECTION_NOW,
      position: id,
      interval: 0,
      stability: 0,
      difficulty: 0,
      reps: 0,
      lapses: 0,
      lastReview: null,
    });
  }
  state.nextId = 100 + extraCards + 1000;
  return state;
}

export class CollectionFake {
  state: State;
  undoStack: { step: UndoStep; before: State }[] = [];
  backups: (BackupEntry & { state: State })[] = [];
  /** What the next database check reports. */
  checkProblems: CheckReport['problems'] = [];

  constructor(
    readonly now: () => number = () => COLLECTION_NOW,
    extraCards = 0,
  ) {
    this.state = initialState(extraCards);
  }

  #record<T>(kind: UndoStep['kind'], count: number, change: () => T): T {
    const before = structuredClone(this.state);
    const result = change();
    this.undoStack.push({ step: { source: 'action', kind, label: `${kind} ${count}`, count, at: new Date(this.now()).toISOString() }, before });
    return result;
  }

  // Look-ups by id, rebuilt when the list changes (100,000 cards must stay quick).
  #cards: { list: FakeCard[]; size: number; byId: Map<number, FakeCard> } | null = null;
  #notes: { list: FakeNote[]; size: number; byId: Map<number, FakeNote> } | null = null;

  card(id: number): FakeCard {
    const list = this.state.cards;
    if (this.#cards?.list !== list || this.#cards.size !== list.length) this.#cards = { list, size: list.length, byId: new Map(list.map((c) => [c.id, c])) };
    const c = this.#cards.byId.get(id);
    if (!c) throw new Error(`There is no card with id ${id}.`);
    return c;
  }

  note(id: number): FakeNote {
    const list = this.state.notes;
    if (this.#notes?.list !== list || this.#notes.size !== list.length) this.#notes = { list, size: list.length, byId: new Map(list.map((n) => [n.id, n])) };
    const n = this.#notes.byId.get(id);
    if (!n) throw new Error(`There is no note with id ${id}.`);
    return n;
  }

  deckName(id: number): string {
    return this.state.decks.find((d) => d.id === id)?.name ?? '?';
  }

  // --- Search -------------------------------------------------------------------------------------

  #matches(query: string): (c: FakeCard) => boolean {
    const quotes = (query.match(/"/g) ?? []).length;
    if (quotes % 2 === 1) throw new Error(`The quote in ${JSON.stringify(query.slice(query.indexOf('"')))} is never closed.`);
    const terms = [...query.matchAll(/(-?)(?:(\w+):)?(?:"((?:[^"\\]|\\.)*)"|(\S+))/g)].map((m) => ({
      not: m[1] === '-',
      key: m[2]?.toLowerCase() ?? null,
      value: (m[3] ?? m[4] ?? '').replace(/\\(.)/g, '$1'),
    }));
    const tests = terms.map(({ not, key, value }) => {
      let test: (c: FakeCard) => boolean;
      const v = value.toLowerCase();
      if (key === 'deck') test = (c) => {
        const name = this.deckName(c.deckId).toLowerCase();
        return name === v || name.startsWith(`${v}::`);
      };
      else if (key === 'is') {
        if (!['new', 'suspended', 'review', 'learn'].includes(v)) throw new Error(`"is:${value}" is not a card state (use new, learn, review, suspended, buried, due, marked or flagged).`);
        test = (c) => (v === 'suspended' ? c.suspended : v === 'learn' ? c.state === 'learning' : c.state === v);
      } else if (key === 'tag') test = (c) => this.note(c.noteId).tags.some((t) => t.toLowerCase() === v);
      else if (key !== null) throw new Error(`"${key}:" is not a search keyword.`);
      else test = (c) => c.front.toLowerCase().includes(v) || c.back.toLowerCase().includes(v);
      return not ? (c: FakeCard) => !test(c) : test;
    });
    return (c) => tests.every((t) => t(c));
  }

  #sortKey(c: FakeCard, column: BrowseColumn): string | number {
    switch (column) {
      case 'front':
      case 'back':
        return plain(c[column]).toLowerCase();
      case 'deck':
        return this.deckName(c.deckId).toLowerCase();
      case 'tags':
        return this.note(c.noteId).tags.join(' ');
      case 'state':
        return ['new', 'learning', 'review', 'relearning'].indexOf(c.state);
      case 'due':
        return c.state === 'new' ? 1e15 + c.position : c.due;
      case 'stability':
        return c.state === 'new' ? -1 : c.stability;
      case 'difficulty':
        return c.state === 'new' ? -1 : c.difficulty;
      case 'retrievability':
        return this.#retrievability(c) ?? -1;
      case 'lapses':
        return c.lapses;
      case 'reps':
        return c.reps;
      case 'interval':
        return c.interval;
      case 'flag':
        return c.flag;
      case 'added':
        return this.note(c.noteId).added;
      case 'edited':
        return this.note(c.noteId).edited;
    }
  }

  #retrievability(c: FakeCard): number | null {
    if (c.state === 'new' || c.lastReview === null) return null;
    const t = (this.now() - c.lastReview) / DAY;
    return Math.pow(1 + (19 / 81) * (t / c.stability), -0.5);
  }

  searchCardIds(q: BrowseQuery): number[] {
    const match = this.#matches(q.query);
    const sort = q.sort ?? 'added';
    const dir = q.descending ? -1 : 1;
    return this.state.cards
      .filter(match)
      .map((c) => ({ id: c.id, key: this.#sortKey(c, sort) }))
      .sort((a, b) => (a.key < b.key ? -dir : a.key > b.key ? dir : (a.id - b.id) * dir))
      .map((x) => x.id);
  }

  browseRows(ids: number[]): BrowseRow[] {
    if (ids.length > 1000) throw new Error('At most 1000 rows can be fetched at once.');
    const byId = new Map(this.state.cards.map((c) => [c.id, c]));
    return ids.flatMap((id) => {
      const c = byId.get(id);
      if (!c) return [];
      const n = this.note(c.noteId);
      const reviewed = c.state !== 'new';
      return [
        {
          id: c.id,
          noteId: c.noteId,
          deckId: c.deckId,
          deck: this.deckName(c.deckId),
          front: plain(c.front),
          back: plain(c.back),
          tags: [...n.tags],
          state: c.state,
          suspended: c.suspended,
          buried: c.buriedUntil !== null && c.buriedUntil > this.now(),
          flag: c.flag,
          marked: n.tags.includes('marked'),
          due: reviewed ? new Date(c.due).toISOString() : null,
          position: reviewed ? null : c.position,
          interval: c.interval,
          stability: reviewed ? c.stability : null,
          difficulty: reviewed ? c.difficulty : null,
          retrievability: this.#retrievability(c),
          reps: c.reps,
          lapses: c.lapses,
          added: new Date(n.added).toISOString(),
          edited: new Date(n.edited).toISOString(),
        },
      ];
    });
  }

  // --- Bulk actions and undo ------------------------------------------------------------------------

  bulkAction(cardIds: number[], action: BulkAction): BulkResult {
    if (cardIds.length === 0) throw new Error('Select at least one card.');
    const cards = cardIds.map((id) => this.card(id));
    const notes = [...new Set(cards.map((c) => c.noteId))].map((id) => this.note(id));
    let kind = action.kind;
    if (action.kind === 'toggleMark') kind = notes.every((n) => n.tags.includes('marked')) ? 'unmark' : 'mark';
    if (action.kind === 'move' && !this.state.decks.some((d) => d.id === action.deckId)) throw new Error(`There is no deck with id ${action.deckId}.`);
    if (action.kind === 'reschedule' && action.date < new Date(this.now()).toISOString().slice(0, 10)) {
      throw new Error(`The date ${action.date} is in the past; choose today or a later day.`);
    }
    const deletedCards = action.kind === 'delete' ? this.state.cards.filter((c) => notes.some((n) => n.id === c.noteId)).length : cards.length;
    this.#record(kind, deletedCards, () => {
      // Work on the live objects (the snapshot was taken before).
      const live = cardIds.map((id) => this.card(id));
      const liveNotes = notes.map((n) => this.note(n.id));
      switch (action.kind) {
        case 'suspend':
        case 'unsuspend':
          for (const c of live) c.suspended = action.kind === 'suspend';
          break;
        case 'bury':
          for (const c of live) c.buriedUntil = this.now() + DAY;
          break;
        case 'unbury':
          for (const c of live) c.buriedUntil = null;
          break;
        case 'move':
          for (const c of live) c.deckId = action.deckId;
          break;
        case 'flag':
          for (const c of live) c.flag = action.flag;
          break;
        case 'addTags':
          for (const n of liveNotes) n.tags = [...n.tags, ...action.tags.filter((t) => !n.tags.includes(t))];
          break;
        case 'removeTags':
          for (const n of liveNotes) n.tags = n.tags.filter((t) => !action.tags.includes(t));
          break;
        case 'mark':
        case 'unmark':
        case 'toggleMark':
          for (const n of liveNotes) n.tags = kind === 'mark' ? [...n.tags.filter((t) => t !== 'marked'), 'marked'] : n.tags.filter((t) => t !== 'marked');
          break;
        case 'forget':
          for (const c of live) Object.assign(c, { state: 'new', stability: 0, difficulty: 0, interval: 0, lastReview: null, ...(action.resetCounts ? { reps: 0, lapses: 0 } : {}) });
          break;
        case 'reschedule':
          for (const c of live) Object.assign(c, { state: 'review', due: Date.parse(`${action.date}T04:00:00`), stability: c.stability || 5, lastReview: c.lastReview ?? this.now() });
          break;
        case 'delete': {
          const ids = new Set(liveNotes.map((n) => n.id));
          this.state.cards = this.state.cards.filter((c) => !ids.has(c.noteId));
          this.state.notes = this.state.notes.filter((n) => !ids.has(n.id));
          break;
        }
      }
    });
    return { kind, label: `${kind} ${cards.length}`, cards: deletedCards, notes: notes.length };
  }

  /** True when the newest undo step is an action (not an answer, which the study fake keeps). */
  peek(): UndoStep | null {
    return this.undoStack.at(-1)?.step ?? null;
  }

  undoLast(): UndoStep | null {
    const top = this.undoStack.pop();
    if (!top) return null;
    this.state = top.before;
    return top.step;
  }

  /** Marks an answer on the one undo stack (answers are undone by the study fake). */
  pushAnswer(cardId: number): void {
    this.undoStack.push({
      step: { source: 'review', kind: 'answer', label: `Answer card ${cardId}`, count: 1, at: new Date(this.now()).toISOString() },
      before: structuredClone(this.state),
    });
  }

  // --- Editor ---------------------------------------------------------------------------------------

  getNote(noteId: number): NoteDetail {
    const n = this.note(noteId);
    const deck = this.state.decks.find((d) => d.id === n.deckId);
    return {
      id: n.id,
      deckId: n.deckId,
      deck: this.deckName(n.deckId),
      kind: n.kind,
      fields: n.fields ? [...n.fields] : null,
      tags: [...n.tags],
      added: new Date(n.added).toISOString(),
      edited: new Date(n.edited).toISOString(),
      source: deck?.builtin ? 'built-in deck' : null,
      cards: this.state.cards
        .filter((c) => c.noteId === n.id)
        .sort((a, b) => a.ord - b.ord)
        .map((c) => ({ id: c.id, ord: c.ord, deckId: c.deckId, front: c.front, back: c.back, state: c.state })),
    };
  }

  addNote(input: NoteInput): NoteDetail {
    if (!this.state.decks.some((d) => d.id === input.deckId)) throw new Error(`There is no deck with id ${input.deckId}.`);
    const made = sides(input.kind, input.fields, true);
    return this.#record('addNote', made.length, () => {
      const id = this.state.nextId++;
      this.state.notes.push({ id, deckId: input.deckId, kind: input.kind, fields: [...input.fields], tags: [...input.tags], added: this.now(), edited: this.now() });
      for (const s of made) this.state.cards.push(this.#newCard(id, input.deckId, s));
      return this.getNote(id);
    });
  }

  #newCard(noteId: number, deckId: number, s: { ord: number; front: string; back: string }): FakeCard {
    return {
      id: this.state.nextId++,
      noteId,
      deckId,
      ord: s.ord,
      front: s.front,
      back: s.back,
      state: 'new',
      suspended: false,
      buriedUntil: null,
      flag: 0,
      due: this.now(),
      position: this.state.nextId,
      interval: 0,
      stability: 0,
      difficulty: 0,
      reps: 0,
      lapses: 0,
      lastReview: null,
    };
  }

  updateNote(update: NoteUpdate): NoteDetail {
    const note = this.note(update.noteId);
    if (update.fields && !note.fields) throw new Error(`Note ${note.id} has no fields to edit; edit its cards one by one instead.`);
    const made = update.fields ? sides(note.kind as EditableNoteKind, update.fields, true) : null;
    for (const c of update.cards ?? []) if (!c.front.trim()) throw new Error(`The front of card ${c.id} is empty.`);
    return this.#record('editNote', 1, () => {
      const n = this.note(update.noteId);
      if (update.tags) n.tags = [...update.tags];
      if (made && update.fields) {
        n.fields = [...update.fields];
        const existing = this.state.cards.filter((c) => c.noteId === n.id);
        for (const s of made) {
          const c = existing.find((x) => x.ord === s.ord);
          if (c) Object.assign(c, { front: s.front, back: s.back });
          else this.state.cards.push(this.#newCard(n.id, n.deckId, s));
        }
        const keep = new Set(made.map((s) => s.ord));
        this.state.cards = this.state.cards.filter((c) => c.noteId !== n.id || keep.has(c.ord));
      }
      for (const u of update.cards ?? []) Object.assign(this.card(u.id), { front: u.front, back: u.back });
      n.edited = this.now();
      return this.getNote(n.id);
    });
  }

  previewNote(kind: EditableNoteKind, fields: string[]): CardPreview[] {
    return sides(kind, fields, false).map((s) => ({ ord: s.ord, front: fakeRender(s.front), back: fakeRender(s.back) }));
  }

  cardInfo(cardId: number, examDay: string | null): CardInfo {
    const c = this.card(cardId);
    const n = this.note(c.noteId);
    const reviewed = c.state !== 'new';
    const preset = this.state.presets.find((p) => p.id === this.state.decks.find((d) => d.id === c.deckId)?.presetId) ?? this.state.presets[0]!;
    return {
      id: c.id,
      noteId: c.noteId,
      deckId: c.deckId,
      deck: this.deckName(c.deckId),
      preset: preset.name,
      front: fakeRender(c.front),
      back: fakeRender(c.back),
      tags: [...n.tags],
      state: c.state,
      suspended: c.suspended,
      buried: c.buriedUntil !== null && c.buriedUntil > this.now(),
      flag: c.flag,
      marked: n.tags.includes('marked'),
      added: new Date(n.added).toISOString(),
      due: reviewed ? new Date(c.due).toISOString() : null,
      position: reviewed ? null : c.position,
      interval: c.interval,
      reps: c.reps,
      lapses: c.lapses,
      stability: reviewed ? c.stability : null,
      difficulty: reviewed ? c.difficulty : null,
      retrievabilityNow: this.#retrievability(c),
      examDay: examDay ? { date: examDay, retrievability: reviewed ? 0.72 : null } : null,
      firstReview: c.lastReview === null ? null : new Date(c.lastReview - 5 * DAY).toISOString(),
      latestReview: c.lastReview === null ? null : new Date(c.lastReview).toISOString(),
      averageTimeMs: c.reps ? 8000 : null,
      totalTimeMs: c.reps * 8000,
      reviews:
        c.lastReview === null
          ? []
          : [
              { at: new Date(c.lastReview).toISOString(), rating: 'good', state: 'review', interval: c.interval, stability: c.stability, difficulty: c.difficulty, elapsedDays: 5, durationMs: 8000, origin: 'app' },
              { at: new Date(c.lastReview - 5 * DAY).toISOString(), rating: 'again', state: 'new', interval: 0, stability: 0.4, difficulty: 6.4, elapsedDays: 0, durationMs: 12000, origin: 'import' },
            ],
    };
  }

  cardStatus(cardId: number): CardStatus {
    const c = this.card(cardId);
    return { id: c.id, flag: c.flag, marked: this.note(c.noteId).tags.includes('marked'), suspended: c.suspended, buried: c.buriedUntil !== null && c.buriedUntil > this.now() };
  }

  // --- Decks -----------------------------------------------------------------------------------------

  deckTree(): DeckInfo[] {
    const decks = [...this.state.decks].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
    return decks.map((d) => {
      const parts = d.name.split('::');
      const parentName = parts.slice(0, -1).join('::');
      const preset = this.state.presets.find((p) => p.id === d.presetId)!;
      return {
        id: d.id,
        name: d.name,
        leafName: parts.at(-1)!,
        depth: parts.length - 1,
        parentId: this.state.decks.find((x) => x.name === parentName)?.id ?? null,
        presetId: preset.id,
        presetName: preset.name,
        cards: this.state.cards.filter((c) => c.deckId === d.id).length,
        builtin: d.builtin,
      };
    });
  }

  #checkName(name: string, except?: number): string {
    const clean = name.split('::').map((p) => p.trim()).join('::');
    if (!clean.replace(/:/g, '')) throw new Error('A deck needs a name.');
    if (clean.split('::').some((p) => p === '')) throw new Error(`The deck name "${name.trim()}" has an empty part; write it like "Parent::Child".`);
    const clash = this.state.decks.find((d) => d.id !== except && d.name.toLowerCase() === clean.toLowerCase());
    if (clash) throw new Error(`There is already a deck called "${clash.name}".`);
    return clean;
  }

  createDeck(name: string): DeckInfo {
    const clean = this.#checkName(name);
    const id = this.#record('createDeck', 1, () => {
      const deckId = this.state.nextId++;
      this.state.decks.push({ id: deckId, name: clean, presetId: 1, builtin: false });
      return deckId;
    });
    return this.deckTree().find((d) => d.id === id)!;
  }

  renameDeck(deckId: number, name: string): DeckInfo {
    const deck = this.state.decks.find((d) => d.id === deckId);
    if (!deck) throw new Error(`There is no deck with id ${deckId}.`);
    const clean = this.#checkName(name, deckId);
    this.#record('renameDeck', 1, () => {
      const old = `${deck.name}::`;
      for (const d of this.state.decks) if (d.name.startsWith(old)) d.name = clean + d.name.slice(deck.name.length);
      this.state.decks.find((d) => d.id === deckId)!.name = clean;
    });
    return this.deckTree().find((d) => d.id === deckId)!;
  }

  deleteDeck(deckId: number): DeckDeleted {
    const deck = this.state.decks.find((d) => d.id === deckId);
    if (!deck) throw new Error(`There is no deck with id ${deckId}.`);
    const family = this.state.decks.filter((d) => d.id === deckId || d.name.startsWith(`${deck.name}::`)).map((d) => d.id);
    const cards = this.state.cards.filter((c) => family.includes(c.deckId));
    const noteIds = new Set(cards.map((c) => c.noteId));
    this.#record('deleteDeck', family.length, () => {
      this.state.cards = this.state.cards.filter((c) => !family.includes(c.deckId));
      this.state.notes = this.state.notes.filter((n) => !noteIds.has(n.id) || this.state.cards.some((c) => c.noteId === n.id));
      this.state.decks = this.state.decks.filter((d) => !family.includes(d.id));
    });
    return { decks: family.length, notes: noteIds.size, cards: cards.length, reviews: cards.reduce((s, c) => s + c.reps, 0) };
  }

  // --- Presets and settings ------------------------------------------------------------------------

  presets(): DeckPreset[] {
    return this.state.presets.map((p) => ({ ...structuredClone(p), deckIds: this.state.decks.filter((d) => d.presetId === p.id).map((d) => d.id) }));
  }

  preset(id: number): DeckPreset {
    const p = this.presets().find((x) => x.id === id);
    if (!p) throw new Error(`There is no deck options preset with id ${id}.`);
    return p;
  }

  createPreset(name: string, copyFrom = 1): DeckPreset {
    if (!name.trim()) throw new Error('A preset needs a name.');
    if (this.state.presets.some((p) => p.name.toLowerCase() === name.trim().toLowerCase())) throw new Error(`There is already a preset called "${name.trim()}".`);
    const id = this.state.nextId++;
    this.state.presets.push({ id, name: name.trim(), isDefault: false, options: structuredClone(this.preset(copyFrom).options), deckIds: [] });
    return this.preset(id);
  }

  updatePreset(presetId: number, name: string | undefined, options: Partial<DeckOptions> | undefined): DeckPreset {
    const p = this.state.presets.find((x) => x.id === presetId);
    if (!p) throw new Error(`There is no deck options preset with id ${presetId}.`);
    if (options?.desiredRetention !== undefined && (options.desiredRetention < 0.7 || options.desiredRetention > 0.99)) {
      throw new Error('The deck option "desiredRetention" must be a number from 0.70 to 0.99.');
    }
    if (options?.newPerDay !== undefined && (options.newPerDay < 0 || options.newPerDay > 9999)) throw new Error('The deck option "newPerDay" must be a whole number from 0 to 9999.');
    for (const key of ['learningSteps', 'relearningSteps'] as const) {
      const bad = options?.[key]?.find((s) => !/^\d+(\.\d+)?[smhd]$/.test(s));
      if (bad !== undefined) throw new Error(`The deck option "${key}" has an invalid step ${JSON.stringify(bad)} (use minutes, hours or days: "10m", "1h", "1d").`);
    }
    if (name !== undefined) {
      if (!name.trim()) throw new Error('A preset needs a name.');
      p.name = name.trim();
    }
    if (options) p.options = { ...p.options, ...options };
    return this.preset(presetId);
  }

  deletePreset(presetId: number): { decks: number } {
    const p = this.preset(presetId);
    if (p.isDefault) throw new Error('The Default preset can’t be deleted.');
    return this.#record('deletePreset', 1, () => {
      const decks = this.state.decks.filter((d) => d.presetId === presetId);
      for (const d of decks) d.presetId = 1;
      this.state.presets = this.state.presets.filter((x) => x.id !== presetId);
      return { decks: decks.length };
    });
  }

  setDeckPreset(deckIds: number[], presetId: number): DeckPreset {
    this.preset(presetId);
    this.#record('setDeckPreset', deckIds.length, () => {
      for (const d of this.state.decks) if (deckIds.includes(d.id)) d.presetId = presetId;
    });
    return this.preset(presetId);
  }

  updateSettings(patch: Partial<AppSettings>): AppSettings {
    if (patch.fontSize !== undefined && (patch.fontSize < 12 || patch.fontSize > 28)) throw new Error('The setting "fontSize" must be a whole number from 12 to 28.');
    this.state.settings = { ...this.state.settings, ...patch };
    return { ...this.state.settings };
  }

  // --- Backups and the check -------------------------------------------------------------------------

  backup(): BackupInfo {
    const at = this.now() + this.backups.length * 60_000;
    const file = `backup-${new Date(at).toISOString().replace(/[:.]/g, '-')}.stratus`;
    const entry = { file, path: `/backups/${file}`, createdAt: new Date(at).toISOString(), size: 180_000 + this.state.cards.length * 100 };
    this.backups.push({ ...entry, state: structuredClone(this.state) });
    return { ...entry, cards: this.state.cards.length, reviews: this.state.cards.reduce((s, c) => s + c.reps, 0) };
  }

  listBackups(): BackupEntry[] {
    return this.backups.map(({ state: _state, ...entry }) => entry);
  }

  restore(file: string): RestoreResult {
    const found = this.backups.find((b) => b.file === file);
    if (!found) throw new Error(`There is no backup called "${file}".`);
    const safetyBackup = this.backup();
    this.state = structuredClone(found.state);
    this.undoStack = [];
    return { restored: file, safetyBackup, cards: this.state.cards.length, reviews: this.state.cards.reduce((s, c) => s + c.reps, 0) };
  }

  check(): CheckReport {
    return {
      ok: this.checkProblems.every((p) => p.repaired),
      problems: structuredClone(this.checkProblems),
      counts: { decks: this.state.decks.length, notes: this.state.notes.length, cards: this.state.cards.length, reviews: this.state.cards.reduce((s, c) => s + c.reps, 0) },
    };
  }
}
