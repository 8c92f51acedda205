// Explicit card syntax, compatible with the Obsidian Spaced Repetition plugin where it overlaps:
// `Q::A`, `Q:::A` (both directions), multi-line `Q\n?\nA` / `Q\n??\nA`, cloze `==x==` and Anki's
// `{{c1::x::hint}}`. Works on the raw source of ONE paragraph node.
import { collapse } from './text';

export interface ExplicitHit {
  front: string;
  back: string;
  kind: 'explicit' | 'cloze';
  /** 0-based line inside the paragraph. */
  lineOffset: number;
  id: string;
}

/** Hide inline code spans so `a::b` or `a == b` inside code is not taken for card syntax. */
function maskCode(s: string): string {
  return s.replace(/`+[^`\n]*`+/g, (m) => '\u0000'.repeat(m.length));
}

const ANKI = /\{\{c(\d+)::([^{}]*?)(?:::([^{}]*?))?\}\}/g;
const HIGHLIGHT = /==(?=\S)([^=\n]*?[^=\s])==/g;

export function explicitCards(raw: string): ExplicitHit[] {
  const lines = raw.split('\n').map((l) => l.trim());
  const masked = lines.map(maskCode);
  const hits: ExplicitHit[] = [];

  // Multi-line: a line of `?` or `??` splits question lines from answer lines.
  const sep = masked.findIndex((l) => l === '?' || l === '??');
  if (sep > 0 && sep < lines.length - 1) {
    const front = lines.slice(0, sep).join('\n').trim();
    const back = lines.slice(sep + 1).join('\n').trim();
    if (front && back) {
      hits.push({ front, back, kind: 'explicit', lineOffset: 0, id: front });
      if (masked[sep] === '??') hits.push({ front: back, back: front, kind: 'explicit', lineOffset: 0, id: back });
    }
    return hits;
  }

  lines.forEach((line, i) => {
    const m = masked[i] ?? '';
    if (/\{\{c\d+::/.test(m)) {
      hits.push(...ankiCloze(line, i));
      return;
    }
    const triple = m.indexOf(':::');
    const double = m.indexOf('::');
    if (triple > 0) {
      const front = collapse(line.slice(0, triple));
      const back = collapse(line.slice(triple + 3));
      if (front && back && !back.startsWith(':')) {
        hits.push({ front, back, kind: 'explicit', lineOffset: i, id: front });
        hits.push({ front: back, back: front, kind: 'explicit', lineOffset: i, id: back });
      }
      return;
    }
    if (double > 0) {
      const front = collapse(line.slice(0, double));
      const back = collapse(line.slice(double + 2));
      if (front && back && !back.startsWith(':')) hits.push({ front, back, kind: 'explicit', lineOffset: i, id: front });
      return;
    }
    if (/==(?=\S)[^=\n]*?[^=\s]==/.test(m)) hits.push(...highlightCloze(line, m, i));
  });
  return hits;
}

function ankiCloze(line: string, lineOffset: number): ExplicitHit[] {
  const numbers = [...new Set([...line.matchAll(ANKI)].map((m) => m[1] ?? '1'))];
  const out: ExplicitHit[] = [];
  for (const n of numbers) {
    const answers: string[] = [];
    const front = line.replace(ANKI, (_all, num: string, text: string, hint?: string) => {
      if (num !== n) return text;
      answers.push(text.trim());
      return hint ? `[${hint.trim()}]` : '[...]';
    });
    const back = answers.filter(Boolean).join('; ');
    if (back && collapse(front)) out.push({ front: collapse(front), back, kind: 'cloze', lineOffset, id: `${collapse(line.replace(ANKI, '$2'))}#c${n}` });
  }
  return out;
}

function highlightCloze(line: string, masked: string, lineOffset: number): ExplicitHit[] {
  const spans = [...masked.matchAll(HIGHLIGHT)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: line.slice(m.index + 2, m.index + m[0].length - 2) }));
  const plainAll = spansReplace(line, spans, () => null);
  return spans.map((target, k) => {
    const front = spansReplace(line, spans, (s) => (s === target ? '[...]' : null));
    return { front: collapse(front), back: target.text.trim(), kind: 'cloze' as const, lineOffset, id: `${collapse(plainAll)}#${k + 1}` };
  });
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
