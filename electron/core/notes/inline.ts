// Inline-level helpers for the notes→cards generator: folding HTML emphasis into mdast nodes,
// cutting a paragraph into its source lines, and finding "term <separator> definition" in one
// line. Regular expressions here only ever look at the text of a single inline node.
import type { PhrasingContent } from 'mdast';
import { collapse, inlineMd, inlinePlain } from './text';
import { inlineEmphasisTag } from './html';

/** One source line of a paragraph. */
export interface InlineLine {
  nodes: PhrasingContent[];
  /** 0-based line inside the paragraph. */
  index: number;
  /** The line follows a hard break (two trailing spaces or a backslash), not a soft newline. */
  hard: boolean;
}

export type SepKind = 'dash' | 'colon' | 'equals' | 'inner';

export interface Split {
  termNodes: PhrasingContent[];
  defNodes: PhrasingContent[];
  sep: SepKind;
}

// "=", ":", and dashes with a space on at least one side (a hyphen needs spaces on both, so
// "Identity-based" never splits). " -- " is how many people type a dash on a keyboard.
const SEP = /(\s*=\s+|\s*:\s+|\s+--\s+|\s+[-–—]\s+|\s*[–—]\s+|\s+[–—]\s*)/;

/** `<strong>x</strong>`, `<ins>x</ins>` … arrive as separate html nodes: fold them into strong/emphasis. */
export function normalizeInline(nodes: readonly PhrasingContent[]): PhrasingContent[] {
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
    // Comments (Obsidian's <!--SR:…--> scheduling notes among them) are never card text.
    if (n.type === 'html' && /^<!--[\s\S]*-->$/.test(n.value.trim())) continue;
    out.push(n);
  }
  return out;
}

/** Cut inline nodes at soft newlines and hard breaks. */
export function splitLines(nodes: readonly PhrasingContent[]): InlineLine[] {
  const lines: InlineLine[] = [{ nodes: [], index: 0, hard: false }];
  let cur = lines[0]!;
  const newLine = (hard: boolean): void => {
    cur = { nodes: [], index: cur.index + 1, hard };
    lines.push(cur);
  };
  for (const n of nodes) {
    if (n.type === 'break') {
      newLine(true);
    } else if (n.type === 'text' && n.value.includes('\n')) {
      n.value.split('\n').forEach((part, k) => {
        if (k > 0) newLine(false);
        if (part) cur.nodes.push({ type: 'text', value: part });
      });
    } else {
      cur.nodes.push(n);
    }
  }
  return lines;
}

const blank = (n: PhrasingContent | undefined): boolean => !!n && (n.type === 'break' || (n.type === 'text' && !n.value.trim()));

export function trimEdges(nodes: readonly PhrasingContent[]): PhrasingContent[] {
  let s = 0;
  let e = nodes.length;
  while (s < e && blank(nodes[s])) s++;
  while (e > s && blank(nodes[e - 1])) e--;
  return nodes.slice(s, e);
}

export function isStrongish(n: PhrasingContent | undefined): boolean {
  if (!n) return false;
  if (n.type === 'strong') return true;
  if (n.type === 'emphasis') return n.children.length === 1 && n.children[0]?.type === 'strong';
  return false;
}

/** `***x***` / `**x**` → its children (a term front needs no outer bold). */
export function unwrapEmphasis(nodes: readonly PhrasingContent[]): PhrasingContent[] {
  const t = trimEdges(nodes);
  if (t.length === 1) {
    const n = t[0];
    if (n && (n.type === 'strong' || n.type === 'emphasis')) return unwrapEmphasis(n.children);
  }
  return t;
}

export function hasStrong(nodes: readonly PhrasingContent[]): boolean {
  return nodes.some((n) => n.type === 'strong' || (n.type === 'emphasis' && n.children.some((c) => c.type === 'strong')));
}

/** Find "term <separator> definition" at the start of one line. */
export function splitTerm(input: readonly PhrasingContent[]): Split | null {
  const nodes = trimEdges(input);
  const first = nodes[0];
  if (!first) return null;
  if (isStrongish(first)) {
    // **Term:** definition — the separator sits inside the bold.
    const rest = nodes.slice(1);
    const leadPlain = inlinePlain([first]);
    if (/[:=]$/.test(leadPlain) && rest.some((n) => collapse(inlinePlain([n])))) {
      return { termNodes: [{ type: 'strong', children: [{ type: 'text', value: leadPlain.replace(/\s*[:=]$/, '') }] }], defNodes: rest, sep: 'inner' };
    }
  }
  let seen = 0;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (!n) continue;
    if (n.type === 'text') {
      const m = SEP.exec(n.value);
      if (m && (m.index > 0 || i > 0)) {
        const before = n.value.slice(0, m.index);
        const after = n.value.slice(m.index + m[0].length);
        const s = m[0].trim();
        const sep: SepKind = s === ':' ? 'colon' : s === '=' ? 'equals' : 'dash';
        return { termNodes: [...nodes.slice(0, i), { type: 'text', value: before }], defNodes: [{ type: 'text', value: after }, ...nodes.slice(i + 1)], sep };
      }
    }
    seen += inlinePlain([n]).length;
    if (seen > 100) return null;
  }
  return null;
}

/** A line that is just a bold term (its definition follows on the next line or block). */
export function boldAlone(nodes: readonly PhrasingContent[]): string | null {
  const t = trimEdges(nodes);
  if (t.length !== 1 || !isStrongish(t[0])) return null;
  const plain = inlinePlain(t).replace(/\s*[:=]$/, '');
  if (!plain || plain.split(/\s+/).length > 8) return null;
  return inlineMd(unwrapEmphasis(t)).replace(/\s*[:=]$/, '');
}

/** Plain text of the nodes before `index`, back to the start of their sentence. */
export function sentencePrefix(nodes: readonly PhrasingContent[], index: number): string {
  const raw = nodes
    .slice(0, index)
    .map((n) => (n.type === 'text' ? n.value : inlinePlain([n])))
    .join('');
  return /(?:^|[.!?]\s+)([^.!?]*)$/.exec(raw)?.[1] ?? raw;
}

/** The whole sentence (as Markdown) before the one that holds `index`, or ''. */
export function previousSentence(nodes: readonly PhrasingContent[], index: number): string {
  const raw = nodes
    .slice(0, index)
    .map((n) => (n.type === 'text' ? n.value.replace(/\n/g, ' ') : inlineMd([n])))
    .join('');
  const end = Math.max(raw.lastIndexOf('. '), raw.lastIndexOf('! '), raw.lastIndexOf('? '));
  if (end < 0) return '';
  const done = raw.slice(0, end + 1);
  return collapse(/([^.!?]*[.!?])$/.exec(done)?.[1] ?? '');
}
