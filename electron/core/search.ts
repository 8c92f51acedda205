// The card browser's query language, close to Anki's:
//
//   dog                  front or back contains "dog" (case-insensitive; * and _ are wildcards)
//   "a phrase"           contains the phrase (spaces included)
//   -dog  -tag:x  -(…)   negation
//   a b   a and b        both; `a or b` either; parentheses group
//   deck:AWS             the deck and its children (AWS::…); deck:AWS* wildcard; deck:"with spaces"
//   tag:aws              tag aws or its children (aws::…), wildcards; tag:none = untagged
//   is:new|learn|review|suspended|buried|due|marked|flagged
//   flag:0–7             0 = no flag
//   prop:s>10            stability; also d (difficulty), r (retrievability now), ivl, due (days
//                        from today), reps, lapses, pos; operators < <= > >= = !=
//   rated:N  rated:N:R   answered in the last N days (with rating R 1–4)
//   added:N  edited:N    note added / edited in the last N days
//   front:… back:…       that side equals the text (wildcards allowed: front:*dog*)
//   cid:1,2  nid:3       card / note ids
//   \: \* \_ \" \\       a literal colon, star, underscore, quote, backslash
//
// Compiled to one SQL condition with ? parameters: user text only ever travels as a parameter.
// Mistakes raise InvalidArgumentError naming the bad token.
import type { Database } from 'better-sqlite3';
import { InvalidArgumentError } from './errors';
import { msg } from './messages';
import { deckOptions } from './presets';
import { createForgettingCurve, type ForgettingCurve } from './scheduler';
import { getAppSettings, parseDeckOptions } from './settings';
import { DAY, studyDay } from './time';

// --- Tokens and syntax tree -------------------------------------------------------------------

type Token =
  | { type: 'term'; raw: string; text: string }
  | { type: 'not'; text: string }
  | { type: 'open'; text: string }
  | { type: 'close'; text: string }
  | { type: 'or'; text: string }
  | { type: 'and'; text: string };

export type Node =
  | { type: 'and'; items: Node[] }
  | { type: 'or'; items: Node[] }
  | { type: 'not'; item: Node }
  | { type: 'term'; key: string | null; value: string; text: string };

/**
 * Splits a query into tokens. A term keeps its escapes (`\:`) so the key/value split and wildcard
 * conversion can tell escaped characters apart; quotes only group, they are not part of the text.
 */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = query.length;
  while (i < n) {
    const ch = query[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(') {
      tokens.push({ type: 'open', text: '(' });
      i++;
      continue;
    }
    if (ch === ')') {
      tokens.push({ type: 'close', text: ')' });
      i++;
      continue;
    }
    if (ch === '-' && i + 1 < n && !/\s/.test(query[i + 1]!)) {
      tokens.push({ type: 'not', text: '-' });
      i++;
      continue;
    }
    const start = i;
    let raw = '';
    let quoted = false;
    while (i < n) {
      const c = query[i]!;
      if (c === '\\' && i + 1 < n) {
        raw += c + query[i + 1];
        i += 2;
      } else if (c === '"') {
        quoted = true;
        const close = findClosingQuote(query, i + 1);
        if (close < 0) throw new InvalidArgumentError(msg('search.quoteNotClosed', { text: JSON.stringify(query.slice(start)) }));
        raw += query.slice(i + 1, close);
        i = close + 1;
      } else if (/\s/.test(c) || c === '(' || c === ')') {
        break;
      } else {
        raw += c;
        i++;
      }
    }
    const text = query.slice(start, i);
    if (!quoted && /^or$/i.test(raw)) tokens.push({ type: 'or', text });
    else if (!quoted && /^and$/i.test(raw)) tokens.push({ type: 'and', text });
    else tokens.push({ type: 'term', raw, text });
  }
  return tokens;
}

function findClosingQuote(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}

/** Parses a query into a tree; an empty query is an empty `and` (every card). */
export function parseQuery(query: string): Node {
  const tokens = tokenize(query);
  let pos = 0;
  const peek = () => tokens[pos];

  const parseOr = (): Node => {
    const items = [parseAnd()];
    while (peek()?.type === 'or') {
      const or = tokens[pos++]!;
      const next = peek();
      if (!next || next.type === 'close' || next.type === 'or') throw new InvalidArgumentError(msg('search.orNeedsTermAfter', { word: or.text }));
      items.push(parseAnd());
    }
    return items.length === 1 ? items[0]! : { type: 'or', items };
  };

  const parseAnd = (): Node => {
    const items: Node[] = [];
    for (;;) {
      const t = peek();
      if (!t || t.type === 'close' || t.type === 'or') break;
      if (t.type === 'and') {
        pos++;
        if (items.length === 0 || !peek() || peek()!.type === 'close' || peek()!.type === 'or') {
          throw new InvalidArgumentError(msg('search.andNeedsBothSides', { word: t.text }));
        }
        continue;
      }
      items.push(parseUnary());
    }
    if (items.length === 0) {
      const t = peek();
      if (t?.type === 'or') throw new InvalidArgumentError(msg('search.orNeedsTermBefore', { word: t.text }));
      if (t?.type === 'close' && pos > 0 && tokens[pos - 1]!.type === 'open') throw new InvalidArgumentError(msg('search.emptyParentheses'));
    }
    return items.length === 1 ? items[0]! : { type: 'and', items };
  };

  const parseUnary = (): Node => {
    const t = tokens[pos++]!;
    if (t.type === 'not') {
      const next = peek();
      if (!next || next.type === 'close' || next.type === 'or' || next.type === 'and') throw new InvalidArgumentError(msg('search.minusNeedsTerm'));
      return { type: 'not', item: parseUnary() };
    }
    if (t.type === 'open') {
      const inner = parseOr();
      if (peek()?.type !== 'close') throw new InvalidArgumentError(msg('search.parenNotClosed'));
      pos++;
      return inner;
    }
    if (t.type === 'term') return termNode(t.raw, t.text);
    throw new InvalidArgumentError(msg('search.unexpected', { text: t.text }));
  };

  const tree = parseOr();
  if (pos < tokens.length) {
    const t = tokens[pos]!;
    throw new InvalidArgumentError(t.type === 'close' ? msg('search.unmatchedClose') : msg('search.unexpected', { text: t.text }));
  }
  return tree;
}

function termNode(raw: string, text: string): Node {
  const colon = unescapedIndex(raw, ':');
  if (colon > 0) return { type: 'term', key: raw.slice(0, colon).toLowerCase(), value: raw.slice(colon + 1), text };
  return { type: 'term', key: null, value: raw, text };
}

function unescapedIndex(s: string, ch: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === ch) return i;
  }
  return -1;
}

// --- Compiling to SQL ---------------------------------------------------------------------------

export interface CompiledQuery {
  /** A condition over `card c` (and `note n`, when needsNote), with ? placeholders. */
  where: string;
  params: unknown[];
  needsNote: boolean;
}

export interface SearchContext {
  now: number;
  dayStartHour: number;
  /** All decks, for deck: (the table is small). */
  decks: { id: number; name: string }[];
}

const KEYS = ['deck', 'tag', 'is', 'flag', 'prop', 'rated', 'added', 'edited', 'front', 'back', 'cid', 'nid'];

/** Compiles a query for a collection at `now`. */
export function compileQuery(db: Database, query: string, now: number): CompiledQuery {
  ensureSearchFunctions(db);
  const ctx: SearchContext = {
    now,
    dayStartHour: getAppSettings(db).dayStartHour,
    decks: db.prepare('SELECT id, name FROM deck').all() as { id: number; name: string }[],
  };
  return compileTree(parseQuery(query), ctx);
}

export function compileTree(tree: Node, ctx: SearchContext): CompiledQuery {
  const params: unknown[] = [];
  let needsNote = false;
  const todayStart = studyDay(ctx.now, ctx.dayStartHour).start;
  const daysAgoStart = (n: number) => {
    const d = new Date(todayStart);
    d.setDate(d.getDate() - (n - 1));
    return d.getTime();
  };
  const p = (v: unknown) => {
    params.push(v);
    return '?';
  };

  const visit = (node: Node): string => {
    switch (node.type) {
      case 'and':
        return node.items.length === 0 ? '1' : `(${node.items.map(visit).join(' AND ')})`;
      case 'or':
        return `(${node.items.map(visit).join(' OR ')})`;
      case 'not':
        return `NOT ${visit(node.item)}`;
      case 'term':
        return term(node);
    }
  };

  const term = (t: Extract<Node, { type: 'term' }>): string => {
    const value = t.value;
    if (t.key === null) {
      if (value === '') return '1';
      const pattern = `%${likePattern(value)}%`;
      return `(c.front LIKE ${p(pattern)} ESCAPE '\\' OR c.back LIKE ${p(pattern)} ESCAPE '\\')`;
    }
    if (!KEYS.includes(t.key)) {
      throw new InvalidArgumentError(msg('search.unknownKey', { text: t.text, key: t.key, keys: KEYS.map((k) => `${k}:`).join(', ') }));
    }
    if (value === '' && t.key !== 'front' && t.key !== 'back') throw new InvalidArgumentError(msg('search.needsValue', { text: t.text }));
    switch (t.key) {
      case 'deck': {
        const re = nameRegex(value);
        const ids = ctx.decks.filter((d) => re.test(d.name)).map((d) => d.id);
        return `c.deck_id IN (SELECT value FROM json_each(${p(JSON.stringify(ids))}))`;
      }
      case 'tag': {
        needsNote = true;
        if (unescape(value).toLowerCase() === 'none' && !hasWildcard(value)) return "trim(n.tags) = ''";
        if (!hasWildcard(value)) {
          const tag = likeLiteral(unescape(value));
          return `(' ' || n.tags || ' ' LIKE ${p(`% ${tag} %`)} ESCAPE '\\' OR ' ' || n.tags || ' ' LIKE ${p(`% ${tag}::%`)} ESCAPE '\\')`;
        }
        return `stratus_has_tag(n.tags, ${p(nameRegex(value).source)})`;
      }
      case 'is':
        return isTerm(t, p);
      case 'flag': {
        if (!/^[0-7]$/.test(value)) throw new InvalidArgumentError(msg('search.badFlag', { text: t.text }));
        return `c.flag = ${p(Number(value))}`;
      }
      case 'prop':
        return propTerm(t, p, todayStart, ctx.now);
      case 'rated': {
        const m = /^(\d{1,5})(?::([1-4]))?$/.exec(value);
        if (!m || Number(m[1]) < 1) throw new InvalidArgumentError(msg('search.badRated', { text: t.text }));
        // Parameters are added in the order their ? appear.
        const since = `r.reviewed_at >= ${p(daysAgoStart(Number(m[1])))}`;
        const rating = m[2] ? ` AND r.rating = ${p(Number(m[2]))}` : '';
        return `EXISTS (SELECT 1 FROM review r WHERE r.card_id = c.id AND ${since}${rating})`;
      }
      case 'added':
      case 'edited': {
        if (!/^\d{1,5}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(msg('search.badDays', { text: t.text, key: t.key }));
        needsNote = true;
        return `n.${t.key === 'added' ? 'created_at' : 'updated_at'} >= ${p(daysAgoStart(Number(value)))}`;
      }
      case 'front':
      case 'back':
        return `c.${t.key} LIKE ${p(likePattern(value))} ESCAPE '\\'`;
      case 'cid':
      case 'nid': {
        if (!/^\d+(,\d+)*$/.test(value)) throw new InvalidArgumentError(msg('search.badIds', { text: t.text, key: t.key }));
        return `c.${t.key === 'cid' ? 'id' : 'note_id'} IN (SELECT value FROM json_each(${p(JSON.stringify(value.split(',').map(Number)))}))`;
      }
    }
    throw new InvalidArgumentError(msg('search.notATerm', { text: t.text }));
  };

  const isTerm = (t: Extract<Node, { type: 'term' }>, param: (v: unknown) => string): string => {
    // A function, so the parameter is only added where the condition is used.
    const buried = () => `(c.buried_until IS NOT NULL AND c.buried_until > ${param(ctx.now)})`;
    switch (unescape(t.value).toLowerCase()) {
      case 'new':
        return 'c.state = 0';
      case 'learn':
        return 'c.state IN (1, 3)';
      case 'review':
        return 'c.state IN (2, 3)';
      case 'suspended':
        return 'c.suspended = 1';
      case 'buried':
        return buried();
      case 'flagged':
        return 'c.flag > 0';
      case 'marked':
        needsNote = true;
        return `' ' || n.tags || ' ' LIKE '% marked %'`;
      case 'due': {
        const end = studyDay(ctx.now, ctx.dayStartHour).end;
        return `(c.suspended = 0 AND NOT ${buried()} AND ((c.state IN (1, 3) AND c.due <= ${param(ctx.now)}) OR (c.state = 2 AND c.due < ${param(end)})))`;
      }
      default:
        throw new InvalidArgumentError(msg('search.badIs', { text: t.text }));
    }
  };

  const where = visit(tree);
  return { where, params, needsNote };
}

// Each `sql` adds the parameters it uses through the callbacks, in the order they appear.
const PROPS: Record<string, { sql: (todayStart: () => string, now: () => string) => string; reviewedOnly: boolean }> = {
  s: { sql: () => 'c.stability', reviewedOnly: true },
  d: { sql: () => 'c.difficulty', reviewedOnly: true },
  r: { sql: (_t, now) => `stratus_retrievability(c.deck_id, c.state, c.stability, c.last_review, ${now()})`, reviewedOnly: true },
  ivl: { sql: () => 'c.scheduled_days', reviewedOnly: true },
  due: { sql: (today) => `CAST(floor((c.due - ${today()}) / ${DAY}.0) AS INTEGER)`, reviewedOnly: true },
  reps: { sql: () => 'c.reps', reviewedOnly: false },
  lapses: { sql: () => 'c.lapses', reviewedOnly: false },
  pos: { sql: () => 'c.position', reviewedOnly: false },
};

function propTerm(t: Extract<Node, { type: 'term' }>, p: (v: unknown) => string, todayStart: number, now: number): string {
  const m = /^([a-z]+)(<=|>=|!=|<|>|=)(-?\d+(?:\.\d+)?)$/i.exec(unescape(t.value));
  if (!m) throw new InvalidArgumentError(msg('search.badProp', { text: t.text }));
  const prop = PROPS[m[1]!.toLowerCase()];
  if (!prop) throw new InvalidArgumentError(msg('search.unknownProp', { text: t.text, prop: m[1]!, props: Object.keys(PROPS).join(', ') }));
  const expr = prop.sql(() => p(todayStart), () => p(now));
  const op = m[2] === '!=' ? '<>' : m[2]!;
  const cond = `${expr} ${op} ${p(Number(m[3]))}`;
  return prop.reviewedOnly ? `(c.state <> 0 AND ${cond})` : cond;
}

/** User text → a LIKE pattern: * → %, _ stays a one-character wildcard, escapes made literal. */
function likePattern(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) {
      const next = value[++i]!;
      out += next === '_' || next === '%' || next === '\\' ? `\\${next}` : next;
    } else if (c === '*') out += '%';
    else if (c === '%') out += '\\%';
    else out += c;
  }
  return out;
}

/** Plain text for a LIKE pattern: every special character escaped. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function hasWildcard(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\\') i++;
    else if (value[i] === '*' || value[i] === '_') return true;
  }
  return false;
}

function unescape(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

/**
 * deck: and tag: names: case-insensitive, whole name, * and _ wildcards, and children (Name::…)
 * included, as in Anki.
 */
function nameRegex(value: string): RegExp {
  let re = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) re += escapeRegex(value[++i]!);
    else if (c === '*') re += '.*';
    else if (c === '_') re += '.';
    else re += escapeRegex(c);
  }
  return new RegExp(`^${re}(?:::.*)?$`, 'iu');
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// --- SQL functions --------------------------------------------------------------------------------

const registered = new WeakSet<Database>();
/** Forgetting curve of each deck's preset, loaded before each search (SQL functions can't query). */
const curves = new WeakMap<Database, Map<number, ForgettingCurve>>();
const DEFAULT_CURVE = createForgettingCurve();

/**
 * Registers the SQL functions the compiled queries call, and loads the decks' forgetting curves:
 * - stratus_retrievability(deck, state, stability, last_review, now): recall probability now, with
 *   the FSRS forgetting curve of the deck's preset weights (null for new cards);
 * - stratus_has_tag(tags, regex): a space-separated tag list has a tag matching the pattern.
 */
export function ensureSearchFunctions(db: Database): void {
  loadCurves(db);
  if (registered.has(db)) return;
  registered.add(db);
  const regexes = new Map<string, RegExp>();
  db.function('stratus_has_tag', { deterministic: true }, (tags: unknown, source: unknown) => {
    let re = regexes.get(source as string);
    if (!re) regexes.set(source as string, (re = new RegExp(source as string, 'iu')));
    return (tags as string).split(' ').some((tag) => tag !== '' && re.test(tag)) ? 1 : 0;
  });
  db.function('stratus_retrievability', { deterministic: true }, (deckId: unknown, state: unknown, stability: unknown, lastReview: unknown, now: unknown) => {
    if (state === 0 || lastReview === null || typeof stability !== 'number') return null;
    const curve = curves.get(db)?.get(Number(deckId)) ?? DEFAULT_CURVE;
    return curve((Number(now) - Number(lastReview)) / DAY, stability);
  });
}

function loadCurves(db: Database): void {
  const rows = db.prepare('SELECT d.id, p.config FROM deck d JOIN deck_preset p ON p.id = coalesce(d.preset_id, 1)').all() as { id: number; config: string }[];
  const byConfig = new Map<string, ForgettingCurve>();
  const map = new Map<number, ForgettingCurve>();
  for (const r of rows) {
    let curve = byConfig.get(r.config);
    if (!curve) byConfig.set(r.config, (curve = createForgettingCurve(parseDeckOptions(r.config))));
    map.set(r.id, curve);
  }
  curves.set(db, map);
}

/** The forgetting curve of a deck's preset (outside SQL functions). */
export function curveFor(db: Database, deckId: number): ForgettingCurve {
  return createForgettingCurve(deckOptions(db, deckId));
}
