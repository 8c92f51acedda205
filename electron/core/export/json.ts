// A deck → Stratus JSON (the format is defined in ../import/stratusJson.ts): every note, card,
// exact memory state and review row, so importing the file gives back the same deck, schedule and
// history. Written compactly (one line); it is a file for Stratus, not for reading.
import { STRATUS_JSON_FORMAT, STRATUS_JSON_VERSION, type StratusExport } from '../import/stratusJson';
import type { ExportedDeck } from './collect';

export function toStratusJson(deck: ExportedDeck, now: number): StratusExport {
  const byDeck = new Map<string, StratusExport['decks'][number]>();
  // The deck first, then its sub-decks, each with its notes in creation order.
  for (const name of [deck.name, ...deck.decks.filter((d) => d !== deck.name)]) byDeck.set(name, { name, notes: [] });
  for (const n of deck.notes) {
    byDeck.get(n.deck)!.notes.push({
      key: n.key,
      kind: n.kind,
      fields: n.fields,
      tags: n.tags,
      source: n.source,
      createdAt: n.createdAt,
      cards: n.cards.map((c) => ({ ord: c.ord, front: c.front, back: c.back, suspended: c.suspended, memory: c.memory, history: c.history })),
    });
  }
  return { format: STRATUS_JSON_FORMAT, version: STRATUS_JSON_VERSION, exportedAt: new Date(now).toISOString(), decks: [...byDeck.values()] };
}

export function exportJsonText(deck: ExportedDeck, now: number): string {
  return `${JSON.stringify(toStratusJson(deck, now))}\n`;
}
