// Notes → cards: turns a Markdown study note into the cards a careful student would write.
// Built on the mdast tree from unified + remark-parse + remark-gfm + remark-frontmatter; regular
// expressions only ever look at the text of a single node (or one source line of a paragraph).
// Pure: no I/O, no `electron`.
//
// What becomes a card:
//   key terms        `**Term**: def`, `* ***Term*** = def`, `Term – def`, `Term -- def`, a term on
//                    its own line with the definition on the next (indented, or `: def`), `### Term`
//                    + a paragraph (or, one level below a section, + bullets of plain facts), a
//                    bullet whose child bullets define it, `<strong>`/`<ins>`, "A **term** is …",
//                    "***Term*** stores …", "Met **X** bedoelen we …", `> [!note] Term` callouts
//                    — plain (unbolded) shapes only where the note clearly lists terms (a Key terms
//                    / Begrippen section, a list whose items mostly have that shape, a Title Case
//                    name before a dash or colon)
//   parts            "It has six pillars:" + a list: a card per part and one asking whose part it is
//   examples         "Examples include:" lists (or indented blocks) of `Name – explanation` under
//                    a named group: a card per example and one asking which group it belongs to
//   tables           two columns: AWS | Customer → "who is responsible for X?" per cell;
//                    Security Group | Network ACL → "X: Security Group or Network ACL?";
//                    Term | Definition and Family | Good for → one card per row; wider tables
//                    only as Term | Meaning | more columns (the extra columns go on the back)
//   questions        a "What is EC2" heading is answered by the paragraph below it
//   abbreviations    "Multi-Factor Authentication (MFA)" → "What does MFA stand for?"
//   enumerations     "Every statement has:" + a list of short items → one card with the list
//   explicit syntax  Q::A, Q:::A, ?/?? multi-line cards, ==cloze== and {{c1::cloze::hint}}
// What never does: sources and problems sections, images, link-only lines, placeholders
// (`[Schrijf hier …]`), labels (Note:, TL;DR:, Week 4 -), empty definitions, dangling `etc`.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Blockquote, Code, Heading, Html, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { ImportedNote, NoteKind } from '../import/types';
import {
  capitalize,
  cleanDefinition,
  collapse,
  detectLanguage,
  inlineMd,
  inlinePlain,
  isImageOnly,
  isLinkOnly,
  junkReason,
  normalizeKey,
  shorten,
  slugify,
  stripMarks,
  stripPictographs,
} from './text';
import { EXAMPLES_MARKER, isExamplesHeading, isKeyTermsHeading, isLabel, isStructuralHeading, skipSectionReason } from './sections';
import { explicitCards, multiLine, separatorIndex, stripComments, type ExplicitHit } from './explicit';
import { detailsSegments } from './html';
import { acronymPair, findAcronyms } from './acronyms';
import { boldAlone, hasStrong, isStrongish, normalizeInline, previousSentence, sentencePrefix, splitLines, splitTerm, trimEdges, unwrapEmphasis, type InlineLine, type Split } from './inline';

/**
 * Bump when a change to the generator changes the cards it makes from the same text, so the
 * built-in decks are installed again (their stamp includes this number).
 */
export const GENERATOR_VERSION = 2;

export type CardKind = 'term' | 'question' | 'example' | 'group' | 'table' | 'acronym' | 'list' | 'explicit' | 'cloze';

export interface GeneratedCard {
  /** Unique per card: `${note}#${ord}`. */
  key: string;
  /**
   * The note this card belongs to: `${keyPrefix}:${identity}`, where the identity is the
   * normalised term (or example, table item, question …). It survives edits of the definition,
   * of case, accents and punctuation, so re-generating keeps each card's review history.
   */
  note: string;
  /** The card's template within its note (0 front→back, 1 reverse or "which group", cloze n → n-1). */
  ord: number;
  kind: CardKind;
  /** Markdown. */
  front: string;
  back: string;
  /**
   * The note's fields as written: term [term, definition]; example [name, explanation, group];
   * table [item, answer]; acronym [short, long]; list and explicit [front, back]; cloze [text in
   * Anki's {{c1::…}} syntax, extra].
   */
  fields: string[];
  /** Slugs of the heading path, plus the note's own #tags / frontmatter tags. */
  tags: string[];
  /** The heading path, outermost first. */
  context: string[];
  source: { file: string; line: number };
}

export interface SkippedItem {
  file: string;
  line: number;
  reason: string;
}

export interface GenerateOptions {
  /** Prefix of every note key; the file name by default (a built-in deck uses its id). */
  keyPrefix?: string;
  /** Language of the generated questions; guessed from the text when not given. */
  language?: 'en' | 'nl';
}

export interface GenerateResult {
  cards: GeneratedCard[];
  skipped: SkippedItem[];
  /** The note's first level-1 heading, if any (a deck name for an import). */
  title: string | null;
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

export function parseMarkdown(markdown: string): Root {
  return processor.parse(markdown);
}

export function generateCards(markdown: string, file: string, options: GenerateOptions = {}): GenerateResult {
  const g = new Generator(String(markdown ?? ''), file, options.keyPrefix ?? file, options.language);
  g.run();
  return { cards: g.finish(), skipped: g.skipped, title: g.title };
}

/**
 * Groups generated cards into notes in the shape every importer produces (deck: null, the
 * import's deck). Explicit cards keep their Anki-like kind (basic, reversed, cloze); everything the
 * generator derived from the note's prose is 'generated'.
 */
export function notesFromCards(cards: readonly GeneratedCard[]): ImportedNote[] {
  const byKey = new Map<string, ImportedNote>();
  for (const c of cards) {
    let note = byKey.get(c.note);
    if (!note) {
      note = { key: c.note, deck: null, kind: noteKind(c, cards), fields: c.fields, tags: c.tags, source: { file: c.source.file, line: c.source.line }, cards: [] };
      byKey.set(c.note, note);
    }
    note.cards.push({ ord: c.ord, front: c.front, back: c.back });
  }
  return [...byKey.values()];
}

function noteKind(card: GeneratedCard, all: readonly GeneratedCard[]): NoteKind {
  if (card.kind === 'cloze') return 'cloze';
  if (card.kind !== 'explicit') return 'generated';
  return all.some((c) => c.note === card.note && c.ord === 1) ? 'reversed' : 'basic';
}

// --- generator -------------------------------------------------------------------------------

interface Group {
  name: string;
  noun: string | null;
  /** The items are the parts of a whole ("It has six pillars:"), not examples of a kind. */
  part?: boolean;
}

interface Section {
  depth: number;
  plain: string;
  keyTerms: boolean;
  skip: string | null;
  examples: boolean;
  group: Group | null;
  /** A <details> block whose body continues in the following blocks, until its </details>. */
  details?: boolean;
}

interface Expect {
  group: Group;
  list: boolean;
  code: boolean;
  sticky: boolean;
}

interface PendingHeading {
  term: string;
  line: number;
  /** Bold heading or inside a key-terms section: any following paragraph defines it. */
  strict: boolean;
  /** A short name ("S3 Standard", "Internet Gateway") that a plain paragraph may define. */
  nameLike: boolean;
  /** "What is EC2": the paragraph below answers it. */
  question?: boolean;
  /** A name one level below a section ("### Developer"): a list of plain facts may define it. */
  subItem?: boolean;
}

/** A term found in a paragraph or list item, with its definition lines so far. */
interface Entry {
  termMd: string;
  /** Definition lines of the paragraph (soft-wrapped: joined by spaces). */
  def: string[];
  /** Blocks under a list item (a nested list): kept on lines of their own. */
  extra: string[];
  line: number;
  sep: Split['sep'] | 'line';
}

interface Emit {
  kind: CardKind;
  id: string;
  ord: number;
  front: string;
  back: string;
  fields: string[];
  line: number;
}

const MAX_TERM_WORDS = 12;
const ARTICLE = /^(the|a|an|de|het|een)\s+(?=\S)/i;
const COPULA = /^(is|are|zijn|is een|means|betekent|refers to|verwijst naar)\s+/i;
const FIRST_PERSON = /^(i|i'm|i've|my|we|we're|our|me|ik|mijn|wij|we|ons|onze|me|mij)\b/i;

class Generator {
  readonly skipped: SkippedItem[] = [];
  title: string | null = null;
  private readonly cards: GeneratedCard[] = [];
  private readonly keys = new Map<string, number>();
  private readonly stack: Section[] = [];
  private readonly noteTags = new Set<string>();
  private readonly slugs = new Map<string, string>();
  private readonly lang: 'en' | 'nl';
  private readonly responsibilityNote: boolean;
  private src: string;
  private srcLines: string[];
  private lineOffset = 0;
  private pendingHeading: PendingHeading | null = null;
  private pendingBold: { term: string; line: number } | null = null;
  private expect: Expect | null = null;
  /** The block after this one was already made into a card (the list of an enumeration). */
  private consumeNext = false;

  constructor(
    markdown: string,
    private readonly file: string,
    private readonly prefix: string,
    language?: 'en' | 'nl',
  ) {
    this.src = markdown;
    this.srcLines = markdown.split('\n');
    this.lang = language ?? detectLanguage(markdown);
    this.responsibilityNote = /responsib|verantwoordelijk/i.test(markdown);
  }

  run(): void {
    this.blocks(parseMarkdown(this.src).children);
  }

  /** slugify, once per heading: every card under a heading asks for its tags. */
  private slug(heading: string): string {
    let slug = this.slugs.get(heading);
    if (slug === undefined) {
      slug = slugify(heading);
      this.slugs.set(heading, slug);
    }
    return slug;
  }

  /** The cards, each carrying the note's own tags as well. */
  finish(): GeneratedCard[] {
    if (!this.noteTags.size) return this.cards;
    return this.cards.map((c) => ({ ...c, tags: [...new Set([...c.tags, ...this.noteTags])] }));
  }

  // --- blocks ------------------------------------------------------------------------------

  private blocks(nodes: readonly RootContent[]): void {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      if (!node) continue;
      const used = this.multiLineAcross(node, nodes, i);
      if (used > 0) {
        i += used;
        continue;
      }
      this.block(node, nodes[i + 1]);
      if (this.consumeNext) {
        this.consumeNext = false;
        i++;
      }
    }
  }

  private line(node: { position?: { start: { line: number } } | undefined }): number {
    return (node.position?.start.line ?? 1) + this.lineOffset;
  }

  private get section(): Section | undefined {
    return this.stack[this.stack.length - 1];
  }

  private get skipReason(): string | null {
    for (const s of this.stack) if (s.skip) return s.skip;
    return null;
  }

  private get inKeyTerms(): boolean {
    return keyTermsIn(this.stack);
  }

  private get inStructural(): boolean {
    return this.stack.some((s) => isStructuralHeading(s.plain) && !s.keyTerms);
  }

  private block(node: RootContent, next: RootContent | undefined): void {
    if (node.type === 'heading') return this.heading(node);
    if (node.type === 'yaml') return this.frontmatter(node.value);
    if (node.type === 'definition' || node.type === 'thematicBreak') return;
    // Comments (Obsidian's <!--SR:…--> scheduling notes among them) are invisible: they neither
    // make cards nor end a heading's or a list's pending definition.
    if (node.type === 'html' && /^(\s*<!--[\s\S]*?-->)+\s*$/.test(node.value)) return;
    const skip = this.skipReason;
    if (skip) {
      this.skipBlock(node, skip);
      return;
    }
    const expect = this.expect;
    if (!expect?.sticky) this.expect = null;
    const pendingHeading = this.pendingHeading;
    this.pendingHeading = null;
    const pendingBold = this.pendingBold;
    this.pendingBold = null;

    switch (node.type) {
      case 'paragraph':
        return this.paragraph(node, next, pendingHeading, pendingBold);
      case 'list':
        if (pendingBold && node.children.length) {
          this.term(pendingBold.term, listMd(node), pendingBold.line);
          return;
        }
        if (expect?.list) return this.examples(expect.group, node.children.map((li) => ({ text: firstParagraphMd(li), line: this.line(li) })));
        if (pendingHeading?.strict && !node.children.some((li) => termSplitOf(li))) {
          this.term(pendingHeading.term, listMd(node), pendingHeading.line);
          return;
        }
        // "### Developer" over bullets of plain facts about it (a sub-heading per plan, per
        // service …): the bullets are what the name stands for.
        if (pendingHeading?.subItem && isFactList(node)) {
          this.term(pendingHeading.term, listMd(node), pendingHeading.line);
          for (const item of node.children) this.acronymsIn(collapse(toString(item)), this.line(item), false);
          return;
        }
        return this.list(node);
      case 'code':
        if (pendingBold && isProseCode(node)) {
          this.term(pendingBold.term, collapse(node.value), pendingBold.line);
          return;
        }
        if (expect?.code && isProseCode(node)) return this.examples(expect.group, codeLines(node, this.line(node)));
        return;
      case 'table':
        return this.table(node);
      case 'blockquote':
        return this.blockquote(node);
      case 'html':
        return this.html(node);
      default:
        return;
    }
  }

  /**
   * Obsidian callouts: `> [!note] Public cloud` over its definition is a term; a remark
   * (`> [!tip] Ezelsbruggetje`, `> [!warning]`) or a callout without a title is only its body.
   */
  private blockquote(node: Blockquote): void {
    const first = node.children[0];
    const callout = first?.type === 'paragraph' ? this.calloutHead(first) : null;
    if (!callout) return this.blocks(node.children);
    const body: RootContent[] = [...(callout.body ? [callout.body] : []), ...node.children.slice(1)];
    if (!REMARK_CALLOUT.test(callout.type) && this.calloutTerm(callout.title, body, this.line(node))) return;
    this.blocks(body);
  }

  /** `[!type] Title` on the callout's first line; the lines after it as a paragraph of their own. */
  private calloutHead(p: Paragraph): { type: string; title: PhrasingContent[]; body: Paragraph | null } | null {
    const [first, ...others] = p.children;
    const m = first?.type === 'text' ? /^\[!([\w-]+)\][+-]?[ \t]*/.exec(first.value) : null;
    if (!first || first.type !== 'text' || !m) return null;
    const rest: PhrasingContent[] = [{ type: 'text', value: first.value.slice(m[0].length) }, ...others];
    const title: PhrasingContent[] = [];
    let body: PhrasingContent[] = [];
    for (let i = 0; i < rest.length; i++) {
      const n = rest[i]!;
      if (n.type === 'break') {
        body = rest.slice(i + 1);
        break;
      }
      if (n.type === 'text' && n.value.includes('\n')) {
        const k = n.value.indexOf('\n');
        title.push({ type: 'text', value: n.value.slice(0, k) });
        body = [{ type: 'text', value: n.value.slice(k + 1) }, ...rest.slice(i + 1)];
        break;
      }
      title.push(n);
    }
    const start = p.position?.start;
    const offset = start?.offset === undefined ? -1 : this.src.indexOf('\n', start.offset);
    const position = start && p.position && offset >= 0 ? { start: { line: start.line + 1, column: 1, offset: offset + 1 }, end: p.position.end } : undefined;
    const hasBody = body.some((n) => collapse(inlinePlain([n])) || n.type === 'image');
    return { type: m[1]!.toLowerCase(), title: trimEdges(title), body: hasBody ? { type: 'paragraph', children: body, ...(position ? { position } : {}) } : null };
  }

  /** A callout titled with a name (or a question) whose body says what it is. */
  private calloutTerm(title: PhrasingContent[], body: RootContent[], line: number): boolean {
    const plain = stripPictographs(inlinePlain(title));
    const words = plain.split(/\s+/).filter(Boolean).length;
    if (!plain || words > 8 || isLabel(plain) || isKeyTermsHeading(plain) || skipSectionReason(plain) || isStructuralHeading(plain)) return false;
    const [lead] = body;
    if (lead?.type !== 'paragraph' || isImageOnly(lead) || isLinkOnly(lead)) return false;
    const leadChildren = normalizeInline(lead.children);
    // A body of "Term: definition" lines is a glossary under a title, not one definition.
    const splits = splitLines(leadChildren).flatMap((l) => splitTerm(l.nodes) ?? []);
    if ((splits.length >= 2 || splits.some((sp) => hasStrong(sp.termNodes))) && !isQuestionHeading(plain)) return false;
    if (!isDefinitional(inlinePlain(leadChildren))) return false;
    const def = body.map(blockMd).filter(Boolean).join('\n');
    if (isQuestionHeading(plain)) {
      const front = /[?]$/.test(plain) ? plain : `${plain}?`;
      const back = shorten(capitalize(cleanDefinition(def)));
      return this.emit({ kind: 'question', id: front, ord: 0, front, back, fields: [front, back], line });
    }
    if (words > 6 || /[.!:;,]$/.test(plain)) return false;
    this.acronymsIn(plain, line, true);
    return this.term(stripPictographs(inlineMd(unwrapEmphasis(title))), def, line);
  }

  private skipBlock(node: RootContent, reason: string): void {
    if (node.type === 'list') {
      for (const li of node.children) if (collapse(toString(li))) this.skip(this.line(li), reason);
      return;
    }
    if (node.type === 'paragraph' || node.type === 'code' || node.type === 'table' || node.type === 'blockquote') {
      if (collapse(toString(node)) || isImageOnly(node)) this.skip(this.line(node), reason);
    }
  }

  private skip(line: number, reason: string): void {
    this.skipped.push({ file: this.file, line, reason });
  }

  /** `tags: [a, b]`, `tags: a b` or a `- a` list in the frontmatter. */
  private frontmatter(yaml: string): void {
    const m = /^tags:[ \t]*(.*)$/m.exec(yaml);
    if (!m) return;
    let list = (m[1] ?? '').trim();
    if (!list) {
      const after = yaml.slice((m.index ?? 0) + m[0].length).split('\n');
      list = after
        .filter(Boolean)
        .map((l) => /^\s*-\s*(.+)$/.exec(l)?.[1] ?? null)
        .filter((v, i, a) => v !== null && a.slice(0, i).every((x) => x !== null))
        .join(' ');
    }
    for (const t of list.replace(/^\[|\]$/g, '').split(/[\s,]+/)) this.addTag(t);
  }

  private addTag(raw: string): void {
    const t = slugify(raw.replace(/^#/, '').replace(/["']/g, '').replace(/\//g, ' '));
    if (t) this.noteTags.add(t);
  }

  private heading(node: Heading): void {
    while (this.stack.length && (this.section?.depth ?? 0) >= node.depth) this.stack.pop();
    const plain = stripNumbering(stripPictographs(inlinePlain(node.children)));
    if (node.depth === 1 && this.title === null && plain) this.title = plain;
    const parent = this.section;
    const skip = skipSectionReason(plain);
    const entry: Section = { depth: node.depth, plain, keyTerms: isKeyTermsHeading(plain), skip, examples: isExamplesHeading(plain), group: null };
    this.stack.push(entry);
    this.expect = null;
    this.pendingBold = null;
    this.pendingHeading = null;
    if (this.skipReason) return;
    if (entry.examples && parent) {
      entry.group = parent.group ?? { name: parent.plain, noun: this.nounFor(parent.plain, '') };
      this.expect = { group: entry.group, list: true, code: true, sticky: true };
      return;
    }
    if (entry.keyTerms || !plain) return;
    this.acronymsIn(plain, this.line(node), true);
    if (isStructuralHeading(plain)) return;
    if (isQuestionHeading(plain)) {
      this.pendingHeading = { term: /[?]$/.test(plain) ? plain : `${plain}?`, line: this.line(node), strict: false, nameLike: false, question: true };
      return;
    }
    const inner = node.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
    const fullyBold = inner.length > 0 && inner.every((c) => c.type === 'strong');
    const strict = fullyBold || keyTermsIn(this.stack.slice(0, -1));
    const words = plain.split(/\s+/).length;
    if (strict ? words <= MAX_TERM_WORDS : words <= 6) {
      const nameLike = !strict && node.depth > 1 && !this.inStructural && isNameLike(plain, node.depth);
      // Under a section of its own, not the note's first sections.
      const subItem = nameLike && node.depth >= 3 && this.stack.length >= 2;
      this.pendingHeading = { term: stripNumbering(stripPictographs(inlineMd(unwrapEmphasis(node.children)))), line: this.line(node), strict, nameLike, subItem };
    }
  }

  private html(node: Html): void {
    const { segments, openSummary, closes } = detailsSegments(node.value, this.line(node));
    for (let k = 0; k < closes; k++) this.closeDetails();
    segments.forEach((seg, i) => {
      const open = openSummary !== null && i === segments.length - 1;
      const summary = stripPictographs(seg.summary);
      const label = !summary || isLabel(summary);
      const group: Group | null = summary && !label ? { name: summary, noun: null } : null;
      const saved = { src: this.src, srcLines: this.srcLines, lineOffset: this.lineOffset, stack: this.stack.length };
      // Half a level below the enclosing heading: the next heading of that level ends it.
      this.stack.push({ depth: (this.section?.depth ?? 0) + 0.5, plain: summary, keyTerms: isKeyTermsHeading(summary), skip: skipSectionReason(summary), examples: false, group, details: open });
      this.expect = null;
      this.pendingBold = null;
      const pending: PendingHeading | null = summary && !label && !isKeyTermsHeading(summary) && !skipSectionReason(summary) ? { term: summary, line: seg.summaryLine, strict: true, nameLike: false } : null;
      this.pendingHeading = pending;
      if (!seg.markdown.trim()) return;
      this.src = seg.markdown;
      this.srcLines = seg.markdown.split('\n');
      this.lineOffset = seg.firstLine - 1;
      try {
        this.blocks(parseMarkdown(seg.markdown).children);
      } finally {
        this.src = saved.src;
        this.srcLines = saved.srcLines;
        this.lineOffset = saved.lineOffset;
        if (!open) {
          this.stack.length = saved.stack;
          this.expect = null;
          this.pendingBold = null;
          this.pendingHeading = null;
        }
      }
    });
  }

  /** `</details>` of a block opened in an earlier node: leave its section. */
  private closeDetails(): void {
    const at = this.stack.map((s) => !!s.details).lastIndexOf(true);
    if (at < 0) return;
    this.stack.length = at;
    this.expect = null;
    this.pendingBold = null;
    this.pendingHeading = null;
  }

  private raw(node: { position?: { start: { offset?: number }; end: { offset?: number } } | undefined }): string | null {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    return start === undefined || end === undefined ? null : this.src.slice(start, end);
  }

  /** A paragraph ending in a line "?" whose answer is the next block(s), e.g. a list. */
  private multiLineAcross(node: RootContent, siblings: readonly RootContent[], i: number): number {
    if (node.type !== 'paragraph' || this.skipReason) return 0;
    const raw = this.raw(node);
    if (raw === null) return 0;
    const lines = stripComments(raw).split('\n');
    const sep = separatorIndex(lines);
    if (sep <= 0 || sep !== lines.length - 1) return 0;
    let end = node.position?.end.line ?? 0;
    const back: RootContent[] = [];
    for (let j = i + 1; j < siblings.length; j++) {
      const s = siblings[j];
      if (!s || s.type === 'heading' || (s.position?.start.line ?? 0) !== end + 1) break;
      back.push(s);
      end = s.position?.end.line ?? end;
    }
    const first = back[0];
    const last = back[back.length - 1];
    if (!first || !last) return 0;
    const start = first.position?.start.offset;
    const stop = last.position?.end.offset;
    if (start === undefined || stop === undefined) return 0;
    const hits = multiLine(lines.slice(0, sep).join('\n'), stripComments(this.src.slice(start, stop)), lines[sep]?.trim() === '??', 0);
    this.explicitHits(hits, this.line(node));
    return hits.length ? back.length : 0;
  }

  private explicitHits(hits: ExplicitHit[], line: number): void {
    for (const h of hits) this.emit({ kind: h.kind, id: h.id, ord: h.ord, front: h.front, back: h.back, fields: h.fields, line: line + h.lineOffset });
  }

  private explicit(node: Paragraph): boolean {
    const raw = this.raw(node);
    if (raw === null) return false;
    const hits = explicitCards(raw);
    this.explicitHits(hits, this.line(node));
    return hits.length > 0;
  }

  private paragraph(node: Paragraph, next: RootContent | undefined, pendingHeading: PendingHeading | null, pendingBold: Generator['pendingBold']): void {
    const line = this.line(node);
    if (isImageOnly(node)) return this.skip(line, 'image');
    if (isLinkOnly(node)) return this.skip(line, 'link only');
    const children = normalizeInline(node.children);
    const md = inlineMd(children);
    if (isHashtags(md)) {
      for (const t of md.split(/\s+/)) this.addTag(t);
      return;
    }
    const junk = junkReason(md);
    if (junk) return this.skip(line, junk);
    if (this.explicit(node)) return;
    const plain = inlinePlain(children);
    this.acronymsIn(plain, line, false);

    if (pendingBold) {
      this.term(pendingBold.term, md, pendingBold.line);
      return;
    }
    const loose: InlineLine[] = [];
    const entries = this.entries(splitLines(children), line, false, [], loose);
    const parts = next?.type === 'list' && isPartsList(next) ? partsLead(plain) : null;
    if (pendingHeading && !entries.length && this.headingDefinition(pendingHeading, md, plain, line)) {
      // The answer to "What is EC2?" may still define a **term** of its own.
      if (pendingHeading.question) this.boldSentences(children, line);
      return;
    }
    if (entries.length) {
      const last = this.emitEntries(entries);
      // Lines outside every entry ("***Elasticity*** is …" before a "Term — def" line) may
      // still define a bold term of their own.
      for (const L of loose) this.boldSentences(L.nodes, line + L.index);
      if (last && parts) this.expectParts(parts, last);
      else if (last && EXAMPLES_MARKER.test(plain)) this.expect = { group: this.groupFor(last, plain), list: true, code: true, sticky: false };
      else if (last) this.expect = { group: this.groupFor(last, plain), list: false, code: true, sticky: false };
      return;
    }
    const alone = boldAlone(children);
    if (alone && !isLabel(alone)) {
      this.pendingBold = { term: alone, line };
      return;
    }
    if (EXAMPLES_MARKER.test(plain)) {
      const group = this.nearestGroup();
      if (group) this.expect = { group, list: true, code: true, sticky: false };
      return;
    }
    const defined = this.boldSentences(children, line) ?? this.topicSentence(parts ? plain.slice(0, parts.at).trim() : plain, line);
    if (defined) {
      if (parts) this.expectParts(parts, defined);
      return;
    }
    if (parts && this.expectParts(parts, null)) return;
    if (next?.type === 'list' && this.enumeration(plain, next, line)) return;
    if (this.inKeyTerms) this.skip(line, 'not a term definition');
  }

  /** `### Term` followed by its definition. */
  private headingDefinition(h: PendingHeading, md: string, plain: string, line: number): boolean {
    const def = md.replace(EXAMPLES_MARKER, '').trim();
    if (h.question) {
      if (!isDefinitional(plain)) return false;
      const back = shorten(capitalize(cleanDefinition(def)));
      return this.emit({ kind: 'question', id: h.term, ord: 0, front: h.term, back, fields: [h.term, back], line: h.line });
    }
    // "Route 53 kent verschillende routing policies, bijvoorbeeld:" only introduces the list.
    if (EXAMPLES_MARKER.test(plain) && /[,:;]$/.test(def)) {
      this.setGroup(h.term, plain);
      this.expect = { group: this.groupFor(stripMarks(h.term), plain), list: true, code: true, sticky: false };
      return true;
    }
    let handled = false;
    if (h.strict) handled = this.term(h.term, def, h.line);
    else handled = this.restatement(h.term, plain, line) || (h.nameLike && isDefinitional(plain) && this.term(h.term, def, h.line));
    if (!handled) return false;
    this.setGroup(h.term, plain);
    if (EXAMPLES_MARKER.test(plain)) this.expect = { group: this.groupFor(stripMarks(h.term), plain), list: true, code: true, sticky: false };
    return true;
  }

  /** Paragraph restating the heading: "## X" + "X is/are …". */
  private restatement(term: string, plain: string, line: number): boolean {
    const t = stripMarks(term).replace(ARTICLE, '');
    const p = plain.replace(ARTICLE, '');
    if (!t || !similar(p.slice(0, t.length).toLowerCase(), t.toLowerCase())) return false;
    const rest = p.slice(t.length);
    const m = /^\s*(?:[-–—:]\s*)?(is|are|zijn|is een|refers to|verwijst naar|means|betekent|describes|beschrijft)\s+/i.exec(rest);
    if (!m) return false;
    const verb = (m[1] ?? '').toLowerCase();
    let def = rest.slice(m[0].length);
    if (verb === 'describes' || verb === 'beschrijft') def = `${verb} ${def}`;
    return this.term(term, def.replace(EXAMPLES_MARKER, '').trim(), line);
  }

  /**
   * Terms in the lines of one paragraph (or a list item's first paragraph). A line opens a new
   * term when it has the shape; other lines continue the open definition (lazy continuation).
   */
  private entries(lines: InlineLine[], firstLine: number, listShaped: boolean, extra: string[], loose: InlineLine[] = []): Entry[] {
    const announces = EXAMPLES_MARKER.test(inlinePlain(lines[lines.length - 1]?.nodes ?? []));
    const out: Entry[] = [];
    let open: Entry | null = null;
    for (let i = 0; i < lines.length; i++) {
      const L = lines[i]!;
      const nodes = trimEdges(L.nodes);
      const text = inlinePlain(nodes);
      if (!text) continue;
      const prevText = i > 0 ? inlinePlain(lines[i - 1]!.nodes) : '';
      // A new line may open a term after a hard break, a lead-in ending in ":", or with a bold term.
      const current: Entry | null = open;
      const fresh: boolean = i === 0 || L.hard || /:\s*$/.test(prevText) || !current;
      // "***OpEx*** zijn operationele uitgaven: …" is a sentence about a bold term, not
      // "Term: definition" and not more of the definition above: boldSentences reads it.
      if (startsBoldSentence(nodes)) {
        open = null;
        loose.push(L);
        continue;
      }
      const split = splitTerm(nodes);
      const entry = split ? this.acceptSplit(split, { fresh, listShaped, announces, open: current }) : null;
      if (entry) {
        const made: Entry = { ...entry, extra: [], line: firstLine + L.index };
        open = made;
        out.push(made);
        continue;
      }
      const nextLine = lines[i + 1];
      if (nextLine && this.termOnItsOwnLine(nodes, nextLine, firstLine, open)) {
        open = { termMd: lineTermMd(nodes), def: [], extra: [], line: firstLine + L.index, sep: 'line' };
        out.push(open);
        continue;
      }
      if (open) open.def.push(open.sep === 'line' && !open.def.length ? inlineMd(nodes).replace(/^:\s*/, '') : inlineMd(nodes));
      else loose.push(L);
    }
    if (extra.length && open) open.extra.push(...extra);
    return out;
  }

  /** Is this split a real term (and not prose that happens to hold a colon or a dash)? */
  private acceptSplit(split: Split, ctx: { fresh: boolean; listShaped: boolean; announces: boolean; open: Entry | null }): Omit<Entry, 'line' | 'extra'> | null {
    // "**Root user** 👑:" — an emoji next to the term is decoration.
    const termNodes = trimEdges(split.termNodes.filter((n) => n.type !== 'text' || stripPictographs(n.value) !== '' || !n.value.trim()));
    const termPlain = stripPictographs(inlinePlain(termNodes)).replace(ARTICLE, '');
    const strong = hasStrong(termNodes);
    const words = termPlain.split(/\s+/).filter(Boolean).length;
    if (!termPlain || words > MAX_TERM_WORDS || termPlain.length > 100) return null;
    if (/^https?:|^www\./i.test(termPlain) || isLabel(termPlain)) return null;
    const defPlain = inlinePlain(split.defNodes);
    const defWords = defPlain.split(/\s+/).filter(Boolean).length;
    let ok = false;
    // A bold word makes a term of the text before the separator when it leads it, or when that
    // text is short ("AWS responsibility **Security of the Cloud**"); "Met ***CapEx*** bedoelen
    // ze …, ***OpEx*** zijn …: …" is a sentence that happens to hold bold words and a colon.
    if (strong) ok = isStrongish(termNodes[0]) || words <= 6;
    else if (!ctx.fresh && ctx.open) {
      // A soft-wrapped line continues the definition unless it clearly opens a new term: a short
      // name, or a Title Case one ("AWS Cost and Usage Report — …"), with the same separator.
      const nameLike = words <= 4 || (words <= 6 && titleCase(termPlain));
      ok = nameLike && (this.inKeyTerms || ctx.open.sep === split.sep) && /^[\p{Lu}\p{N}]/u.test(termPlain);
    } else if (this.inKeyTerms) ok = words <= 8;
    else if (ctx.listShaped) ok = words <= 5 && defWords >= 2;
    else {
      // Outside a key-terms section a plain "Name – definition" needs more evidence: a Title Case
      // name, a paragraph announcing its examples, or a name of the kind the heading is about
      // ("Resource-based policies" under "Policy types").
      const evidence = titleCase(termPlain) || (ctx.announces && /^[\p{Lu}]/u.test(termPlain)) || this.namesHeadingKind(termPlain);
      if (split.sep === 'dash' || split.sep === 'equals') ok = words <= 6 && evidence && defWords >= 2 && !FIRST_PERSON.test(termPlain);
      // "On-Demand: pay per second …" — a colon is common in prose ("Result: …"), so only a
      // short Title Case name, outside assignment and result sections, with a real definition.
      else if (split.sep === 'colon') ok = words <= 4 && titleCase(termPlain) && defWords >= 3 && !this.inStructural;
    }
    if (!ok) return null;
    const termMd = stripPictographs(inlineMd(unwrapEmphasis(termNodes))).replace(ARTICLE, '').replace(/\s*[:=]$/, '');
    return { termMd, def: [inlineMd(trimEdges(split.defNodes))].filter(Boolean), sep: split.sep };
  }

  /** Does the term end in the word a heading above is about ("… policies" under "Policy types")? */
  private namesHeadingKind(term: string): boolean {
    const head = singular(lastWord(term), 'en') ?? lastWord(term).toLowerCase();
    if (head.length < 4) return false;
    return this.stack.some((s) => s.plain.split(/\s+/).some((w) => (singular(w, 'en') ?? w.toLowerCase()) === head));
  }

  /** "Term" alone on a line, its definition on the next (indented, or starting with ": "). */
  private termOnItsOwnLine(nodes: PhrasingContent[], next: InlineLine, firstLine: number, open: Entry | null): boolean {
    const plain = inlinePlain(nodes);
    const words = plain.split(/\s+/).length;
    if (words > 6 || plain.length > 60 || /[.?!,;]$/.test(plain) || isLabel(plain)) return false;
    const nextPlain = inlinePlain(next.nodes);
    if (!nextPlain) return false;
    if (boldAlone(nodes)) return true;
    if (/^:\s+\S/.test(nextPlain)) return true;
    if (open) return false;
    const indented = this.indentOf(firstLine + next.index) >= this.indentOf(firstLine + next.index - 1) + 2;
    const nameLike = titleCase(plain) || /\b[A-Z0-9]{2,}\b/.test(plain) || words <= 3;
    if (indented && nameLike) return true;
    return this.inKeyTerms && nameLike && /^[\p{Lu}]/u.test(nextPlain);
  }

  private indentOf(noteLine: number): number {
    const text = this.srcLines[noteLine - this.lineOffset - 1] ?? '';
    return (/^[ \t]*/.exec(text)?.[0] ?? '').replace(/\t/g, '    ').length;
  }

  private emitEntries(entries: Entry[]): string | null {
    let last: string | null = null;
    for (const e of entries) {
      const def = [e.def.join(' '), ...e.extra].filter(Boolean).join('\n');
      if (this.term(e.termMd, def, e.line)) last = stripMarks(e.termMd);
    }
    return last;
  }

  /**
   * "A **public subnet** has a route to …", "***NoSQL databases*** store data as …", "Met
   * ***CapEx*** bedoelen we …, ***OpEx*** zijn …": a bold term that starts a defining sentence
   * (or a clause after one that did).
   */
  private boldSentences(children: PhrasingContent[], line: number): string | null {
    let found = -1;
    let last: string | null = null;
    for (let i = 0; i < children.length; i++) {
      const n = children[i];
      const after = children[i + 1];
      if (!n || !isStrongish(n) || after?.type !== 'text') continue;
      const prefix = sentencePrefix(children, i);
      const opens = /^\s*(?:(?:a|an|the|de|het|een)\s+)?$/i.test(prefix);
      // "**A** is …, **B** is …": a second clause of the same sentence.
      const parallel = found >= 0 && /[,;]\s*$/.test(prefix) && prefix.includes(inlinePlain([children[found]!]));
      const lead = opens || parallel ? definingVerb(n, after.value) : /^\s*(?:met|by|onder)\s+$/i.test(prefix) ? byMeaning(after.value) : null;
      if (!lead) continue;
      const term = collapse(`${stripMarks(inlinePlain([n]))} ${lead.paren}`);
      if (!term || term.split(/\s+/).length > 5 || isLabel(term) || EMPHATIC.test(term)) continue;
      // The definition runs to the end of the sentence, or up to the next "…, **Term** is" clause.
      let end = children.length;
      for (let k = i + 2; k < children.length; k++) {
        const prev = children[k - 1];
        const next = children[k + 1];
        if (prev?.type === 'text' && /[,;]\s*$/.test(prev.value) && next?.type === 'text' && definingVerb(children[k]!, next.value)) {
          end = k;
          break;
        }
      }
      const rest = inlineMd([{ type: 'text', value: after.value.slice(lead.length) }, ...children.slice(i + 2, end)]).replace(/\s*[,;]$/, '');
      const sentence = /^(.*?[.!?])(?:\s|$)/.exec(rest)?.[1] ?? rest;
      let def = lead.verb ? `${lead.verb} ${sentence}` : sentence;
      // "… has no such route": the sentence leans on the one before it, so the back shows both.
      const before = previousSentence(children, i);
      // ("Het vermogen om …" starts with an article, not with a word that points back.)
      const probe = sentence.replace(/^(?:the|a|an|de|het|een)\s+/i, '');
      if (before && /\b(such|this|that|these|those|it|them|zo'n|zulke|dit|dat|deze|die|het)\b/i.test(probe)) def = `${capitalize(def)} (${before})`;
      if (this.term(capitalize(term), def, line)) {
        found = i;
        last = capitalize(term);
      }
    }
    return last;
  }

  /** The list after "It has six pillars:" holds the parts of the term just defined (or of the section). */
  private expectParts(parts: PartsLead, defined: string | null): boolean {
    const name = parts.subject ?? (defined ? stripMarks(defined) : null) ?? this.nearestGroup()?.name ?? null;
    if (!name) return false;
    this.expect = { group: { name, noun: parts.noun, part: true }, list: true, code: false, sticky: false };
    return true;
  }

  /**
   * "Amazon CloudFront is het CDN van AWS. …" under "# CloudFront en Route 53": a paragraph that
   * opens by saying what one of its heading's topics is.
   */
  private topicSentence(plain: string, line: number): string | null {
    // "The AWS Well-Architected Framework helps you …": a verb that says what it does stays on the back.
    const m =
      /^(?:(?:The|De|Het)\s+)?((?:(?:Amazon|AWS)\s+)?[\p{Lu}][\p{L}\p{N}-]*(?:\s+[\p{Lu}\p{N}][\p{L}\p{N}-]*){0,3})\s+(?:(?:is|are|zijn)\s+(?=(?:a|an|the|een|het|de)\s)|(helps|lets|allows|enables|provides|offers|gives|describes|defines|contains|consists of|helpt|biedt|geeft|beschrijft|bevat|bestaat uit)\s+)/u.exec(plain);
    if (!m?.[1] || this.inStructural || !isDefinitional(plain)) return null;
    const subject = m[1];
    const bare = normalizeKey(subject.replace(/^(Amazon|AWS)\s+/, ''));
    if (bare.length < 3 || isLabel(subject)) return null;
    const named = this.stack.some((s) => ` ${normalizeKey(s.plain)} `.includes(` ${bare} `));
    const def = `${m[2] ? `${m[2]} ` : ''}${plain.slice(m[0].length)}`;
    return named && this.term(subject, def, line) ? subject : null;
  }

  /** "Every statement has:" + a list of short items → one card listing them. */
  private enumeration(lead: string, list: List, line: number): boolean {
    if (!/:\s*$/.test(lead) || this.inStructural) return false;
    const leadText = lead.replace(/\s*:\s*$/, '');
    const words = leadText.split(/\s+/).length;
    if (words > 15 || FIRST_PERSON.test(leadText) || /\b(i|my|ik|mijn)\b/i.test(leadText)) return false;
    const items = list.children.map((li) => collapse(toString(li)));
    if (items.length < 2 || items.length > 12) return false;
    if (items.some((t) => !t || t.split(/\s+/).length > 8 || /etc\.?$/i.test(t))) return false;
    if (list.children.some((li) => termSplitOf(li))) return false;
    // A short lead-in ("Every statement has:") needs its heading to make sense on its own.
    const heading = this.section?.plain ?? '';
    const front = heading && words <= 4 && !normalizeKey(leadText).includes(normalizeKey(heading)) ? `${heading}: ${lowerFirst(leadText)} …` : `${leadText} …`;
    const back = listMd(list);
    if (!this.emit({ kind: 'list', id: `list:${leadText}`, ord: 0, front, back, fields: [front, back], line })) return false;
    this.consumeNext = true;
    return true;
  }

  private list(node: List): void {
    // Plain "Name – explanation" items count as terms when most of the list has that shape.
    const shaped = node.children.filter((li) => {
      const s = termSplitOf(li);
      if (!s) return false;
      const t = inlinePlain(trimEdges(s.termNodes)).split(/\s+/).length;
      const d = inlinePlain(s.defNodes).split(/\s+/).filter(Boolean).length;
      return t <= 5 && d >= 2;
    }).length;
    const listShaped = shaped >= 2 && shaped / node.children.length >= 0.6;
    // "- Region" with its definition as a child bullet: a term when the list is made of such items.
    const nested = node.children.filter((li) => nestedDefinition(li) !== null).length;
    const nestedShaped = (nested >= 2 && nested / node.children.length >= 0.6) || (nested >= 1 && this.inKeyTerms);
    for (const li of node.children) this.listItem(li, listShaped, nestedShaped && !this.inStructural);
  }

  private listItem(li: ListItem, listShaped: boolean, nestedShaped = false): void {
    const line = this.line(li);
    const [first, ...rest] = li.children;
    if (first?.type === 'paragraph') {
      if (isImageOnly(first)) return this.skip(line, 'image');
      if (isLinkOnly(first)) return this.skip(line, 'link only');
      const children = normalizeInline(first.children);
      const md = inlineMd(children);
      const junk = junkReason(md);
      if (junk) {
        if (!rest.length) return this.skip(line, junk === 'no content' ? 'dangling label' : junk);
      } else if (this.explicit(first)) {
        return this.blocks(rest);
      } else {
        this.acronymsIn(inlinePlain(children), line, false);
        const extra = rest.map(blockMd).filter(Boolean);
        const entries = this.entries(splitLines(children), line, listShaped, extra);
        if (entries.length) {
          this.emitEntries(entries);
          return;
        }
        const alone = boldAlone(children);
        if (alone && extra.length && !isLabel(alone)) {
          this.term(alone, extra.join('\n'), line);
          return;
        }
        const nested = nestedShaped ? nestedDefinition(li) : null;
        if (nested) {
          this.term(lineTermMd(unwrapEmphasis(children)), nested.items.length === 1 ? firstParagraphMd(nested.items[0]!) : listMd(nested.list), line);
          for (const item of nested.list.children) this.acronymsIn(collapse(toString(item)), this.line(item), false);
          return;
        }
        if (this.inKeyTerms && !rest.length) this.skip(line, 'not a term definition');
      }
    }
    for (const child of rest) {
      if (child.type === 'list') this.list(child);
      else if (child.type === 'paragraph') this.explicit(child);
      else if (child.type === 'table') this.table(child);
    }
  }

  /** Emit a term card: front the term, back its definition. */
  private term(termMd: string, defMd: string, line: number): boolean {
    const term = collapse(termMd.replace(/\s*[:=]\s*$/, ''));
    const acr = acronymPair(stripMarks(term), stripMarks(defMd));
    if (acr) return this.acronym(acr.short, acr.long, line);
    let def = cleanDefinition(defMd.replace(EXAMPLES_MARKER, '').trim());
    if (COPULA.test(def)) def = def.replace(COPULA, '');
    const multiline = def.includes('\n');
    def = multiline ? capitalize(def.split('\n').map((l) => l.trim()).filter(Boolean).join('\n')) : shorten(capitalize(def));
    if (!stripMarks(def)) {
      this.skip(line, 'empty definition');
      return false;
    }
    if (isLabel(stripMarks(term))) {
      this.skip(line, 'label, not a term');
      return false;
    }
    return this.emit({ kind: 'term', id: term, ord: 0, front: term, back: def, fields: [term, def], line });
  }

  private acronymsIn(plain: string, line: number, heading: boolean): void {
    const found = findAcronyms(plain);
    if (heading) {
      const parts = plain.split(/\s+[-–—:]\s+/);
      if (parts.length === 2) {
        const pair = acronymPair(parts[0] ?? '', parts[1] ?? '');
        if (pair) found.push(pair);
      }
    }
    for (const a of found) this.acronym(a.short, a.long, line);
  }

  private acronym(short: string, long: string, line: number): boolean {
    const front = this.lang === 'nl' ? `Waar staat ${short} voor?` : `What does ${short} stand for?`;
    return this.emit({ kind: 'acronym', id: `acronym:${short.toLowerCase()}`, ord: 0, front, back: long, fields: [short, long], line });
  }

  private setGroup(term: string, defPlain: string): void {
    const s = this.section;
    if (s && !s.group) s.group = this.groupFor(stripMarks(term), defPlain);
  }

  private groupFor(term: string, defPlain: string): Group {
    const name = stripMarks(term);
    return { name, noun: this.nounFor(name, defPlain) };
  }

  private nearestGroup(): Group | null {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const s = this.stack[i];
      if (!s) continue;
      if (s.group) return { ...s.group, noun: s.group.noun ?? this.nounFor(s.group.name, '') };
      if (s.depth > 1 && s.plain && s.plain.split(/\s+/).length <= 6 && !isStructuralHeading(s.plain)) return { name: s.plain, noun: this.nounFor(s.plain, '') };
    }
    return null;
  }

  /**
   * The kind of thing a group is, for "which kind of …?": English "Shared Controls" → "control";
   * Dutch keeps the plural ("Van welk soort controles …?" is good Dutch and needs no stemming).
   */
  private nounFor(name: string, defPlain: string): string | null {
    const candidates = [kindWord(name), defPlain.trim().split(/\s+/)[0] ?? ''];
    // The heading above the group often names the kind ("## Opslagklassen", "## Policy types").
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const plain = this.stack[i]?.plain ?? '';
      if (plain && normalizeKey(plain) !== normalizeKey(name) && !isStructuralHeading(plain)) candidates.push(kindWord(plain));
    }
    const ctx = this.stack.map((s) => s.plain).join(' \n ');
    const m = /examples of (\p{L}+)/iu.exec(ctx) ?? /voorbeelden van (\p{L}+)/iu.exec(ctx);
    if (m?.[1]) candidates.push(m[1]);
    for (const c of candidates) {
      const w = c.replace(/[^\p{L}]/gu, '');
      if (this.lang === 'nl') {
        if (w.length >= 5 && /([^aeiou]en|[aeiou]s)$/i.test(w)) return w.toLowerCase();
        continue;
      }
      const s = singular(w, 'en');
      if (s) return s;
    }
    return null;
  }

  private examples(group: Group, items: { text: string; line: number }[]): void {
    const noun = group.noun ?? this.nounFor(group.name, '');
    for (const item of items) {
      const parsed = parseExample(item.text);
      if (!parsed) {
        this.skip(item.line, collapse(item.text) ? 'example not recognised' : 'empty');
        continue;
      }
      const junk = junkReason(parsed.name);
      if (junk) {
        this.skip(item.line, junk === 'no content' ? 'dangling label' : junk);
        continue;
      }
      const id = `example:${group.name}:${parsed.name}`;
      const fields = [parsed.name, parsed.explanation, group.name];
      const name = `“${parsed.name}”`;
      if (parsed.explanation) {
        const twoSided = /\b(but|while|whereas|maar|terwijl)\b/i.test(parsed.explanation);
        const front =
          this.lang === 'nl'
            ? twoSided
              ? `${parsed.name} (${group.name}): wat doet elke partij?`
              : `Wat houdt ${name} in (${group.name})?`
            : twoSided
              ? `${parsed.name} (${group.name}): what does each side do?`
              : `What does ${name} mean (${group.name})?`;
        this.emit({ kind: 'example', id, ord: 0, front, back: parsed.explanation, fields, line: item.line });
      }
      const q = group.part
        ? this.lang === 'nl'
          ? `${name} is een van de ${noun ?? 'onderdelen'} van wat?`
          : `${name} is one of the ${noun ?? 'parts'} of what?`
        : this.lang === 'nl'
          ? noun
            ? `Van welk soort ${noun} is ${name} een voorbeeld?`
            : `Waarvan is ${name} een voorbeeld?`
          : noun
            ? `${name} is an example of which kind of ${noun}?`
            : `${name} is an example of what?`;
      this.emit({ kind: 'group', id, ord: 1, front: q, back: group.name, fields, line: item.line });
    }
  }

  private table(node: Table): void {
    const [head, ...rows] = node.children;
    if (!head || !rows.length) return;
    const width = Math.max(...node.children.map((r) => r.children.length));
    const headers = head.children.map((c) => stripPictographs(inlinePlain(c.children)));
    const [h1 = '', h2 = ''] = headers;
    if (!h1 || !h2) return;
    const definitionHeader = DEFINITION_HEADER.test(h2);
    const termHeader = /^(term|terms|begrip|begrippen|concept|name|naam|word|woord|question|vraag|afkorting|abbreviation)$/i.test(h1);
    if (width > 2) return this.wideTable(rows, headers, definitionHeader);
    if (width !== 2) return;
    if (termHeader || definitionHeader || !this.isWhichColumnTable(h1, h2)) {
      // Name → value: "| Family | Good for |" asks what each name is good for.
      for (const row of rows) {
        const [a = [], b = []] = row.children.map((c) => c.children);
        const t = inlineMd(a);
        const d = inlineMd(b);
        if (!t || !d) this.skip(this.line(row), 'incomplete table row');
        else if (termHeader || definitionHeader) this.term(t, d, this.line(row));
        else this.emit({ kind: 'term', id: t, ord: 0, front: `${stripPictographs(t)} – ${lowerFirst(h2)}?`, back: capitalize(d), fields: [t, d], line: this.line(row) });
      }
      return;
    }
    // Who/which column: an item that appears in both columns has no one answer.
    const items: { text: string; col: number; line: number }[] = [];
    for (const row of rows) {
      row.children.forEach((cell, col) => {
        const line = this.line(row);
        let text = inlineMd(cell.children);
        if (!text) return;
        const own = /^\*?(?:responsible for|verantwoordelijk voor)\s+(.+?)\*?$/i.exec(stripMarks(text));
        if (own?.[1]) text = own[1];
        else if (isDescriptive(cell.children)) return this.skip(line, 'descriptive table row');
        items.push({ text, col, line });
      });
    }
    const cols = new Map<string, Set<number>>();
    for (const it of items) cols.set(normalizeKey(it.text), (cols.get(normalizeKey(it.text)) ?? new Set()).add(it.col));
    for (const it of items) {
      if ((cols.get(normalizeKey(it.text))?.size ?? 0) > 1) {
        this.skip(it.line, 'in both columns');
        continue;
      }
      const answer = capitalize(actor(headers[it.col] ?? '', this.lang));
      const front = this.tableQuestion(it.text, h1, h2);
      this.emit({ kind: 'table', id: `table:${it.text}`, ord: 0, front, back: answer, fields: [it.text, headers[it.col] ?? ''], line: it.line });
    }
  }

  /**
   * "| Service | What it is | Example use |": a term, its meaning, and more about it. Only when
   * the second column says it holds the meaning — a wider table is otherwise a comparison grid.
   */
  private wideTable(rows: Table['children'], headers: string[], definitionHeader: boolean): void {
    if (!definitionHeader) return;
    for (const row of rows) {
      const cells = row.children.map((c) => inlineMd(c.children));
      const [t = '', d = ''] = cells;
      if (!t || !d) {
        if (cells.some(Boolean)) this.skip(this.line(row), 'incomplete table row');
        continue;
      }
      // Further columns go on the back as "*Example use:* web shop orders".
      const more = cells.slice(2).flatMap((c, k) => (c && headers[k + 2] ? [`*${headers[k + 2]}:* ${c}`] : c ? [c] : []));
      this.term(t, [capitalize(d), ...more].join('\n'), this.line(row));
    }
  }

  /**
   * "| AWS | Customer |" (who is responsible) and "| Security Group | Network ACL |" (which one)
   * ask for the column; "| Family | Good for |" pairs a name with its value instead.
   */
  private isWhichColumnTable(h1: string, h2: string): boolean {
    const party = /^(aws|customer|customers|klant|klanten|provider|cloud provider|aanbieder|you|jij|u|user|gebruiker)$/i;
    if (this.responsibilityNote && (party.test(h1) || party.test(h2))) return true;
    if (this.stack.some((s) => /\b(vs\.?|versus|compared|comparison|difference|differences|verschil|verschillen|tegenover)\b/i.test(s.plain))) return true;
    // Two proper names ("Amazon S3 | Amazon EBS"), not a category and a property ("Service | Price").
    const name = (h: string): boolean => {
      if (party.test(h)) return true;
      if (!/^([\p{Lu}\p{N}][\p{L}\p{N}-]*)(\s+[\p{Lu}\p{N}][\p{L}\p{N}-]*)*$/u.test(h)) return false;
      return /\s/.test(h) || (h.match(/[\p{Lu}\p{N}]/gu) ?? []).length >= 2;
    };
    return name(h1) && name(h2);
  }

  private tableQuestion(item: string, h1: string, h2: string): string {
    const a = actor(h1, this.lang);
    const b = actor(h2, this.lang);
    if (this.responsibilityNote) {
      const inner = midSentence(item);
      return this.lang === 'nl' ? `Wie is verantwoordelijk voor ${inner}: ${a} of ${b}?` : `Who is responsible for ${inner}: ${a} or ${b}?`;
    }
    return this.lang === 'nl' ? `${item}: ${a} of ${b}?` : `${item}: ${a} or ${b}?`;
  }

  /** The one place cards are created: junk filter, key, dedupe. */
  private emit(e: Emit): boolean {
    const front = e.front.trim();
    const back = e.back.trim();
    const junk = junkReason(front) ?? junkReason(back);
    if (junk) {
      this.skip(e.line, `${e.kind}: ${junk}`);
      return false;
    }
    const note = `${this.prefix}:${normalizeKey(e.id)}`;
    const key = `${note}#${e.ord}`;
    const earlier = this.keys.get(key);
    if (earlier !== undefined) {
      if (earlier !== e.line) this.skip(e.line, `duplicate of the card on line ${earlier}`);
      return false;
    }
    this.keys.set(key, e.line);
    const context = this.stack.map((s) => s.plain).filter(Boolean);
    const tags = [...new Set(context.map((c) => this.slug(c)).filter(Boolean))];
    this.cards.push({ key, note, ord: e.ord, kind: e.kind, front, back, fields: e.fields, tags, context, source: { file: this.file, line: e.line } });
    return true;
  }
}

// --- helpers ---------------------------------------------------------------------------------

// Obsidian callout types that hold a remark about the note, never a term in their title.
const REMARK_CALLOUT = /^(tip|hint|important|warning|caution|attention|danger|error|bug|failure|fail|missing|success|check|done|todo|quote|cite|summary|tldr|abstract)$/;

interface PartsLead {
  /** Where the announcing sentence starts in the paragraph's text. */
  at: number;
  /** The whole the parts belong to, or null for "It has …" (the term just defined). */
  subject: string | null;
  /** "pillars", "pijlers": as written. */
  noun: string;
}

const COUNT = '(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)';
const PARTS_HAS = new RegExp(
  `(?:^|[.!?]\\s+)([^.!?]*?)\\s+(?:has|have|consists of|is made up of|is built on|heeft|hebben|bestaat uit|kent)\\s+${COUNT}\\s+(?:(?:main|key|core|belangrijke)\\s+)?([\\p{L}-]+)\\s*:\\s*$`,
  'iu',
);
const PARTS_ARE = new RegExp(`(?:^|[.!?]\\s+)(?:the|de|het)\\s+${COUNT}\\s+([\\p{L}-]+)(?:\\s+(?:of|van)\\s+(?:(?:the|a|an|de|het|een)\\s+)?([^.!?]+?))?\\s+(?:are|zijn)\\s*:\\s*$`, 'iu');

/**
 * "It has six pillars:", "The Well-Architected Framework consists of 6 pillars:", "The four
 * factors of region choice are:": a sentence announcing that the list below is a counted set of
 * parts of one whole.
 */
function partsLead(plain: string): PartsLead | null {
  const has = PARTS_HAS.exec(plain);
  if (has?.[1] && has[2]) {
    const subject = has[1].replace(/^(?:the|a|an|de|het|een)\s+/i, '').trim();
    const pronoun = /^(it|this|they|these|het|dit|deze|ze|zij|hij)$/i.test(subject);
    if (!pronoun && (!subject || subject.split(/\s+/).length > 6 || FIRST_PERSON.test(subject))) return null;
    return { at: keepStop(plain, has.index), subject: pronoun ? null : subject, noun: has[2].toLowerCase() };
  }
  const are = PARTS_ARE.exec(plain);
  if (are?.[1]) return { at: keepStop(plain, are.index), subject: are[2]?.trim() || null, noun: are[1].toLowerCase() };
  return null;
}

/** Items that can be parts of a whole: names, each alone or with an explanation ("50 scored" is not). */
function isPartsList(list: List): boolean {
  return list.children.length >= 2 && list.children.every((li) => {
    const text = firstParagraphMd(li);
    if (!/^[*_]*\p{L}/u.test(text)) return false;
    return termSplitOf(li) !== null || stripMarks(text).split(/\s+/).length <= 4;
  });
}

/** A match that begins at the full stop ending the sentence before it leaves that stop in place. */
function keepStop(text: string, at: number): number {
  return /[.!?]/.test(text.charAt(at)) ? at + 1 : at;
}

/** A table column that holds what the first column's term means. */
const DEFINITION_HEADER =
  /^(definition|definitie|meaning|betekenis|description|omschrijving|beschrijving|uitleg|explanation|answer|antwoord|what it does|wat het doet|wat is het|what it is|what is it|wat het is|purpose|doel|function|functie)$/i;

// After a bold term: a verb that defines it. The copulas go; other verbs stay on the back
// ("Store data in tables …").
const COPULA_VERB = /^(is|are|means|refers to|is een|zijn|betekent|verwijst naar|stands for|staat voor)$/i;
const DEFINING_VERB =
  /^(\s*\([^()]{1,60}\))?\s+(is|are|has|have|means|refers to|is een|zijn|heeft|hebben|betekent|verwijst naar|stands for|staat voor|stores?|provides?|allows?|lets|enables?|contains?|consists of|represents?|offers?|acts as|describes?|defines?|bevat|biedt|bestaat uit|beschrijft|zorgt voor|houdt in)\s+/i;
// "***Relational databases*** store …": bold italics is how many students mark a term, so any
// lower-case word after it reads as the verb of its defining sentence.
const ANY_VERB = /^(\s*\([^()]{1,60}\))?\s+(?=\p{Ll})/u;
// "Met ***CapEx*** bedoelen we …", "By **latency** we mean …".
const BY_MEAN = /^(\s*\([^()]{1,60}\))?\s+(?:bedoel(?:en|t)?\s+(?:we|wij|ze|zij|men|je|ik)|verstaan\s+(?:we|wij|ze|zij|men)|(?:we|they|people|you)\s+mean)\s+/i;
// Bold for emphasis, not for a term: "**Always** enable MFA", "**Niet** vergeten".
const EMPHATIC = /^(always|never|only|not|don't|do not|also|really|ook|altijd|nooit|alleen|niet|zeker|echt)$/i;

interface DefiningLead {
  /** Characters of the text node the lead takes up. */
  length: number;
  /** "(Time To Live)" between the term and its verb belongs to the term. */
  paren: string;
  /** The verb to keep at the start of the definition, or ''. */
  verb: string;
}

function isBoldItalic(n: PhrasingContent): boolean {
  if (n.type === 'strong') return n.children.length === 1 && n.children[0]?.type === 'emphasis';
  return n.type === 'emphasis' && n.children.length === 1 && n.children[0]?.type === 'strong';
}

function definingVerb(n: PhrasingContent, after: string): DefiningLead | null {
  if (!isStrongish(n)) return null;
  const m = DEFINING_VERB.exec(after);
  if (m) {
    const verb = m[2] ?? '';
    return { length: m[0].length, paren: m[1] ?? '', verb: COPULA_VERB.test(verb) ? '' : verb };
  }
  const any = isBoldItalic(n) ? ANY_VERB.exec(after) : null;
  return any ? { length: any[0].length, paren: any[1] ?? '', verb: '' } : null;
}

function byMeaning(after: string): DefiningLead | null {
  const m = BY_MEAN.exec(after);
  return m ? { length: m[0].length, paren: m[1] ?? '', verb: '' } : null;
}

/** A line that opens with a bold term and the verb of its definition ("**Term** is …"). */
function startsBoldSentence(nodes: PhrasingContent[]): boolean {
  const t = trimEdges(nodes);
  let i = 0;
  if (t[0]?.type === 'text' && /^\s*(?:a|an|the|de|het|een)\s+$/i.test(t[0].value)) i = 1;
  const n = t[i];
  const after = t[i + 1];
  if (!n || after?.type !== 'text' || !definingVerb(n, after.value)) return false;
  const term = stripMarks(inlinePlain([n]));
  return term.split(/\s+/).length <= 5 && !isLabel(term) && !EMPHATIC.test(term);
}

function termSplitOf(li: ListItem): Split | null {
  const p = li.children[0];
  if (p?.type !== 'paragraph') return null;
  const first = splitLines(normalizeInline(p.children))[0];
  return first ? splitTerm(first.nodes) : null;
}

/**
 * "- Availability Zone (AZ)" whose nested list defines it ("  - one or more data centers …"):
 * a bare name (no sentence, no separator) over a list of plain statements, not of terms.
 */
function nestedDefinition(li: ListItem): { list: List; items: ListItem[] } | null {
  const [first, second] = li.children;
  if (first?.type !== 'paragraph' || second?.type !== 'list' || !second.children.length) return null;
  const children = normalizeInline(first.children);
  if (splitLines(children).length !== 1 || splitTerm(children)) return null;
  const plain = stripPictographs(inlinePlain(children));
  const words = plain.split(/\s+/).filter(Boolean).length;
  if (!plain || words > 6 || plain.length > 60 || /[.?!,;:]$/.test(plain) || !/^[\p{Lu}\p{N}"“]/u.test(plain) || isLabel(plain)) return null;
  if (/^https?:|^www\./i.test(plain) || FIRST_PERSON.test(plain)) return null;
  if (second.children.some((c) => termSplitOf(c))) return null;
  const def = collapse(toString(second.children[0]!));
  if (def.split(/\s+/).length < 3 || junkReason(def)) return null;
  return { list: second, items: second.children };
}

/** Bullets that state facts (no "Term: definition" items, no stories, no link lists). */
function isFactList(list: List): boolean {
  if (list.children.length < 2) return false;
  return list.children.every((li) => {
    const p = li.children[0];
    if (p?.type !== 'paragraph' || li.children.length > 1 || termSplitOf(li) || isLinkOnly(p) || isImageOnly(p)) return false;
    const t = collapse(toString(p));
    const words = t.split(/\s+/).length;
    return words <= 30 && !junkReason(t) && !FIRST_PERSON.test(t) && !/\b(I|my|ik|mijn)\b/.test(t);
  });
}

function lineTermMd(nodes: PhrasingContent[]): string {
  return stripPictographs(inlineMd(unwrapEmphasis(nodes))).replace(/\s*[:=]$/, '');
}

function firstParagraphMd(li: ListItem): string {
  const p = li.children[0];
  return p?.type === 'paragraph' ? inlineMd(normalizeInline(p.children)) : '';
}

function listMd(list: List): string {
  return list.children
    .map((li, i) => (list.ordered ? `${(list.start ?? 1) + i}. ` : '- ') + li.children.map(blockMd).filter(Boolean).join(' '))
    .join('\n');
}

function blockMd(node: RootContent): string {
  if (node.type === 'paragraph') return inlineMd(normalizeInline(node.children));
  if (node.type === 'list') return listMd(node);
  if (node.type === 'code') return collapse(node.value);
  return '';
}

function isHashtags(md: string): boolean {
  return /^#[\p{L}\p{N}_/-]+(\s+#[\p{L}\p{N}_/-]+)*$/u.test(md.trim());
}

function titleCase(term: string): boolean {
  const words = term.split(/\s+/).filter(Boolean);
  const small = /^(and|or|of|the|a|an|in|on|for|to|en|van|de|het|een|&|voor|met|as)$/i;
  return words.length > 0 && /^[\p{Lu}\p{N}"“'(]/u.test(words[0] ?? '') && words.every((w) => small.test(w) || /^[\p{Lu}\p{N}"“'(]/u.test(w));
}

/** A heading that names a thing ("S3 Standard", "Internet Gateway"), not a topic or a task. */
function isNameLike(plain: string, depth: number): boolean {
  const words = plain.split(/\s+/).filter(Boolean);
  if (words.length > 5 || /[.?!:;]$/.test(plain) || isLabel(plain) || isStructuralHeading(plain) || isExamplesHeading(plain)) return false;
  if (/\b(vs\.?|versus|tegenover|or|of|and|en|how|why|what|when|hoe|waarom|wat|wanneer)\b/i.test(plain)) return false;
  // "## CHOOSING A REGION": a note that writes its headings in capitals is shouting section
  // titles, not naming things (and its words are no acronyms).
  if (isShouted(plain)) return false;
  // "Creating The Bucket", "Setting up a VPC": an activity, not a name.
  if (/^\p{L}+ing$/u.test(words[0] ?? '') && /^(the|a|an|your|my|our|up|de|het|een)$/i.test(words[1] ?? '')) return false;
  const acronymToken = words.some((w) => /^[A-Z0-9][A-Za-z0-9-]*$/.test(w) && (w.match(/[A-Z0-9]/g) ?? []).length >= 2);
  // One capitalised word names a thing only as a sub-item ("### Durability"); as a section
  // ("## Security") it is usually a topic with prose under it.
  return acronymToken || (titleCase(plain) && (words.length >= 2 || depth >= 3));
}

/**
 * "EXTENDING THE INFRASTRUCTURE", "HIGH AVAILABILITY": capitals all through, with a word no acronym
 * has (six letters or more, or a small word like THE) — but "AWS IAM" is two acronyms.
 */
function isShouted(plain: string): boolean {
  const words = plain.split(/\s+/).filter(Boolean);
  if (words.length < 2 || /\p{Ll}/u.test(plain)) return false;
  return words.some((w) => /^\p{Lu}{6,}$/u.test(w) || /^(THE|A|AN|OF|AND|OR|FOR|TO|IN|ON|WITH|DE|HET|EEN|VAN|EN|OF|VOOR|MET)$/.test(w));
}

/** A paragraph that reads as a definition, not as the student's own story. */
function isDefinitional(plain: string): boolean {
  const t = plain.trim();
  if (t.length > 400 || !/^[\p{Lu}\p{N}"“(]/u.test(t) || /^(refer|see|zie)\b/i.test(t)) return false;
  return !/\b(I|I'm|I've|we|We|my|My|our|Our|ik|Ik|wij|Wij|mijn|Mijn|onze?|Onze?)\b|\b(this|deze) (module|week|lesson|les|assignment|opdracht)\b|\b(today|vandaag)\b/.test(t);
}

/** "Customer data" inside a sentence: "customer data" (but "Availability Zones", "AWS" stay). */
function midSentence(item: string): string {
  const [first = '', second = ''] = item.split(/\s+/);
  const article = /^(the|a|an|de|het|een)$/i.test(first);
  if (!article && (!/^[\p{Lu}][\p{Ll}'’-]*[,;]?$/u.test(first) || /^[\p{Lu}]/u.test(second))) return item;
  return item.charAt(0).toLowerCase() + item.slice(1);
}

/** "3.2 Amazon EC2" → "Amazon EC2": section numbers are no part of a name. */
function stripNumbering(s: string): string {
  return s.replace(/^(\d+(\.\d+)*\.?|[A-Z]\.|[ivx]+\.)\s+(?=\S)/, '');
}

/** "What is EC2", "Hoe werkt S3?" — but not "What I learned". */
function isQuestionHeading(plain: string): boolean {
  return /^(what|wat|why|waarom|how|hoe|when|wanneer|which|welke|who|wie|where|waar)\b/i.test(plain) && plain.split(/\s+/).length <= 12 && !/\b(I|my|we|our|ik|mijn|wij|onze?)\b/.test(plain);
}

function lowerFirst(s: string): string {
  // Keep "AWS", "IAM" as they are.
  return /^[\p{Lu}][\p{Ll}]/u.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

function lastWord(s: string): string {
  return stripMarks(s).split(/\s+/).pop() ?? '';
}

/** "Policy types" → "policies", "Storage classes" → "classes", "Shared Controls" → "Controls". */
function kindWord(s: string): string {
  const kind = /^(.+?)\s+(types|kinds|soorten|typen|categories|categorieën)$/i.exec(stripMarks(s))?.[1];
  if (!kind) return lastWord(s);
  const w = lastWord(kind).toLowerCase();
  return w.endsWith('y') ? w.slice(0, -1) + 'ies' : w.endsWith('s') ? w : w + 's';
}

function isProseCode(node: Code): boolean {
  if (node.lang) return false;
  const lines = node.value.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.length > 0 && lines.every((l) => /^[\p{Lu}\p{N}*-]/u.test(l) && !/[{};<>$]|\(\)|=>|==/.test(l));
}

function codeLines(node: Code, firstLine: number): { text: string; line: number }[] {
  return node.value
    .split('\n')
    .map((text, i) => ({ text: text.trim().replace(/^[-*+]\s+/, ''), line: firstLine + i }))
    .filter((l) => l.text);
}

/** "Name – explanation" (or "Name which …", or just "Name"). */
function parseExample(text: string): { name: string; explanation: string } | null {
  const t = collapse(text);
  if (!t) return null;
  const m = /\s+--?\s+|\s+[–—]\s+|\s*[–—]\s*|:\s+/.exec(t);
  if (m && m.index > 0) {
    const name = stripMarks(t.slice(0, m.index));
    const explanation = capitalize(t.slice(m.index + m[0].length));
    if (name.split(/\s+/).length <= 8) return { name, explanation };
  }
  const rel = /\s+(which|that|die|dat|waarbij)\s+/i.exec(t);
  if (rel && rel.index > 0) {
    const name = stripMarks(t.slice(0, rel.index));
    if (name.split(/\s+/).length <= 8) return { name, explanation: capitalize(t.slice(rel.index + rel[0].length)) };
  }
  const name = stripMarks(t).replace(/[.;,]$/, '');
  return name.split(/\s+/).length <= 8 ? { name, explanation: '' } : null;
}

function singular(word: string, lang: 'en' | 'nl'): string | null {
  const w = word.replace(/[^\p{L}]/gu, '');
  if (lang === 'nl') {
    if (w.length >= 6 && /[^aeiou]en$/i.test(w)) return w.toLowerCase().slice(0, -2);
    if (w.length >= 5 && /[aeiou]s$/i.test(w)) return w.toLowerCase().slice(0, -1);
    return null;
  }
  if (w.length < 4 || !/s$/i.test(w) || /ss$|us$|is$/i.test(w)) return null;
  if (/^(is|was|has|does|this|its|as|us|aws)$/i.test(w)) return null;
  const low = w.toLowerCase();
  if (low.endsWith('ies')) return low.slice(0, -3) + 'y';
  return low.slice(0, -1);
}

function isDescriptive(cell: readonly PhrasingContent[]): boolean {
  const t = trimEdges(cell);
  if (t.length === 1 && (t[0]?.type === 'emphasis' || t[0]?.type === 'strong')) return true;
  return inlinePlain(t).split(/\s+/).length > 10;
}

/** A column header as the subject of a question: "AWS", "the customer", "Security Group". */
function actor(header: string, lang: 'en' | 'nl'): string {
  const h = header.trim();
  if (/^[\p{Lu}][\p{Ll}]+$/u.test(h)) return lang === 'nl' ? `de ${h.toLowerCase()}` : `the ${h.toLowerCase()}`;
  return h;
}

/** Key-terms context: the innermost key-terms or structural heading decides. */
function keyTermsIn(stack: readonly Section[]): boolean {
  for (let i = stack.length - 1; i >= 0; i--) {
    const s = stack[i];
    if (!s) continue;
    if (s.keyTerms) return true;
    if (isStructuralHeading(s.plain)) return false;
  }
  return false;
}

/** Equal up to a typo or two (students write "Responsability"). */
function similar(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 2 || a.length < 8) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return (prev[b.length] ?? 99) <= 2;
}
