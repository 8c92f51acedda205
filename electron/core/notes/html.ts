// `<details><summary>Title</summary> … </details>` blocks arrive as raw HTML nodes in mdast. This turns
// the inside of each block into Markdown (line for line, so line numbers survive) for a re-parse.

export interface DetailsSegment {
  summary: string;
  /** Markdown for the body; line i of it is line `firstLine + i` of the note. */
  markdown: string;
  firstLine: number;
  /** Line of the <summary> (the group's own line), or firstLine. */
  summaryLine: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (all, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return safeChar(parseInt(e.slice(2), 16), all);
    if (e.startsWith('#')) return safeChar(parseInt(e.slice(1), 10), all);
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

function safeChar(code: number, fallback: string): string {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/** Inline HTML on one line → Markdown-ish text. */
function lineToMd(line: string): string {
  return line
    .replace(/<li\b[^>]*>/gi, '- ')
    .replace(/<\/li>/gi, '')
    .replace(/<(strong|b|ins|u)\b[^>]*>/gi, '**')
    .replace(/<\/(strong|b|ins|u)>/gi, '**')
    .replace(/<(em|i)\b[^>]*>/gi, '*')
    .replace(/<\/(em|i)>/gi, '*')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .trim();
}

/**
 * Split an HTML node's text into details segments. `open` is the summary of a details block that
 * is still open (its body continues in later mdast nodes); text outside any details is ignored.
 */
export function detailsSegments(html: string, startLine: number): { segments: DetailsSegment[]; openSummary: string | null; closes: number } {
  const lines = html.split('\n');
  const segments: DetailsSegment[] = [];
  let cur: { summary: string; lines: string[]; firstLine: number; summaryLine: number } | null = null;
  let closes = 0;
  lines.forEach((raw, i) => {
    let line = raw;
    if (/<details\b/i.test(line)) {
      if (cur) segments.push(finish(cur));
      cur = { summary: '', lines: [], firstLine: startLine + i, summaryLine: startLine + i };
      line = line.replace(/<details\b[^>]*>/i, '');
    }
    const sum = /<summary\b[^>]*>([\s\S]*?)<\/summary>/i.exec(line);
    if (sum && cur) {
      cur.summary = decodeEntities(lineToMd(sum[1] ?? '').replace(/\*+/g, '')).trim();
      cur.summaryLine = startLine + i;
      line = line.replace(sum[0], '');
    }
    const closing = /<\/details>/i.test(line);
    line = line.replace(/<\/details>/gi, '');
    if (cur) cur.lines.push(decodeEntities(lineToMd(line)));
    if (closing) {
      if (cur) segments.push(finish(cur));
      else closes++;
      cur = null;
    }
  });
  let openSummary: string | null = null;
  if (cur) {
    const c: { summary: string; lines: string[]; firstLine: number; summaryLine: number } = cur;
    segments.push(finish(c));
    openSummary = c.summary;
  }
  return { segments, openSummary, closes };
}

function finish(c: { summary: string; lines: string[]; firstLine: number; summaryLine: number }): DetailsSegment {
  return { summary: c.summary, markdown: c.lines.join('\n'), firstLine: c.firstLine, summaryLine: c.summaryLine };
}

/** Opening/closing inline tags that mark a term (`<strong>`, `<b>`, `<ins>`, `<u>`, `<mark>`). */
export function inlineEmphasisTag(html: string): { open: boolean; strong: boolean } | null {
  const m = /^<(\/?)(strong|b|ins|u|mark|em|i)\s*>$/i.exec(html.trim());
  if (!m) return null;
  const tag = (m[2] ?? '').toLowerCase();
  return { open: m[1] !== '/', strong: tag !== 'em' && tag !== 'i' };
}
