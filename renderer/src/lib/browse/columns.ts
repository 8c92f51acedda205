// The card browser's columns: what each shows and how a row's value is written, in the UI's
// language. Every column sorts the table (the core sorts; see electron/core/browse.ts).
import type { BrowseColumn, BrowseRow, CardState } from '../../../../electron/shared/contract';
import { i18n, t } from '../i18n.svelte';

/** A counted sentence: `count` picks the plural form, `formatted` is the number as the UI writes it. */
export function counted(key: string, count: number, extra: Record<string, unknown> = {}): string {
  return t(key, { ...extra, count, formatted: i18n.number(count) });
}

export interface ColumnDef {
  id: BrowseColumn;
  /** CSS grid track of the column. */
  width: string;
  /** Numbers line up on the right. */
  numeric: boolean;
  cell: (row: BrowseRow, now: number) => string;
}

const DAY = 86_400_000;

/** "Review", "New · suspended", "Learning · buried". */
export function stateLabel(row: Pick<BrowseRow, 'state' | 'suspended' | 'buried'>): string {
  const parts = [t(`browse.state.${row.state}`)];
  if (row.suspended) parts.push(t('browse.state.suspended'));
  if (row.buried) parts.push(t('browse.state.buried'));
  return parts.join(' · ');
}

export function stateName(state: CardState): string {
  return t(`browse.state.${state}`);
}

/** Due date of a scheduled card (a date, or a time for learning cards due today); "New #12" for new cards. */
export function dueLabel(row: Pick<BrowseRow, 'due' | 'position' | 'state'>, now: number): string {
  if (row.due === null) return row.position === null ? t('common.none') : t('browse.newPosition', { position: i18n.number(row.position) });
  const due = Date.parse(row.due);
  if (row.state !== 'review' && Math.abs(due - now) < DAY) return i18n.date(due, { hour: '2-digit', minute: '2-digit' });
  return i18n.date(due, { dateStyle: 'medium' });
}

/** Stability in days: one decimal under 10 days ("0.4 d", "3.5 d"), whole days above ("15 d"). */
export function stabilityLabel(stability: number | null): string {
  if (stability === null) return t('common.none');
  const digits = stability < 10 ? 1 : 0;
  return t('browse.days', { value: i18n.number(stability, { maximumFractionDigits: digits, minimumFractionDigits: digits }) });
}

/** FSRS difficulty 1–10 with one decimal. */
export function difficultyLabel(difficulty: number | null): string {
  if (difficulty === null) return t('common.none');
  return i18n.number(difficulty, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

export function retrievabilityLabel(r: number | null): string {
  return r === null ? t('common.none') : i18n.percent(r);
}

/** The columns shown, in order (the contract has a few more the table leaves out). */
export const COLUMNS: readonly ColumnDef[] = [
  { id: 'front', width: 'minmax(7.5rem, 3fr)', numeric: false, cell: (r) => r.front },
  { id: 'back', width: 'minmax(6rem, 2.4fr)', numeric: false, cell: (r) => r.back },
  { id: 'deck', width: 'minmax(5.5rem, 1.3fr)', numeric: false, cell: (r) => r.deck },
  { id: 'tags', width: 'minmax(3.75rem, 1fr)', numeric: false, cell: (r) => r.tags.join(' ') },
  { id: 'state', width: 'minmax(5rem, 0.9fr)', numeric: false, cell: (r) => stateLabel(r) },
  { id: 'due', width: 'minmax(6rem, 0.9fr)', numeric: true, cell: (r, now) => dueLabel(r, now) },
  { id: 'stability', width: 'minmax(3.25rem, 0.55fr)', numeric: true, cell: (r) => stabilityLabel(r.stability) },
  { id: 'difficulty', width: 'minmax(3.75rem, 0.55fr)', numeric: true, cell: (r) => difficultyLabel(r.difficulty) },
  { id: 'retrievability', width: 'minmax(3.75rem, 0.55fr)', numeric: true, cell: (r) => retrievabilityLabel(r.retrievability) },
  { id: 'lapses', width: 'minmax(4.25rem, 0.45fr)', numeric: true, cell: (r) => i18n.number(r.lapses) },
];

/** The grid template shared by the header and every row. */
export const GRID_TEMPLATE = COLUMNS.map((c) => c.width).join(' ');
