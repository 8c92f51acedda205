// Small text helpers for the notes→cards generator: inline Markdown serialisation, normalisation,
// language guess and junk detection. Pure; no I/O.
import type { PhrasingContent, RootContent } from 'mdast';

/** Inline mdast → Markdown text on one line (breaks and soft newlines become spaces). */
export function inlineMd(nodes: readonly PhrasingContent[]): string {
  return collapse(nodes.map(inlineNodeMd).join(''));
}

function inlineNodeMd(node: PhrasingContent): string {
  switch (node.type) {
    case 'text':
      return node.value;
    case 'strong':
      return wrap('**', inlineMdRaw(node.children));
    case 'emphasis':
      return wrap('*', inlineMdRaw(node.children));
    case 'delete':
      return wrap('~~', inlineMdRaw(node.children));
    case 'inlineCode':
      return '`' + node.value + '`';
    case 'break':
      return ' ';
    case 'link':
      return inlineMdRaw(node.children) || node.url;
    case 'linkReference':
      return inlineMdRaw(node.children);
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
      return '';
    case 'html':
      return /^<br\s*\/?>$/i.test(node.value.trim()) ? ' ' : '';
    default:
      return '';
  }
}

function inlineMdRaw(nodes: readonly PhrasingContent[]): string {
  return nodes.map(inlineNodeMd).join('');
}

function wrap(mark: string, inner: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner);
  if (!m || !m[2]) return inner;
  return `${m[1] ?? ''}${mark}${m[2]}${mark}${m[3] ?? ''}`;
}

/** Inline mdast → plain text (no Markdown marks). */
export function inlinePlain(nodes: readonly PhrasingContent[]): string {
  return collapse(nodes.map(plainNode).join(''));
}

function plainNode(node: PhrasingContent): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return ' ';
    case 'strong':
    case 'emphasis':
    case 'delete':
    case 'link':
    case 'linkReference':
      return node.children.map(plainNode).join('');
    default:
      return '';
  }
}

/** Two whitespace characters in a row, or one that is not a plain space. */
const NEEDS_COLLAPSE = /\s\s|[^\S ]/;

/** Runs of whitespace → one space, trimmed. */
export function collapse(s: string): string {
  // Most strings have single spaces only: then the replace would change nothing, so skip it.
  return NEEDS_COLLAPSE.test(s) ? s.replace(/\s+/g, ' ').trim() : s.trim();
}

/** Strip Markdown emphasis marks from a short Markdown string. */
export function stripMarks(s: string): string {
  return collapse(s.replace(/(\*{1,3}|_{1,3}|~~|`)/g, ''));
}

/** Lower-case, accents and punctuation removed: the identity part of a card key. */
export function normalizeKey(s: string): string {
  return stripMarks(s)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A tag from a heading: plain ASCII words joined by hyphens, cut at a word boundary. */
export function slugify(s: string, max = 50): string {
  const slug = normalizeKey(s).replace(/[^a-z0-9 ]+/g, '').trim().replace(/\s+/g, '-');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const end = cut.lastIndexOf('-');
  return end > 0 ? cut.slice(0, end) : slug.slice(0, max);
}

/** Emoji and other pictographs add nothing to a heading path or a front. */
export function stripPictographs(s: string): string {
  return collapse(s.replace(/[\p{Extended_Pictographic}\uFE0F\u200D]/gu, ''));
}

/**
 * A definition as it goes on the back of a card: a trailing attribution ("--*Course name*"), an
 * "Examples include:" that announced the list below, and a copula ("is …") are dropped.
 */
export function cleanDefinition(md: string): string {
  return md
    .replace(/\s*(?:--|—|–)\s*[*_]{1,2}[^*_]+[*_]{1,2}\s*$/, '')
    .replace(/([.!?])\s*--\s*[^.!?\n]{3,80}$/, '$1')
    .replace(/\s*\((?:source|bron|src)\s*:[^)]*\)\s*$/i, '')
    .trim();
}

export function capitalize(s: string): string {
  const t = s.trim();
  return t ? t.charAt(0).toUpperCase() + t.slice(1) : t;
}

/** Keep a back short: cut at a sentence boundary when it gets long. */
export function shorten(s: string, max = 600): string {
  const t = collapse(s);
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('? '), cut.lastIndexOf('! '));
  return end > 40 ? cut.slice(0, end + 1) : cut.trimEnd() + '…';
}

const NOTHING = new Set([
  'none', 'n/a', 'na', 'nvt', 'n.v.t.', 'geen', '-', '--', '—', '–', '...', '…', 'etc', 'etc.', 'enz', 'enz.',
  'enzovoort', 'and more', 'en meer', 'todo', 'tbd', 'tba', 'nothing', 'niets', 'idem', '?', 'nee', 'no', 'yes', 'ja',
  'geen problemen', 'geen problemen ervaren', 'no problems', 'no problems encountered', 'none encountered',
  'geen problemen ondervonden', 'not applicable', 'niet van toepassing',
]);

const PLACEHOLDER = /^\[?\s*(schrijf|write|vul|fill|voeg|add|insert|type|plaats|place|your|jouw|je)\b[^\]]*\]?$/i;
const URL_ONLY = /^<?(https?:\/\/|www\.)\S+>?$/i;
const FILLER = /^(refer to|see|zie|check|bekijk)\s+(the\s+|de\s+)?(summary|samenvatting|above|boven|hierboven|below|hieronder)/i;

/** Why a front/back text would be junk, or null when it is fine. */
export function junkReason(text: string): string | null {
  const t = collapse(text);
  const plain = stripMarks(t).replace(/[.:;,!]+$/, '').trim();
  if (!plain) return 'empty';
  if (NOTHING.has(plain.toLowerCase())) return 'no content';
  if (/^!\[[^\]]*\]\([^)]*\)$/.test(t)) return 'image';
  if (URL_ONLY.test(plain)) return 'link only';
  if (/^\[[^\]]*\]\([^)]*\)$/.test(t)) return 'link only';
  if (/^\[[^\]]*\]$/.test(plain) || PLACEHOLDER.test(plain) && /^\[/.test(plain)) return 'placeholder';
  if (/^[[(]?(schrijf|write|fill in|vul)\s+(hier|here|in)\b/i.test(plain)) return 'placeholder';
  if (FILLER.test(plain)) return 'filler';
  if (!/[\p{L}\p{N}]/u.test(plain)) return 'no content';
  return null;
}

/** A rough English/Dutch guess from common function words. */
export function detectLanguage(text: string): 'en' | 'nl' {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let n = 0;
  let e = 0;
  for (const w of words) {
    if (DUTCH_WORDS.has(w)) n++;
    if (ENGLISH_WORDS.has(w)) e++;
  }
  return n > e ? 'nl' : 'en';
}

const DUTCH_WORDS = new Set(['de', 'het', 'een', 'van', 'en', 'zijn', 'die', 'voor', 'wordt', 'worden', 'niet', 'met', 'ook', 'naar', 'dit', 'dat', 'deze', 'klant', 'je', 'bij', 'als', 'maar', 'om', 'aan', 'er', 'nog', 'kan', 'kunnen', 'geen', 'bijvoorbeeld', 'verschillende', 'welke', 'wat', 'hoe', 'waar', 'uit', 'tussen', 'tot', 'door', 'één', 'twee', 'heeft', 'hebben', 'kent', 'gebruikt', 'zoals']);
const ENGLISH_WORDS = new Set(['the', 'and', 'of', 'for', 'are', 'with', 'that', 'this', 'to', 'which', 'customer', 'a', 'an', 'it', 'by', 'be', 'can', 'you', 'your', 'from', 'or', 'as', 'not', 'but', 'when', 'what', 'how', 'one', 'two', 'has', 'have', 'such', 'uses', 'used']);

/** Is this block only images (and whitespace)? */
export function isImageOnly(node: RootContent): boolean {
  if (node.type !== 'paragraph') return false;
  const kids = node.children.filter((c) => !(c.type === 'text' && !c.value.trim()) && c.type !== 'break');
  return kids.length > 0 && kids.every((c) => c.type === 'image' || c.type === 'imageReference' || (c.type === 'link' && c.children.every((k) => k.type === 'image')));
}

/** Is this paragraph only links / bare URLs (a sources line)? */
export function isLinkOnly(node: RootContent): boolean {
  if (node.type !== 'paragraph') return false;
  const kids = node.children.filter((c) => !(c.type === 'text' && !/[\p{L}\p{N}]/u.test(c.value)) && c.type !== 'break');
  return kids.length > 0 && kids.every((c) => c.type === 'link' || c.type === 'linkReference' || (c.type === 'text' && URL_ONLY.test(c.value.trim())));
}
