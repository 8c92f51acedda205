// Selection in the card browser, as in a file manager (and Anki's browser): a click selects one
// row, Ctrl/⌘-click toggles one, Shift-click selects the range from the anchor (the last row
// clicked without Shift), Ctrl+Shift-click adds that range, Ctrl+A selects everything. Rows are
// card ids; positions are indexes into the table's ordered ids. Pure functions, so the rules are
// tested without a DOM.

export interface Selection {
  /** Selected card ids. */
  readonly selected: ReadonlySet<number>;
  /** The card the keyboard cursor is on (aria-activedescendant), or null. */
  readonly focus: number | null;
  /** Where a Shift range starts. */
  readonly anchor: number | null;
}

export const EMPTY_SELECTION: Selection = { selected: new Set(), focus: null, anchor: null };

export type SelectMode = 'replace' | 'toggle' | 'range' | 'addRange';

/** The mode a click or arrow key with these modifiers means. */
export function modeFor(event: { shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean }): SelectMode {
  const ctrl = Boolean(event.ctrlKey || event.metaKey);
  if (event.shiftKey) return ctrl ? 'addRange' : 'range';
  return ctrl ? 'toggle' : 'replace';
}

function range(ids: readonly number[], from: number, to: number): number[] {
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  return ids.slice(lo, hi + 1);
}

/**
 * The selection after acting on the row at `index` of `ids`. `indexOf` maps a card id to its
 * position (the anchor is kept as an id, so it survives a refresh that reorders rows).
 */
export function selectAt(
  sel: Selection,
  ids: readonly number[],
  indexOf: (id: number) => number | undefined,
  index: number,
  mode: SelectMode,
): Selection {
  const id = ids[index];
  if (id === undefined) return sel;
  if (mode === 'replace') return { selected: new Set([id]), focus: id, anchor: id };
  if (mode === 'toggle') {
    const selected = new Set(sel.selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    return { selected, focus: id, anchor: id };
  }
  const anchorIndex = sel.anchor === null ? undefined : indexOf(sel.anchor);
  const from = anchorIndex ?? index;
  const span = range(ids, from, index);
  const selected = mode === 'addRange' ? new Set([...sel.selected, ...span]) : new Set(span);
  return { selected, focus: id, anchor: sel.anchor ?? id };
}

/** Only moves the cursor (Ctrl+arrow), leaving the selection as it is. */
export function focusAt(sel: Selection, ids: readonly number[], index: number): Selection {
  const id = ids[index];
  return id === undefined ? sel : { ...sel, focus: id };
}

export function selectAll(sel: Selection, ids: readonly number[]): Selection {
  return { selected: new Set(ids), focus: sel.focus ?? ids[0] ?? null, anchor: sel.anchor ?? ids[0] ?? null };
}

/** After the table's ids changed (search again, cards deleted): keeps what still exists. */
export function keepExisting(sel: Selection, has: (id: number) => boolean): Selection {
  const selected = new Set([...sel.selected].filter(has));
  return {
    selected,
    focus: sel.focus !== null && has(sel.focus) ? sel.focus : null,
    anchor: sel.anchor !== null && has(sel.anchor) ? sel.anchor : null,
  };
}
