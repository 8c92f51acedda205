// Which exam domains a card belongs to: the ONE rule every domain figure uses (readiness per domain
// and overall, coverage, the projection, practice-test questions and their per-domain scores).
//
// The rule (MEMBERSHIP_RULE says it in a sentence for the UI and the CLI):
// - each of the card's note's tags goes to the domain of its most specific mapped tag: the tag
//   itself, else its parent ("aws::security::iam" → "aws::security" → "aws"); tags compare
//   case-insensitively, as in Anki;
// - a card whose tags reach one or more domains belongs to each of them (tags are more specific
//   than decks);
// - otherwise the card belongs to its deck's domain, if its deck is mapped; otherwise to none.
// Per-deck figures stay per deck, whatever the tags say.
//
// Scale: cards are never classified one by one in SQL. Callers group cards by (deck, note tags) in
// one query and classify each distinct tag string once (memoised), so the cost grows with the
// number of distinct tag strings, not of cards; without tag mappings no note is read at all.
import type { ExamProfile } from './profile';

export const MEMBERSHIP_RULE =
  'A card counts in the domain of its note\u2019s most specific mapped tag (a tag also covers its sub-tags, so ' +
  'aws::security covers aws::security::iam; tags mapped to several domains count in each), otherwise in its deck\u2019s domain.';

export interface DomainMapping {
  /** deck id → domain id. */
  readonly deck: ReadonlyMap<number, number>;
  /** lower-cased mapped tag → domain id. */
  readonly tag: ReadonlyMap<string, number>;
}

/** One class of cards: same deck, same domains. `key` identifies it across the readiness sums and the projection. */
export interface CardGroup {
  key: string;
  deck: number;
  domains: readonly number[];
}

export function domainMapping(exam: Pick<ExamProfile, 'domains'>): DomainMapping {
  const deck = new Map<number, number>();
  const tag = new Map<string, number>();
  for (const d of exam.domains) {
    for (const k of d.decks) deck.set(k.id, d.id);
    for (const t of d.tags) tag.set(t.toLowerCase(), d.id);
  }
  return { deck, tag };
}

/** The domains a note's tags (space-separated, as in note.tags) reach, in first-seen order. */
export function tagDomains(tags: string, mapping: DomainMapping): number[] {
  const found: number[] = [];
  if (mapping.tag.size === 0) return found;
  for (const tag of tags.toLowerCase().split(' ')) {
    // The tag itself, then each parent: the first mapped one is the most specific.
    for (let t = tag; t !== ''; t = t.includes('::') ? t.slice(0, t.lastIndexOf('::')) : '') {
      const domain = mapping.tag.get(t);
      if (domain !== undefined) {
        if (!found.includes(domain)) found.push(domain);
        break;
      }
    }
  }
  return found;
}

/** The rule: the domains the tags reach, else the deck's domain, else none. */
export function cardDomains(deckId: number, tags: string, mapping: DomainMapping): number[] {
  const byTag = tagDomains(tags, mapping);
  if (byTag.length) return byTag;
  const byDeck = mapping.deck.get(deckId);
  return byDeck === undefined ? [] : [byDeck];
}

/** Classifies (deck, tags) pairs, each distinct tag string once. */
export function createGrouper(mapping: DomainMapping): (deckId: number, tags: string) => CardGroup {
  const byTags = new Map<string, number[]>();
  const groups = new Map<string, CardGroup>();
  return (deck, tags) => {
    let fromTags = byTags.get(tags);
    if (!fromTags) byTags.set(tags, (fromTags = tagDomains(tags, mapping)));
    const key = fromTags.length ? `${deck}:${fromTags.join(',')}` : `${deck}`;
    let group = groups.get(key);
    if (!group) {
      const byDeck = mapping.deck.get(deck);
      groups.set(key, (group = { key, deck, domains: fromTags.length ? fromTags : byDeck === undefined ? [] : [byDeck] }));
    }
    return group;
  };
}

/** Whether tags matter at all: without tag mappings every card of a deck is in the same group. */
export function usesTags(mapping: DomainMapping): boolean {
  return mapping.tag.size > 0;
}

/**
 * A SQL condition (on `tagsColumn`, a note.tags column) true for notes with a tag the mapping covers
 * (a mapped tag or one of its sub-tags): a pre-filter, the rule above decides. LIKE compares ASCII
 * case-insensitively, as tags do; % and _ in tags are escaped.
 */
export function mappedTagsFilter(tagsColumn: string, mapping: DomainMapping): { sql: string; params: string[] } {
  const params: string[] = [];
  const parts: string[] = [];
  for (const tag of mapping.tag.keys()) {
    const t = tag.replace(/[\\%_]/g, (c) => `\\${c}`);
    parts.push(`' ' || ${tagsColumn} || ' ' LIKE ? ESCAPE '\\' OR ' ' || ${tagsColumn} || ' ' LIKE ? ESCAPE '\\'`);
    params.push(`% ${t} %`, `% ${t}::%`);
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : '0', params };
}
