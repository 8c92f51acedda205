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
