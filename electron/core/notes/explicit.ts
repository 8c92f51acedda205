// Explicit card syntax, compatible with the Obsidian Spaced Repetition plugin where it overlaps:
//   Question::Answer            one card (the first "::" on the line splits)
//   Question:::Answer           two cards, one each way
//   lines of question           a multi-line card: the block above a line "?" is the front, the
//   ?                           block below it the back ("??": one card each way). The plugin
//   lines of answer             ends a card at a blank line; so does this parser.
//   text with ==hidden== parts  a cloze card per highlight
//   {{c1::hidden::hint}}        Anki clozes: one card per number, "[hint]" or "[...]" in the gap
// Works on the raw source of ONE paragraph node. The plugin's scheduling comments
// (<!--SR:…-->) and other HTML comments are dropped, and so is code: `a::b` inside backticks, or
// an IPv6 address such as fe80::1, is never card syntax.
import { collapse } from './text';

export interface ExplicitHit {
  front: string;
  back: string;
  kind: 'explicit' | 'cloze';
  /** 0-based line inside the paragraph. */
  lineOffset: number;
  /** Identity of the note this card belongs to (without the file). */
  id: string;
  ord: number;
  /** The note's fields as written: [front, back], or [cloze text in Anki syntax]. */
  fields: string[];
  reversed: boolean;
}

/** Hide spans that must never be read as card syntax (code, IPv6 addresses) by same-length filler. */
function mask(s: string): string {
  return s
    .replace(/`+[^`\n]*`+/g, (m) => '\u0000'.repeat(m.length))
    .replace(/(?<![\w:])[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}(?:\/\d{1,3})?(?![\w:])/gi, (m) => (m.includes('::') && /\d/.test(m) ? '\u0000'.repeat(m.length) : m));
}

/** Drop HTML comments (Obsidian's <!--SR:…--> scheduling notes among them), keeping line count. */
export function stripComments(raw: string): string {
  return raw.replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, '')).replace(/[ \t]+$/gm, '');
}

const ANKI = /\{\{c(\d+)::([\s\S]*?)(?:::([^{}]*?))?\}\}/g;
const HIGHLIGHT = /==(?=\S)([^=\n]*?[^=\s])==/g;

/** Index of the line that is just "?" or "??" (the multi-line separator), or -1. */
export function separatorIndex(lines: readonly string[]): number {
  return lines.findIndex((l) => l.trim() === '?' || l.trim() === '??');
}

export function explicitCards(rawInput: string): ExplicitHit[] {
  const raw = stripComments(rawInput);
  const lines = raw.split('\n').map((l) => l.trim());
  const masked = lines.map(mask);
  const hits: ExplicitHit[] = [];

  // Multi-line: a line of `?` or `??` splits question lines from answer lines.
  const sep = separatorIndex(masked);
  if (sep > 0 && sep < lines.length - 1) {
    return multiLine(lines.slice(0, sep).join('\n'), lines.slice(sep + 1).join('\n'), masked[sep] === '??', 0);
  }

  // Clozes take the whole paragraph (the plugin's "block"): one text, a card per gap.
  const maskedAll = masked.join('\n');
  if (/\{\{c\d+::/.test(maskedAll)) return ankiCloze(lines.join('\n'));
  const anyInline = masked.some((m) => m.indexOf('::') > 0);
  if (!anyInline && HIGHLIGHT.test(maskedAll)) {
    HIGHLIGHT.lastIndex = 0;
    return highlightCloze(lines.join('\n'), maskedAll);
  }

  lines.forEach((line, i) => {
    const m = masked[i] ?? '';
    const triple = m.indexOf(':::');
    const double = m.indexOf('::');
    if (double <= 0) return;
    const reversed = triple === double;
    const at = reversed ? triple : double;
    const front = collapse(line.slice(0, at));
    const back = collapse(line.slice(at + (reversed ? 3 : 2)));
    if (!front || !back || back.startsWith(':')) return;
    hits.push({ front, back, kind: 'explicit', lineOffset: i, id: front, ord: 0, fields: [front, back], reversed });
    if (reversed) hits.push({ front: back, back: front, kind: 'explicit', lineOffset: i, id: front, ord: 1, fields: [front, back], reversed });
  });
  return hits;
}

/** A multi-line card; the generator also calls this when the back is the next block (a list). */
export function multiLine(frontText: string, backText: string, reversed: boolean, lineOffset: number): ExplicitHit[] {
  const front = frontText.trim();
  const back = backText.trim();
  if (!front || !back) return [];
  const hits: ExplicitHit[] = [{ front, back, kind: 'explicit', lineOffset, id: front, ord: 0, fields: [front, back], reversed }];
  if (reversed) hits.push({ front: back, back: front, kind: 'explicit', lineOffset, id: front, ord: 1, fields: [front, back], reversed });
  return hits;
}

function ankiCloze(text: string): ExplicitHit[] {
  const numbers = [...new Set([...text.matchAll(ANKI)].map((m) => Number(m[1] ?? '1')))].sort((a, b) => a - b);
  const plain = collapse(text.replace(ANKI, (_all, _n: string, answer: string) => answer));
  const out: ExplicitHit[] = [];
  for (const n of numbers) {
    let answered = false;
    const front = text.replace(ANKI, (_all, num: string, answer: string, hint?: string) => {
      if (Number(num) !== n) return answer;
      if (answer.trim()) answered = true;
      return hint?.trim() ? `[${hint.trim()}]` : '[...]';
    });
    const back = text.replace(ANKI, (_all, num: string, answer: string) => (Number(num) === n ? emphasise(answer) : answer));
    if (answered && collapse(front)) out.push({ front: front.trim(), back: back.trim(), kind: 'cloze', lineOffset: lineOf(text, `{{c${n}::`), id: plain, ord: n - 1, fields: [text.trim(), ''], reversed: false });
  }
  return out;
}

function highlightCloze(text: string, masked: string): ExplicitHit[] {
  const spans = [...masked.matchAll(HIGHLIGHT)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: text.slice(m.index + 2, m.index + m[0].length - 2) }));
  const plain = collapse(spansReplace(text, spans, () => null));
  // The fields in Anki's syntax, so an export to Anki's Cloze note type needs no second parser.
  let k = 0;
  const anki = spansReplace(text, spans, (s) => `{{c${++k}::${s.text}}}`);
  return spans.map((target, i) => ({
    front: spansReplace(text, spans, (s) => (s === target ? '[...]' : null)).trim(),
    back: spansReplace(text, spans, (s) => (s === target ? emphasise(s.text) : null)).trim(),
    kind: 'cloze' as const,
    lineOffset: text.slice(0, target.start).split('\n').length - 1,
    id: plain,
    ord: i,
    fields: [anki.trim(), ''],
    reversed: false,
  }));
}

function emphasise(answer: string): string {
  const t = answer.trim();
  return t ? `**${t}**` : t;
}

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at < 0 ? 0 : text.slice(0, at).split('\n').length - 1;
}

function spansReplace(line: string, spans: { start: number; end: number; text: string }[], pick: (s: { start: number; end: number; text: string }) => string | null): string {
  let out = '';
  let pos = 0;
  for (const s of spans) {
    out += line.slice(pos, s.start) + (pick(s) ?? s.text);
    pos = s.end;
  }
  return out + line.slice(pos);
}
