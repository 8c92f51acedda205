// What every importer produces and the import pipeline consumes. A parser turns one file into
// ParsedNotes (pure: bytes in, plain values out, no database); the pipeline plans the import
// against the collection (added / updated / unchanged / skipped) and applies it in one
// transaction. Exporters produce the same shapes from the collection.
import type { CoreMessage } from '../messages';

/** One answer from imported history, replayed through FSRS (Anki revlog) or kept as is (JSON). */
export interface ImportedReview {
  /** Epoch ms. */
  reviewedAt: number;
  rating: 1 | 2 | 3 | 4;
  durationMs: number;
  /** The review row as Stratus logged it (Stratus JSON); when absent, the replay computes it. */
  log?: ImportedReviewLog;
}

/** What a Stratus review row records besides the answer itself (times epoch ms). */
export interface ImportedReviewLog {
  stateBefore: 0 | 1 | 2 | 3;
  stateAfter: 0 | 1 | 2 | 3;
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
}

/** A card's memory state carried over exactly (Stratus JSON export); times epoch ms. */
export interface ImportedMemory {
  state: 0 | 1 | 2 | 3;
  due: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview: number | null;
}

export interface ImportedCard {
  /** Template number within the note: 0 front→back, 1 back→front, cloze n → n-1. */
  ord: number;
  /** Markdown (or sanitized-on-render HTML from Anki) of each side. */
  front: string;
  back: string;
  suspended?: boolean;
  /** Review history, oldest first. */
  history?: ImportedReview[];
  /** Exact state to keep (JSON import); when absent and history is given, history is replayed. */
  memory?: ImportedMemory;
}

export type NoteKind = 'basic' | 'reversed' | 'cloze' | 'generated';

export interface ImportedNote {
  /** Stable identity across re-imports: Anki guid, or source + term. Stored as note.guid. */
  key: string;
  /** Deck named by the source (Anki deck, `#deck:` header, JSON), or null for the import's deck. */
  deck: string | null;
  kind: NoteKind;
  /** The note's fields as written in the source (front, back; cloze text, extra). */
  fields: string[];
  tags: string[];
  /** Where the note came from: the file and, for text formats, its 1-based line. */
  source: { file: string; line: number | null };
  cards: ImportedCard[];
  /** When the note was first created (Stratus JSON keeps it); epoch ms. New notes default to now. */
  createdAt?: number;
}

/** Something in the source that did not become a card, and why. */
export interface SkippedEntry {
  file: string;
  line: number | null;
  /** Why, in English (the CLI prints it). */
  reason: string;
  /** The same reason as a core message, for the renderer to translate (absent: English only). */
  reasonMessage?: CoreMessage;
}

export type ImportFormat = 'markdown' | 'csv' | 'tsv' | 'apkg' | 'json';

export interface ParsedNotes {
  format: ImportFormat;
  notes: ImportedNote[];
  skipped: SkippedEntry[];
  /** Plain sentences for the summary, e.g. "12 media files were skipped (images and sounds are not imported yet)." */
  notices: string[];
  /** The same notices as core messages, in the same order (absent or null: English only). */
  noticeMessages?: (CoreMessage | null)[];
  /**
   * The deck the source suggests for notes whose `deck` is null (a Markdown folder's or file's
   * name, a CSV file's name); the import's --deck wins over it. Absent: the pipeline's default.
   */
  defaultDeck?: string;
}
