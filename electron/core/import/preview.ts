// An import plan → the rows of the app's preview table (plain values for IPC): each card with
// what happens to it, then each skipped entry with its reason. Card sides are shortened plain
// text, so a 100,000-card preview stays small and nothing in it needs rendering.
import type { ImportPreviewRow } from '../../shared/contract';
import type { ImportPlan } from './pipeline';

const MAX_TEXT = 160;

export function previewRows(plan: ImportPlan): ImportPreviewRow[] {
  const rows: ImportPreviewRow[] = plan.cards.map((c) => ({
    action: c.action,
    changes: c.changes,
    deck: c.deck,
    front: excerpt(c.front),
    back: excerpt(c.back),
    file: c.file,
    line: c.line,
    reason: null,
    newReviews: c.newReviews,
  }));
  for (const s of plan.skipped) {
    rows.push({
      action: 'skip', changes: [], deck: '', front: '', back: '', file: s.file, line: s.line, reason: s.reason, newReviews: 0,
      ...(s.reasonMessage ? { reasonMessage: s.reasonMessage } : {}),
    });
  }
  return rows;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Markdown or HTML → one line of plain text, at most MAX_TEXT characters. */
export function excerpt(text: string): string {
  const plain = text
    .slice(0, MAX_TEXT * 20)
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_m, e: string) => ENTITIES[e]!)
    .replace(/(\*\*|__|==|~~|`)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > MAX_TEXT ? `${plain.slice(0, MAX_TEXT - 1)}…` : plain;
}
