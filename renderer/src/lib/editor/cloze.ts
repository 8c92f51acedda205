// Cloze deletions as Anki writes them: {{c1::answer}} or {{c1::answer::hint}}. The editor's
// Cloze button (Ctrl+Shift+C) wraps the selected text in the next number; with Alt it reuses the
// highest number, so several gaps share one card.

const CLOZE = /\{\{c(\d+)::/g;

/** The highest cloze number in a text, 0 when there is none. */
export function highestCloze(text: string): number {
  let max = 0;
  for (const m of text.matchAll(CLOZE)) max = Math.max(max, Number(m[1]));
  return max;
}

export interface ClozeEdit {
  text: string;
  /** Where the selection goes afterwards: the wrapped text, or inside the empty gap. */
  selectionStart: number;
  selectionEnd: number;
}

/** Wraps text[start, end) in the next cloze number (or the highest one when `sameNumber`). */
export function wrapCloze(text: string, start: number, end: number, sameNumber = false): ClozeEdit {
  const lo = Math.max(0, Math.min(start, end, text.length));
  const hi = Math.min(text.length, Math.max(start, end));
  const highest = highestCloze(text);
  const n = sameNumber ? Math.max(1, highest) : highest + 1;
  const open = `{{c${n}::`;
  const inner = text.slice(lo, hi);
  return {
    text: `${text.slice(0, lo)}${open}${inner}}}${text.slice(hi)}`,
    selectionStart: lo + open.length,
    selectionEnd: lo + open.length + inner.length,
  };
}
