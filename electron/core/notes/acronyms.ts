// Abbreviations spelled out in a note — "Multi-Factor Authentication (MFA)", "IAM (Identity and
// Access Management)", "IaaS stands for …", "IAM – Identity and Access Management" — become
// "What does MFA stand for?" cards. In the spirit of Schwartz & Hearst (2003), but stricter: every
// content word of the long form must give the next letter of the short form, so a phrase that
// merely precedes a parenthesis is never taken for its expansion.

export interface Acronym {
  short: string;
  long: string;
}

// Small words a short form may skip or use ("IaaS" = Infrastructure as a Service).
const SMALL = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with', 'de', 'het', 'een', 'en', 'van', 'voor', 'op', 'in', 'met']);

/** A plausible short form: 2–8 letters, at least two capitals, optionally a plural "s". */
export function isShortForm(s: string): boolean {
  return /^[A-Za-z]{2,8}$/.test(s) && (s.match(/[A-Z]/g) ?? []).length >= 2 && /^[A-Z]/.test(s);
}

function letters(short: string): string {
  // "AZs" → "az": a trailing lower-case s is a plural, not a letter of the name.
  const core = /[A-Z]s$/.test(short) ? short.slice(0, -1) : short;
  return core.toLowerCase();
}

function words(long: string): string[] {
  return long.split(/[\s-]+/).filter(Boolean);
}

/** Do the words spell the short form (content words must, small words may)? */
export function spells(short: string, long: string): boolean {
  const ls = letters(short);
  const ws = words(long).map((w) => w.replace(/^[^\p{L}\p{N}]+/u, ''));
  if (!ws.length || ws.length > ls.length * 2 + 1) return false;
  const memo = new Map<string, boolean>();
  const go = (i: number, j: number): boolean => {
    if (j === ws.length) return i === ls.length;
    const key = `${i},${j}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const w = ws[j] ?? '';
    const initial = w.charAt(0).toLowerCase();
    const small = SMALL.has(w.toLowerCase());
    let ok = false;
    if (initial && i < ls.length && initial === ls[i]) ok = go(i + 1, j + 1);
    if (!ok && small) ok = go(i, j + 1);
    memo.set(key, ok);
    return ok;
  };
  const first = ws[0] ?? '';
  return !SMALL.has(first.toLowerCase()) && go(0, 0);
}

function tidy(long: string): string {
  return long.replace(/\s+/g, ' ').trim();
}

/** All abbreviations a piece of plain text spells out. */
export function findAcronyms(text: string): Acronym[] {
  const out: Acronym[] = [];
  // Long Form (SF)
  for (const m of text.matchAll(/\(([A-Za-z]{2,8})\)/g)) {
    const short = m[1] ?? '';
    if (!isShortForm(short)) continue;
    // A long form is a few words: the 200 characters before the parenthesis are plenty.
    const before = text.slice(Math.max(0, m.index - 200), m.index).replace(/\s+$/, '');
    // Only the same clause: stop at punctuation that ends one.
    const clause = before.split(/[.,;:!?()"“”]|\s[-–—]\s/).pop() ?? '';
    const ws = clause.split(/\s+/).filter(Boolean);
    for (let k = 1; k <= Math.min(ws.length, letters(short).length * 2 + 1); k++) {
      const long = ws.slice(ws.length - k).join(' ');
      if (spells(short, long)) {
        out.push({ short, long: tidy(long) });
        break;
      }
    }
  }
  // SF (Long Form)
  for (const m of text.matchAll(/\b([A-Za-z]{2,8})\s*\(([^()]{3,80})\)/g)) {
    const short = m[1] ?? '';
    const long = m[2] ?? '';
    if (isShortForm(short) && spells(short, long)) out.push({ short, long: tidy(long) });
  }
  // SF stands for / staat voor Long Form
  for (const m of text.matchAll(/\b([A-Za-z]{2,8})\s+(?:stands for|is short for|staat voor|is de afkorting van|is kort voor)\s+([^.,;:()]{3,80})/gi)) {
    const short = m[1] ?? '';
    const long = (m[2] ?? '').trim();
    const ws = words(long);
    // The long form may run on into the sentence: take the shortest prefix that spells it.
    for (let k = 1; k <= ws.length; k++) {
      const cand = long.split(/\s+/).slice(0, k).join(' ');
      if (isShortForm(short) && spells(short, cand)) {
        out.push({ short, long: tidy(cand) });
        break;
      }
    }
  }
  return out;
}

/** "IAM – Identity and Access Management": a whole heading or term that is an abbreviation and its expansion. */
export function acronymPair(a: string, b: string): Acronym | null {
  const x = a.trim();
  const y = b.replace(/[\p{Extended_Pictographic}\uFE0F]/gu, '').trim();
  if (isShortForm(x) && spells(x, y)) return { short: x, long: tidy(y) };
  if (isShortForm(y) && spells(y, x)) return { short: y, long: tidy(x) };
  return null;
}
