// Anki card templates → one card's front and back, the way Anki renders them (rslib template.rs
// and cloze.rs), reduced to what a Stratus card shows:
//   {{Field}}, {{filter:...:Field}} (filters apply right to left), {{#Field}}…{{/Field}} and
//   {{^Field}}…{{/Field}} sections, the special fields FrontSide, Tags, Type, Deck, Subdeck, Card.
//   cloze: on the question the card's cloze is "[...]" (or "[hint]") and the others show their
//   text; on the answer it is replaced by the hidden text itself, like Stratus's own cloze cards
//   (the back lists the answer; the front is not repeated). hint: a <details> block. text: HTML
//   stripped. type (type-in answer) and tts: dropped. Unknown filters pass the text through.
// The answer drops {{FrontSide}} and the `<hr id=answer>` after it, because Stratus shows the
// back under the front already. Sound and TTS tags are removed (media is not imported).

export interface TemplateContext {
  fields: ReadonlyMap<string, string>;
  /** The card's cloze number (card ord + 1) for cloze note types, else 0. */
  cloze: number;
  side: 'question' | 'answer';
  tags: string;
  notetype: string;
  deck: string;
  card: string;
}

type Node = { text: string } | { field: string; filters: string[] } | { section: string; inverted: boolean; body: Node[] };

const TAG = /\{\{([\s\S]*?)\}\}/g;

/** Parses a template into nodes; an unclosed or mismatched section is treated as text. */
export function parseTemplate(source: string): Node[] {
  const root: Node[] = [];
  const stack: { name: string; inverted: boolean; body: Node[]; start: number; parent: Node[] }[] = [];
  let current = root;
  let pos = 0;
  for (const m of source.matchAll(TAG)) {
    if (m.index > pos) current.push({ text: source.slice(pos, m.index) });
    pos = m.index + m[0].length;
    const inner = m[1]!.trim();
    if (inner.startsWith('#') || inner.startsWith('^')) {
      const body: Node[] = [];
      stack.push({ name: inner.slice(1).trim(), inverted: inner.startsWith('^'), body, start: m.index, parent: current });
      current = body;
    } else if (inner.startsWith('/')) {
      const open = stack.pop();
      if (!open || open.name !== inner.slice(1).trim()) {
        // Mismatched close: Anki refuses the template; we keep going and show it as text.
        if (open) stack.push(open);
        current.push({ text: m[0] });
        continue;
      }
      open.parent.push({ section: open.name, inverted: open.inverted, body: open.body });
      current = open.parent;
    } else if (inner.startsWith('!') || inner.startsWith('=')) {
      // Comments and delimiter changes render nothing.
    } else {
      const parts = inner.split(':');
      current.push({ field: parts.pop()!.trim(), filters: parts.map((p) => p.trim()) });
    }
  }
  if (pos < source.length) current.push({ text: source.slice(pos) });
  // Unclosed sections: render their bodies unconditionally rather than losing text.
  while (stack.length) {
    const open = stack.pop()!;
    open.parent.push(...open.body);
  }
  return root;
}

const parsedTemplates = new Map<string, Node[]>();

/** Renders a template for one side of one card (templates are parsed once and kept). */
export function renderTemplate(source: string, ctx: TemplateContext): string {
  let nodes = parsedTemplates.get(source);
  if (!nodes) {
    nodes = parseTemplate(source);
    // A package has a handful of templates; the cap only guards against a hostile one with thousands.
    if (parsedTemplates.size > 1000) parsedTemplates.clear();
    parsedTemplates.set(source, nodes);
  }
  return renderNodes(nodes, ctx);
}

function renderNodes(nodes: Node[], ctx: TemplateContext): string {
  let out = '';
  for (const node of nodes) {
    if ('text' in node) out += node.text;
    else if ('section' in node) {
      const filled = !isEmptyField(fieldValue(node.section, ctx)) || clozeSectionTrue(node.section, ctx);
      if (filled !== node.inverted) out += renderNodes(node.body, ctx);
    } else out += renderField(node.field, node.filters, ctx);
  }
  return out;
}

/** Anki's field_is_empty: only whitespace, line breaks and empty divs. */
export function isEmptyField(html: string): boolean {
  return /^(?:[\s\u00a0]|&nbsp;|<br\s*\/?>|<\/?div>)*$/i.test(html);
}

/** `{{#c1}}…{{/c1}}` on cloze note types is true when the card is that cloze. */
function clozeSectionTrue(name: string, ctx: TemplateContext): boolean {
  const m = /^c(\d+)$/.exec(name);
  return m !== null && ctx.cloze === Number(m[1]);
}

function fieldValue(name: string, ctx: TemplateContext): string {
  switch (name) {
    case 'FrontSide':
      return '';
    case 'Tags':
      return ctx.tags;
    case 'Type':
      return ctx.notetype;
    case 'Deck':
      return ctx.deck;
    case 'Subdeck':
      return ctx.deck.split('::').at(-1) ?? '';
    case 'Card':
      return ctx.card;
    case 'CardFlag':
      return '';
  }
  const exact = ctx.fields.get(name);
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  for (const [key, value] of ctx.fields) if (key.toLowerCase() === lower) return value;
  return '';
}

function renderField(name: string, filters: string[], ctx: TemplateContext): string {
  let text = fieldValue(name, ctx);
  for (const filter of [...filters].reverse()) {
    const [head] = filter.split(/\s+/);
    switch (head) {
      case 'cloze':
        text = ctx.cloze ? renderCloze(text, ctx.cloze, ctx.side) : text;
        break;
      case 'cloze-only':
        text = ctx.cloze ? clozeAnswers(text, ctx.cloze).join(', ') : '';
        break;
      case 'text':
        text = stripHtml(text);
        break;
      case 'hint':
        text = text.trim() ? `<details><summary>Hint</summary>${text}</details>` : '';
        break;
      case 'type':
      case 'tts':
        text = '';
        break;
      case 'kanji':
        text = text.replace(/ ?([^ >]+?)\[(.+?)\]/g, '$1');
        break;
      case 'kana':
        text = text.replace(/ ?([^ >]+?)\[(.+?)\]/g, '$2');
        break;
      case 'furigana':
        text = text.replace(/ ?([^ >]+?)\[(.+?)\]/g, '$1($2)');
        break;
      default:
        break;
    }
  }
  return text;
}

// `{{c1::text}}` or `{{c1::text::hint}}`; text stops at the first `::` or `}}`, as in Anki. Neither
// part may contain `{{`, so an unclosed cloze costs a scan to the next `{{` at most (no quadratic
// blow-up on hostile fields); nested clozes therefore count only their innermost part.
const CLOZE = /\{\{c(\d+)::((?:(?!\{\{|\}\})[\s\S])*?)(?:::((?:(?!\{\{|\}\})[\s\S])*?))?\}\}/g;

/** Cloze numbers used in a field, ascending. */
export function clozeNumbers(text: string): number[] {
  return [...new Set([...text.matchAll(CLOZE)].map((m) => Number(m[1])))].filter((n) => n > 0).sort((a, b) => a - b);
}

function clozeAnswers(text: string, n: number): string[] {
  return [...text.matchAll(CLOZE)].filter((m) => Number(m[1]) === n).map((m) => m[2]!.trim());
}

function renderCloze(text: string, n: number, side: 'question' | 'answer'): string {
  if (side === 'answer') return clozeAnswers(text, n).join('; ');
  return text.replace(CLOZE, (_all, num: string, body: string, hint?: string) =>
    Number(num) === n ? (hint?.trim() ? `[${hint.trim()}]` : '[...]') : body,
  );
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Anki's strip_html_preserving_media_filenames: tags out (image file names kept), entities decoded. */
export function stripHtml(html: string): string {
  return html
    .replace(/<img[^>]*?src=["']?([^"'>\s]+)["']?[^>]*>/gi, ' $1 ')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, ref: string) => {
      if (ref[0] === '#') {
        const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
      }
      return ENTITIES[ref.toLowerCase()] ?? all;
    })
    .trim();
}

/** Removes what only works with media or in Anki: sound and TTS tags. */
export function stripMediaTags(html: string): string {
  if (!html.includes('[sound:') && !html.includes('[anki:tts')) return html;
  return html.replace(/\[sound:[^\]]*\]/g, '').replace(/\[anki:tts[^\]]*\][\s\S]*?\[\/anki:tts\]/g, '');
}

const ANSWER_RULE = /^(?:\s|<br\s*\/?>)*<hr[^>]*\bid\s*=\s*["']?answer["']?[^>]*>/i;
const EDGE_BREAKS = /^(?:\s|<br\s*\/?>|&nbsp;)+|(?:\s|<br\s*\/?>|&nbsp;)+$/gi;

/** Tidies a rendered side: no sound tags, no answer rule, no blank lines or breaks at the edges. */
export function tidySide(html: string, side: 'question' | 'answer'): string {
  let out = stripMediaTags(html).trim();
  if (side === 'answer') out = out.replace(ANSWER_RULE, '');
  return out.replace(EDGE_BREAKS, '');
}

/** The first field a template shows (FrontSide and special fields aside), for classifying note types. */
export function firstField(source: string, fieldNames: readonly string[]): string | null {
  const names = new Set(fieldNames);
  for (const m of source.matchAll(TAG)) {
    const inner = m[1]!.trim();
    if (/^[#^/!=]/.test(inner)) continue;
    const name = inner.split(':').pop()!.trim();
    if (names.has(name)) return name;
  }
  return null;
}
