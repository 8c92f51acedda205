// Card text → the only HTML the renderer ever sees. Card fields are Markdown that may carry HTML
// (imported decks do); both go through one allow-list, so scripts, handlers, styles, remote
// images and forms never reach the window.
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { SanitizedHtml } from '../shared/contract';

const markdown = new Marked({ gfm: true, breaks: true, async: false });

const POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'del', 'mark', 'sub', 'sup', 'small',
    'code', 'pre', 'kbd', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'span', 'div',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'details', 'summary', 'img',
  ],
  allowedAttributes: { img: ['src', 'alt'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'], ol: ['start'] },
  // Only inline images: the CSP forbids remote loads anyway, and an offline app must not beacon.
  allowedSchemesByTag: { img: ['data'] },
  allowedSchemes: [],
  // Tags outside the list (links among them) are dropped and their text kept: the window never
  // navigates away.
  disallowedTagsMode: 'discard',
  // Relative or remote images would load from app:// or beacon out: only inline data images stay.
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^data:image\//i.test(frame.attribs.src ?? ''),
};

export function renderCardHtml(text: string): SanitizedHtml {
  const html = markdown.parse(text) as string;
  return sanitizeHtml(html, POLICY).trim() as SanitizedHtml;
}

/**
 * renderCardHtml with a bounded memory of recent results, least recently used first out. The
 * review screen shows the same texts again within a day (learning steps, undo), and Study renders
 * the cards it expects next while the app is idle. The HTML depends on the text alone, so a hit
 * is exactly what rendering again would give; an edited card has a new text and misses.
 */
export class RenderCache {
  private readonly entries = new Map<string, SanitizedHtml>();
  private chars = 0;

  /** `maxChars` bounds the texts and HTML kept (card text may hold inline images). */
  constructor(
    private readonly maxEntries = 2000,
    private readonly maxChars = 8_000_000,
  ) {}

  render(text: string): SanitizedHtml {
    const hit = this.entries.get(text);
    if (hit !== undefined) {
      // Re-inserting marks it as the most recently used.
      this.entries.delete(text);
      this.entries.set(text, hit);
      return hit;
    }
    const html = renderCardHtml(text);
    const size = text.length + html.length;
    if (size <= this.maxChars / 16) {
      this.entries.set(text, html);
      this.chars += size;
      for (const [oldest, old] of this.entries) {
        if (this.entries.size <= this.maxEntries && this.chars <= this.maxChars) break;
        this.entries.delete(oldest);
        this.chars -= oldest.length + old.length;
      }
    }
    return html;
  }

  has(text: string): boolean {
    return this.entries.has(text);
  }

  get size(): number {
    return this.entries.size;
  }
}
