// Notes → cards: turns a Markdown study note into the cards a careful student would write.
// Built on the mdast tree from unified + remark-parse + remark-gfm + remark-frontmatter; regular
// expressions only ever look at the text of a single node. Pure: no I/O, no `electron`.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Code, Heading, Html, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { capitalize, collapse, detectLanguage, inlineMd, inlinePlain, isImageOnly, isLinkOnly, junkReason, normalizeKey, shorten, slugify, stripMarks } from './text';
import { EXAMPLES_MARKER, isExamplesHeading, isKeyTermsHeading, isLabel, isStructuralHeading, skipSectionReason } from './sections';
import { explicitCards } from './explicit';
import { detailsSegments, inlineEmphasisTag } from './html';

export type CardKind = 'term' | 'reverse-term' | 'example' | 'group' | 'table' | 'explicit' | 'cloze';

export interface GeneratedCard {
  key: string;
  front: string;
  back: string;
  kind: CardKind;
  tags: string[];
  context: string[];
  source: { file: string; line: number };
}

export interface SkippedItem {
  file: string;
  line: number;
  reason: string;
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);

export function parseMarkdown(markdown: string): Root {
  return processor.parse(markdown);
}

export function generateCards(markdown: string, file: string): { cards: GeneratedCard[]; skipped: SkippedItem[] } {
  const g = new Generator(String(markdown ?? ''), file);
  g.run();
  return { cards: g.cards, skipped: g.skipped };
}

interface Group {
  name: string;
  noun: string | null;
}

interface Section {
  depth: number;
  plain: string;
  keyTerms: boolean;
  skip: string | null;
  examples: boolean;
  group: Group | null;
}

interface Expect {
  group: Group;
  list: boolean;
  code: boolean;
  sticky: boolean;
}

interface Split {
  termNodes: PhrasingContent[];
  defNodes: PhrasingContent[];
  sep: 'dash' | 'colon' | 'equals' | 'line' | 'inner';
}

const MAX_TERM_WORDS = 12;
const SEP = /(\s*=\s+|\s*:\s+|\s+[-–—]\s+|\s*[–—]\s+|\s+[–—]\s*)/;
const ARTICLE = /^(the|a|an|de|het|een)\s+(?=\S)/i;
const COPULA = /^(is|are|zijn|is een|means|betekent|refers to|verwijst naar)\s+/i;

class Generator {
  readonly cards: GeneratedCard[] = [];
  readonly skipped: SkippedItem[] = [];
  private readonly keys = new Set<string>();
  private readonly stack: Section[] = [];
  private readonly lang: 'en' | 'nl';
  private readonly responsibilityNote: boolean;
  private src: string;
  private lineOffset = 0;
  private pendingHeadingTerm: { term: string; line: number; strict: boolean } | null = null;
  private pendingBold: { term: string; line: number } | null = null;
  private expect: Expect | null = null;

  constructor(
    markdown: string,
    private readonly file: string,
  ) {
    this.src = markdown;
    this.lang = detectLanguage(markdown);
    this.responsibilityNote = /responsib|verantwoordelijk/i.test(markdown);
  }

  run(): void {
    const root = parseMarkdown(this.src);
    this.blocks(root.children);
  }

  // --- blocks ------------------------------------------------------------------------------

  private blocks(nodes: readonly RootContent[]): void {
    for (const node of nodes) this.block(node);
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

  private block(node: RootContent): void {
    if (node.type === 'heading') return this.heading(node);
    if (node.type === 'yaml' || node.type === 'definition' || node.type === 'thematicBreak') return;
    const skip = this.skipReason;
    if (skip) {
      this.skipBlock(node, skip);
      return;
    }
    const expect = this.expect;
    if (!expect?.sticky) this.expect = null;
    const pendingHeading = this.pendingHeadingTerm;
    this.pendingHeadingTerm = null;
    const pendingBold = this.pendingBold;
    this.pendingBold = null;

    switch (node.type) {
      case 'paragraph':
        return this.paragraph(node, pendingHeading, pendingBold);
      case 'list':
        if (pendingBold && node.children.length) {
          this.term(pendingBold.term, node.children.map((li) => '- ' + listItemMd(li)).join('\n'), pendingBold.line, 'strong');
          return;
        }
        if (expect?.list) return this.examples(expect.group, node.children.map((li) => ({ text: firstParagraphMd(li), line: this.line(li) })));
        return this.list(node);
      case 'code':
        if (pendingBold && isProseCode(node)) {
          this.term(pendingBold.term, collapse(node.value), pendingBold.line, 'strong');
          return;
        }
        if (expect?.code && isProseCode(node)) return this.examples(expect.group, codeLines(node, this.line(node)));
        return;
      case 'table':
        return this.table(node);
      case 'blockquote':
        return this.blocks(node.children);
      case 'html':
        return this.html(node);
      default:
        return;
    }
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

  private heading(node: Heading): void {
    while (this.stack.length && (this.section?.depth ?? 0) >= node.depth) this.stack.pop();
    const plain = inlinePlain(node.children);
    const parent = this.section;
    const entry: Section = {
      depth: node.depth,
      plain,
      keyTerms: isKeyTermsHeading(plain),
      skip: skipSectionReason(plain),
      examples: isExamplesHeading(plain),
      group: null,
    };
    this.stack.push(entry);
    this.expect = null;
    this.pendingBold = null;
    this.pendingHeadingTerm = null;
    if (entry.examples && parent) {
      entry.group = parent.group ?? { name: parent.plain, noun: nounFor(this.lang, parent.plain, '', '') };
      this.expect = { group: entry.group, list: true, code: true, sticky: true };
      return;
    }
    if (entry.keyTerms || entry.skip || !plain) return;
    const inner = node.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
    const fullyBold = inner.length > 0 && inner.every((c) => c.type === 'strong');
    if (isStructuralHeading(plain)) return;
    const strict = fullyBold || keyTermsIn(this.stack.slice(0, -1));
    const words = plain.split(/\s+/).length;
    if (strict ? words <= MAX_TERM_WORDS : words <= 6) {
      this.pendingHeadingTerm = { term: inlineMd(unwrapEmphasis(node.children)), line: this.line(node), strict };
    }
  }

  private html(node: Html): void {
    const { segments } = detailsSegments(node.value, this.line(node));
    if (!segments.length) return;
    for (const seg of segments) {
      const saved = { src: this.src, lineOffset: this.lineOffset, stack: this.stack.length };
      const group: Group | null = seg.summary ? { name: seg.summary, noun: null } : null;
      const depth = (this.section?.depth ?? 0) + 1;
      this.stack.push({ depth: Math.min(depth, 99), plain: seg.summary, keyTerms: isKeyTermsHeading(seg.summary), skip: skipSectionReason(seg.summary), examples: false, group });
      this.src = seg.markdown;
      this.lineOffset = seg.firstLine - 1;
      this.expect = null;
      this.pendingBold = null;
      this.pendingHeadingTerm = seg.summary && !isKeyTermsHeading(seg.summary) ? { term: seg.summary, line: seg.firstLine, strict: true } : null;
      try {
        this.blocks(parseMarkdown(seg.markdown).children);
      } finally {
        this.src = saved.src;
        this.lineOffset = saved.lineOffset;
        this.stack.length = saved.stack;
        this.expect = null;
        this.pendingBold = null;
        this.pendingHeadingTerm = null;
      }
    }
  }

  private paragraph(node: Paragraph, pendingHeading: Generator['pendingHeadingTerm'], pendingBold: Generator['pendingBold']): void {
    const line = this.line(node);
    if (isImageOnly(node)) return this.skip(line, 'image');
    if (isLinkOnly(node)) return this.skip(line, 'link only');
    const md = inlineMd(node.children);
    const junk = junkReason(md);
    if (junk) return this.skip(line, junk);
    if (this.explicit(node)) return;

    const children = normalizeInline(node.children);
    const plain = inlinePlain(children);

    if (pendingBold) {
      this.term(pendingBold.term, md, pendingBold.line, 'strong');
      return;
    }
    if (pendingHeading) {
      const def = stripExamplesMarker(md);
      const handled = pendingHeading.strict ? this.term(pendingHeading.term, def, pendingHeading.line, 'strong') : this.restatement(pendingHeading.term, plain, line);
      if (handled) {
        this.setGroup(pendingHeading.term, plain);
        if (EXAMPLES_MARKER.test(plain)) this.expect = { group: this.groupFor(pendingHeading.term, plain), list: true, code: true, sticky: false };
        return;
      }
    }

    const split = splitTerm(children);
    if (split) {
      const res = this.splitCard(split, line, true, '', EXAMPLES_MARKER.test(plain));
      if (res) {
        const group = this.groupFor(res.term, res.defPlain);
        this.expect = { group, list: EXAMPLES_MARKER.test(plain), code: true, sticky: false };
        return;
      }
    }
    const alone = boldAlone(children);
    if (alone) {
      this.pendingBold = { term: alone, line };
      return;
    }
    if (EXAMPLES_MARKER.test(plain)) {
      const group = this.nearestGroup();
      if (group) this.expect = { group, list: true, code: true, sticky: false };
      return;
    }
    if (this.inKeyTerms) this.skip(line, 'not a term definition');
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
    return this.term(term, stripExamplesMarker(def), line, 'strong');
  }

  private explicit(node: Paragraph): boolean {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return false;
    const hits = explicitCards(this.src.slice(start, end));
    for (const h of hits) this.emit(h.kind, h.front, h.back, this.line(node) + h.lineOffset, h.id);
    return hits.length > 0;
  }

  private list(node: List): void {
    for (const li of node.children) this.listItem(li);
  }

  private listItem(li: ListItem): void {
    const line = this.line(li);
    const [first, ...rest] = li.children;
    if (first?.type === 'paragraph') {
      if (isImageOnly(first)) return this.skip(line, 'image');
      if (isLinkOnly(first)) return this.skip(line, 'link only');
      const md = inlineMd(first.children);
      const junk = junkReason(md);
      if (junk) {
        if (!rest.length) return this.skip(line, junk);
      } else if (this.explicit(first)) {
        return this.blocks(rest);
      } else {
        const children = normalizeInline(first.children);
        const extra = rest.map(blockMd).filter(Boolean).join('\n');
        const split = splitTerm(children);
        if (split) {
          const res = this.splitCard(split, line, false, extra);
          if (res) return;
        }
        const alone = boldAlone(children);
        if (alone && extra) {
          this.term(alone, extra, line, 'strong');
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

  /** Validate a term split and emit its card(s). */
  private splitCard(split: Split, line: number, paragraph: boolean, extra = '', announcesExamples = false): { term: string; defPlain: string } | null {
    const termNodes = trimNodes(split.termNodes);
    const termPlain = inlinePlain(termNodes).replace(ARTICLE, '');
    const hasStrong = termNodes.some((n) => n.type === 'strong' || (n.type === 'emphasis' && n.children.some((c) => c.type === 'strong')));
    const words = termPlain.split(/\s+/).filter(Boolean).length;
    if (!termPlain || words > MAX_TERM_WORDS || termPlain.length > 100) return null;
    if (/^https?:|^www\./i.test(termPlain)) return null;
    const keyTerms = this.inKeyTerms;
    const plainOk = keyTerms ? split.sep !== 'line' : split.sep === 'dash' && words <= 6 && (titleCase(termPlain) || (announcesExamples && /^[\p{Lu}]/u.test(termPlain)));
    if (!hasStrong && !plainOk) return null;
    if (isLabel(termPlain)) {
      this.skip(line, 'label, not a term');
      return { term: termPlain, defPlain: '' };
    }
    let defMd = inlineMd(trimNodes(split.defNodes));
    if (extra) defMd = defMd ? `${defMd}\n${extra}` : extra;
    defMd = stripExamplesMarker(defMd);
    if (COPULA.test(defMd)) defMd = capitalize(defMd.replace(COPULA, ''));
    const termMd = inlineMd(unwrapEmphasis(termNodes)).replace(ARTICLE, '');
    if (!defMd.trim() && paragraph) {
      if (split.sep === 'line') return null;
    }
    this.term(termMd, defMd, line, hasStrong ? 'strong' : 'plain');
    return { term: stripMarks(termMd), defPlain: stripMarks(defMd) };
  }

  /** Emit a term card (and a reverse card when the definition is short and does not give the term away). */
  private term(termMd: string, defMd: string, line: number, _how: 'strong' | 'plain'): boolean {
    const term = collapse(termMd.replace(/\s*[:=]\s*$/, ''));
    const def = defMd.includes('\n- ') ? defMd.trim() : shorten(capitalize(defMd));
    if (!def.trim()) {
      this.skip(line, 'empty definition');
      return false;
    }
    const ok = this.emit('term', term, def, line, term);
    if (ok && isReversible(term, def)) this.emit('reverse-term', def, term, line, def);
    return ok;
  }

  private setGroup(term: string, defPlain: string): void {
    const s = this.section;
    if (s && !s.group) s.group = { name: stripMarks(term), noun: nounFor(this.lang, stripMarks(term), defPlain, this.contextText()) };
  }

  private groupFor(term: string, defPlain: string): Group {
    const name = stripMarks(term);
    return { name, noun: nounFor(this.lang, name, defPlain, this.contextText()) };
  }

  private nearestGroup(): Group | null {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const s = this.stack[i];
      if (!s) continue;
      if (s.group) return { ...s.group, noun: s.group.noun ?? nounFor(this.lang, s.group.name, '', this.contextText()) };
      if (s.depth > 1 && s.plain && s.plain.split(/\s+/).length <= 6) return { name: s.plain, noun: nounFor(this.lang, s.plain, '', this.contextText()) };
    }
    return null;
  }

  private contextText(): string {
    return this.stack.map((s) => s.plain).join(' \n ');
  }

  private examples(group: Group, items: { text: string; line: number }[]): void {
    const noun = group.noun ?? nounFor(this.lang, group.name, '', this.contextText());
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
      if (parsed.explanation) {
        const twoSided = /\b(but|while|whereas|maar|terwijl)\b/i.test(parsed.explanation);
        const front =
          this.lang === 'nl'
            ? twoSided
              ? `${parsed.name} (${group.name}): wat doet elke partij?`
              : `Wat houdt ${parsed.name} in (${group.name})?`
            : twoSided
              ? `${parsed.name} (${group.name}): what does each side do?`
              : `What does ${parsed.name} mean (${group.name})?`;
        this.emit('example', front, parsed.explanation, item.line, front);
      }
      const q =
        this.lang === 'nl'
          ? noun
            ? `Van welk soort ${noun} is ${parsed.name} een voorbeeld?`
            : `Van welke groep is ${parsed.name} een voorbeeld?`
          : noun
            ? `${parsed.name} is an example of which kind of ${noun}?`
            : `${parsed.name} is an example of which group?`;
      this.emit('group', q, group.name, item.line, q);
    }
  }

  private table(node: Table): void {
    const [head, ...rows] = node.children;
    if (!head || !rows.length) return;
    const width = Math.max(...node.children.map((r) => r.children.length));
    if (width !== 2) return;
    const headers = head.children.map((c) => inlinePlain(c.children));
    const [h1 = '', h2 = ''] = headers;
    if (!h1 || !h2) return;
    const termDef = /^(term|terms|begrip|begrippen|concept|name|naam|word|woord|service|question|vraag)$/i.test(h1) || /^(definition|definitie|meaning|betekenis|description|omschrijving|beschrijving|uitleg|explanation|answer|antwoord)$/i.test(h2);
    for (const row of rows) {
      const cells = row.children.map((c) => c.children);
      const line = this.line(row);
      const [a = [], b = []] = cells;
      if (termDef) {
        const t = inlineMd(a);
        const d = inlineMd(b);
        if (!t || !d) this.skip(line, 'incomplete table row');
        else this.term(t, d, line, 'plain');
        continue;
      }
      cells.forEach((cell, col) => {
        const text = inlineMd(cell);
        if (!text) return;
        const header = headers[col] ?? '';
        if (isDescriptive(cell)) {
          this.skip(line, 'descriptive table row');
          return;
        }
        const front = this.tableQuestion(text, h1, h2);
        this.emit('table', front, header, line, front);
      });
    }
  }

  private tableQuestion(item: string, h1: string, h2: string): string {
    const a = actor(h1, this.lang);
    const b = actor(h2, this.lang);
    if (this.responsibilityNote) {
      return this.lang === 'nl' ? `Wie is verantwoordelijk voor ${item}: ${a} of ${b}?` : `Who is responsible for ${item}: ${a} or ${b}?`;
    }
    return this.lang === 'nl' ? `Hoort ${item} bij ${a} of ${b}?` : `Does ${item} belong to ${a} or ${b}?`;
  }

  /** The one place cards are created: junk filter, key, dedupe. */
  private emit(kind: CardKind, front: string, back: string, line: number, id: string): boolean {
    const f = front.trim();
    const b = back.trim();
    const junk = junkReason(f) ?? junkReason(b);
    if (junk) {
      this.skip(line, `${kind}: ${junk}`);
      return false;
    }
    const key = `${this.file}:${normalizeKey(id)}`;
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    const context = this.stack.map((s) => s.plain).filter(Boolean);
    this.cards.push({ key, front: f, back: b, kind, tags: [...new Set(context.map(slugify).filter(Boolean))], context, source: { file: this.file, line } });
    return true;
  }
}

// --- inline helpers --------------------------------------------------------------------------

/** `<strong>x</strong>`, `<ins>x</ins>` … arrive as separate html nodes: fold them into strong/emphasis. */
function normalizeInline(nodes: readonly PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (!n) continue;
    const tag = n.type === 'html' ? inlineEmphasisTag(n.value) : null;
    if (tag?.open) {
      const close = nodes.findIndex((m, j) => j > i && m.type === 'html' && inlineEmphasisTag(m.value)?.open === false);
      if (close > i) {
        const inner = normalizeInline(nodes.slice(i + 1, close));
        out.push(tag.strong ? { type: 'strong', children: inner } : { type: 'emphasis', children: inner });
        i = close;
        continue;
      }
    }
    out.push(n);
  }
  return out;
}

function trimNodes(nodes: readonly PhrasingContent[]): PhrasingContent[] {
  const out = nodes.filter((n) => n.type !== 'break' && !(n.type === 'text' && !n.value.trim()));
  return out.length === nodes.length ? [...nodes] : out.length ? trimEdges(nodes) : [];
}

function trimEdges(nodes: readonly PhrasingContent[]): PhrasingContent[] {
  let s = 0;
  let e = nodes.length;
  const blank = (n: PhrasingContent | undefined): boolean => !!n && (n.type === 'break' || (n.type === 'text' && !n.value.trim()));
  while (s < e && blank(nodes[s])) s++;
  while (e > s && blank(nodes[e - 1])) e--;
  return nodes.slice(s, e);
}

function isStrongish(n: PhrasingContent | undefined): boolean {
  if (!n) return false;
  if (n.type === 'strong') return true;
  if (n.type === 'emphasis') return n.children.length === 1 && n.children[0]?.type === 'strong';
  return false;
}

/** `***x***` / `**x**` → its children (a term front needs no outer bold). */
function unwrapEmphasis(nodes: readonly PhrasingContent[]): PhrasingContent[] {
  const t = trimEdges(nodes);
  if (t.length === 1) {
    const n = t[0];
    if (n && (n.type === 'strong' || n.type === 'emphasis')) return unwrapEmphasis(n.children);
  }
  return t;
}

/** Find "term <separator> definition" in a paragraph's inline nodes. */
function splitTerm(input: readonly PhrasingContent[]): Split | null {
  const nodes = trimEdges(input);
  const first = nodes[0];
  if (!first) return null;
  if (isStrongish(first)) {
    const rest = nodes.slice(1);
    const leadPlain = inlinePlain([first]);
    if (/[:=]$/.test(leadPlain) && rest.some((n) => collapse(inlinePlain([n])))) {
      return { termNodes: [{ type: 'strong', children: [{ type: 'text', value: leadPlain.replace(/\s*[:=]$/, '') }] }], defNodes: rest, sep: 'inner' };
    }
    const next = rest[0];
    if (next && (next.type === 'break' || (next.type === 'text' && /^[ \t]*\n/.test(next.value)))) {
      const tail = rest.slice(1);
      return { termNodes: [first], defNodes: next.type === 'text' ? [{ type: 'text', value: next.value.replace(/^[ \t]*\n/, '') }, ...tail] : tail, sep: 'line' };
    }
  }
  let seen = 0;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (!n) continue;
    if (n.type === 'text') {
      const nl = n.value.indexOf('\n');
      const head = nl >= 0 ? n.value.slice(0, nl) : n.value;
      const m = SEP.exec(head);
      if (m && (m.index > 0 || i > 0)) {
        const before = n.value.slice(0, m.index);
        const after = n.value.slice(m.index + m[0].length);
        const s = m[0].trim();
        const sep = s === ':' ? 'colon' : s === '=' ? 'equals' : 'dash';
        return { termNodes: [...nodes.slice(0, i), { type: 'text', value: before }], defNodes: [{ type: 'text', value: after }, ...nodes.slice(i + 1)], sep };
      }
      if (nl >= 0) return null;
    } else if (n.type === 'break') {
      return null;
    }
    seen += inlinePlain([n]).length;
    if (seen > 100) return null;
  }
  return null;
}

/** A paragraph that is just a bold term (definition follows in the next block). */
function boldAlone(nodes: readonly PhrasingContent[]): string | null {
  const t = trimEdges(nodes);
  if (t.length !== 1 || !isStrongish(t[0])) return null;
  const plain = inlinePlain(t).replace(/\s*[:=]$/, '');
  if (!plain || plain.split(/\s+/).length > 8 || isLabel(plain)) return null;
  return inlineMd(unwrapEmphasis(t)).replace(/\s*[:=]$/, '');
}

function firstParagraphMd(li: ListItem): string {
  const p = li.children[0];
  return p?.type === 'paragraph' ? inlineMd(normalizeInline(p.children)) : '';
}

function listItemMd(li: ListItem): string {
  return li.children.map(blockMd).filter(Boolean).join(' ');
}

function blockMd(node: RootContent): string {
  if (node.type === 'paragraph') return inlineMd(normalizeInline(node.children));
  if (node.type === 'list') return node.children.map((li) => '- ' + listItemMd(li)).join('\n');
  if (node.type === 'code') return collapse(node.value);
  return '';
}

function stripExamplesMarker(s: string): string {
  return s.replace(EXAMPLES_MARKER, '').trim();
}

function titleCase(term: string): boolean {
  const words = term.split(/\s+/).filter(Boolean);
  const small = /^(and|or|of|the|a|an|in|on|for|to|en|of|van|de|het|een|&|voor|met)$/i;
  return words.length > 0 && /^[\p{Lu}\p{N}"“'(]/u.test(words[0] ?? '') && words.every((w) => small.test(w) || /^[\p{Lu}\p{N}"“'(]/u.test(w));
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
  const m = /\s+[-–—]\s+|\s*[–—]\s*|:\s+/.exec(t);
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

/** The kind of thing a group is ("Shared Controls" → "control"), for "which kind of …?". */
function nounFor(lang: 'en' | 'nl', name: string, defPlain: string, context: string): string | null {
  const last = stripMarks(name).split(/\s+/).pop() ?? '';
  const single = singular(last, lang);
  if (single) return single;
  const firstDef = defPlain.trim().split(/\s+/)[0] ?? '';
  const fromDef = singular(firstDef, lang);
  if (fromDef) return fromDef;
  const ctx = /examples of (\p{L}+)/iu.exec(context) ?? /voorbeelden van (\p{L}+)/iu.exec(context);
  return ctx?.[1] ? (singular(ctx[1], lang) ?? ctx[1].toLowerCase()) : null;
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
  return low.endsWith('ies') ? low.slice(0, -3) + 'y' : low.slice(0, -1);
}

function isDescriptive(cell: readonly PhrasingContent[]): boolean {
  const t = trimEdges(cell);
  if (t.length === 1 && (t[0]?.type === 'emphasis' || t[0]?.type === 'strong')) return true;
  const plain = inlinePlain(t);
  return plain.split(/\s+/).length > 10;
}

function actor(header: string, lang: 'en' | 'nl'): string {
  const h = header.trim();
  if (/^[\p{Lu}\d]{2,}$/u.test(h)) return h;
  return lang === 'nl' ? `de ${h.toLowerCase()}` : `the ${h.toLowerCase()}`;
}

function isReversible(term: string, def: string): boolean {
  const d = stripMarks(def);
  if (d.length > 100 || d.includes('\n') || term.split(/\s+/).length > 6) return false;
  const dl = d.toLowerCase();
  return !stripMarks(term)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .some((w) => w.length >= 4 && dl.includes(w));
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
