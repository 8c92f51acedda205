// Deck sources: a study note with an id/name header, turned into cards by the notes generator.
// Covers the header, the cards and their identity, both built-in decks (content checked against
// the seed notes), and installing them so that edits keep every card's review history.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { parseDeckSource, readDeckHeader, DeckSourceError, type DeckSource } from '../../electron/core/deckSource';
import { installDeckSource } from '../../electron/core/decks';
import { openCollection } from '../../electron/core/db/collection';
import { installBuiltins, openStratus, readBuiltinDecks } from '../../electron/core/open';
import { Study } from '../../electron/core/study';
import { TestClock } from './helpers';

const HEADER = '---\nid: demo\nname: Demo Deck\n---\n';
const NOW = Date.parse('2026-03-02T08:00:00Z');

/** Parses a body under a fixed 4-line header, so body line n is file line n + 4. */
function parseBody(body: string): DeckSource {
  return parseDeckSource(HEADER + body, 'demo.md');
}

function errorOf(fn: () => unknown): DeckSourceError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DeckSourceError);
    return error as DeckSourceError;
  }
  throw new Error('expected a DeckSourceError, but parsing succeeded');
}

function expectError(text: string, line: number, detail: RegExp): void {
  const error = errorOf(() => parseDeckSource(text, 'demo.md'));
  expect(error.file).toBe('demo.md');
  expect(error.line).toBe(line);
  expect(error.message.startsWith(`demo.md, line ${line}: `)).toBe(true);
  expect(error.message).toMatch(detail);
}

const flat = (deck: DeckSource) => deck.notes.flatMap((n) => n.cards.map((c) => ({ ...c, note: n })));

describe('parseDeckSource: cards come from the notes generator', () => {
  it('reads explicit cards and key terms, keyed by deck id and term', () => {
    const deck = parseBody('## Basics\n\nWhat is S3? :: An object storage service.\n\n- **Region**: a physical location.\n');
    expect(deck).toEqual({
      id: 'demo',
      name: 'Demo Deck',
      file: 'demo.md',
      skipped: [],
      notes: [
        {
          key: 'demo:what is s3',
          line: 7,
          tags: ['basics'],
          kind: 'basic',
          fields: ['What is S3?', 'An object storage service.'],
          cards: [{ ord: 0, front: 'What is S3?', back: 'An object storage service.' }],
        },
        {
          key: 'demo:region',
          line: 9,
          tags: ['basics'],
          kind: 'generated',
          fields: ['Region', 'A physical location.'],
          cards: [{ ord: 0, front: 'Region', back: 'A physical location.' }],
        },
      ],
    });
  });

  it('makes two cards of one note from ":::", and a card per cloze', () => {
    const deck = parseBody('Inherited controls ::: Controls fully inherited from AWS\n\nAWS secures ==the cloud== itself.\n');
    expect(deck.notes.map((n) => [n.kind, n.cards])).toEqual([
      [
        'reversed',
        [
          { ord: 0, front: 'Inherited controls', back: 'Controls fully inherited from AWS' },
          { ord: 1, front: 'Controls fully inherited from AWS', back: 'Inherited controls' },
        ],
      ],
      ['cloze', [{ ord: 0, front: 'AWS secures [...] itself.', back: 'AWS secures **the cloud** itself.' }]],
    ]);
  });

  it('keeps a note key through edits of case, spacing and punctuation of the term', () => {
    const a = parseBody('- **Availability Zone**: one data centre.\n').notes[0]!;
    const b = parseBody('\n\n- **availability  zone:** One or more data centres.\n').notes[0]!;
    expect(b.key).toBe(a.key);
    expect(b.line).toBe(a.line + 2);
  });

  it('reports what made no card', () => {
    const deck = parseBody('## Key terms\n\n- **Region**: a place.\n- just a remark\n');
    expect(deck.skipped).toEqual([{ file: 'demo.md', line: 8, reason: 'not a term definition' }]);
  });

  it('rejects a deck without cards', () => {
    expectError(HEADER + '## Empty\n\nJust prose.\n', 7, /no cards/);
  });

  it('uses the language in the header for generated questions', () => {
    const md = '---\nid: nl\nname: NL\nlanguage: nl\n---\n## Controls\nShared Controls – Controls for both layers. Examples:\n\n    Patch Management – AWS patches hosts\n';
    expect(flat(parseDeckSource(md, 'nl.md')).map((c) => c.front)).toContain('Wat houdt “Patch Management” in (Shared Controls)?');
  });
});

describe('parseDeckSource: header', () => {
  it('requires the header first', () => {
    expectError('A :: B\n', 1, /must start with a "---" line/);
    expectError('', 1, /must start with a "---" line/);
  });

  it('allows blank lines inside the header, quoted values and the optional fields', () => {
    const deck = parseDeckSource('---\n\nid: my-deck-2\nname: "Quoted Name"\nlanguage: en\ndescription: Demo\n---\nA :: B\n', 'x.md');
    expect(deck.id).toBe('my-deck-2');
    expect(deck.name).toBe('Quoted Name');
    expect(deck.notes[0]!.line).toBe(8);
    expect(deck.notes[0]!.key).toBe('my-deck-2:a');
    expect(readDeckHeader('---\nid: x\nname: X\nlanguage: nl\n---\n', 'x.md')).toEqual({ id: 'x', name: 'X', language: 'nl' });
  });

  it('rejects an unclosed header', () => {
    expectError('---\nid: demo\nname: Demo\n', 1, /never closed/);
    expectError('---\nid: demo\nname: Demo\nA :: B\n', 4, /must end with a "---" line/);
  });

  it('requires id and name', () => {
    expectError('---\nname: Demo\n---\nA :: B\n', 3, /no "id" line/);
    expectError('---\nid: demo\n---\nA :: B\n', 3, /no "name" line/);
    expectError('---\nid: demo\nname:\n---\nA :: B\n', 3, /name is empty/);
  });

  it('requires the id to be a slug', () => {
    for (const id of ['Demo', '-demo', 'de mo', 'demo_1', 'démo', '']) {
      expectError(`---\nid: ${id}\nname: Demo\n---\nA :: B\n`, 2, /lowercase letters, digits and hyphens/);
    }
  });

  it('rejects unknown, repeated and malformed header lines', () => {
    expectError('---\nid: demo\nauthor: me\nname: Demo\n---\nA :: B\n', 3, /not "author"/);
    expectError('---\nid: demo\nid: other\nname: Demo\n---\nA :: B\n', 3, /already set on line 2/);
    expectError('---\nid demo\nname: Demo\n---\nA :: B\n', 2, /must look like/);
  });
});

describe('parseDeckSource: text encoding and limits', () => {
  it('handles CRLF line endings with the right line numbers', () => {
    const deck = parseDeckSource('---\r\nid: demo\r\nname: Demo\r\n---\r\n## Sec\r\nA :: B\r\n\r\nC ::: D\r\n', 'x.md');
    expect(deck.notes.map((n) => [n.line, n.tags, n.cards.length])).toEqual([
      [6, ['sec'], 1],
      [8, ['sec'], 2],
    ]);
    expect(JSON.stringify(deck)).not.toContain('\\r');
  });

  it('ignores a UTF-8 byte order mark', () => {
    expect(parseDeckSource('\uFEFF' + HEADER + 'A :: B\n', 'x.md').id).toBe('demo');
  });

  it('rejects NUL characters and enormous lines, naming their line', () => {
    expectError(HEADER + 'A :: B\nC :: D\0\n', 6, /NUL character/);
    expectError('\0', 1, /NUL character/);
    expectError(HEADER + 'A :: B\n' + 'x'.repeat(10_001) + '\n', 6, /longer than 10000 characters/);
  });

  it('gives DeckSourceError a readable message and its fields', () => {
    const error = new DeckSourceError('decks/x.md', 12, 'something is wrong.');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('decks/x.md, line 12: something is wrong.');
    expect(error.file).toBe('decks/x.md');
    expect(error.line).toBe(12);
  });
});

// --- the built-in decks ------------------------------------------------------------------------

const DECKS = join(process.cwd(), 'decks');
const EN = 'aws-shared-responsibility.md';
const NL = 'aws-shared-responsibility.nl.md';
const load = (file: string): DeckSource => parseDeckSource(readFileSync(join(DECKS, file), 'utf8'), `decks/${file}`);

describe.each([
  [EN, 'aws-shared-responsibility', 'AWS Shared Responsibility Model'],
  [NL, 'aws-gedeelde-verantwoordelijkheid', 'Gedeeldeverantwoordelijkheidsmodel van AWS'],
])('built-in deck %s', (file, id, name) => {
  const deck = load(file);
  const cards = flat(deck);

  it('has its id and name, and every line made a card or was plain prose', () => {
    expect(deck.id).toBe(id);
    expect(deck.name).toBe(name);
    expect(deck.skipped).toEqual([]);
  });

  it('has at least 30 short cards with unique fronts, each tagged with its section', () => {
    expect(cards.length).toBeGreaterThanOrEqual(30);
    const fronts = cards.map((c) => c.front.toLowerCase().replace(/\s+/g, ' '));
    expect(new Set(fronts).size).toBe(fronts.length);
    for (const c of cards) {
      expect(c.back.length, c.front).toBeLessThan(200);
      expect(c.front.length, c.front).toBeLessThan(130);
    }
    for (const n of deck.notes) expect(n.key.startsWith(`${id}:`)).toBe(true);
    const sections = new Set(deck.notes.map((n) => n.tags[1] ?? '(intro)'));
    expect(sections.size).toBe(5);
  });
});

describe('built-in decks: content (checked against the seed notes)', () => {
  const en = flat(load(EN));
  const nl = flat(load(NL));

  /** The one card whose front matches. */
  function card(cards: typeof en, front: RegExp): { front: string; back: string } {
    const found = cards.filter((c) => front.test(c.front));
    expect(found, `cards with a front matching ${front}`).toHaveLength(1);
    return found[0]!;
  }

  it('English: key terms and the "always" facts', () => {
    expect(card(en, /^Shared Responsibility Model$/).back).toMatch(/AWS or the customer/);
    expect(card(en, /^Security of the cloud$/).back).toMatch(/AWS's part: protecting the infrastructure/);
    expect(card(en, /^Security in the cloud$/).back).toMatch(/customer's part.*services the customer selects/);
    expect(card(en, /^AWS Cloud infrastructure$/).back).toMatch(/hardware, software, networking and facilities/);
    expect(card(en, /^Host operating system$/).back).toMatch(/AWS operates it/);
    expect(card(en, /^Guest operating system$/).back).toMatch(/customer installs its updates and security patches/);
    expect(card(en, /^Security group$/).back).toMatch(/firewall.*configured by the customer/);
    expect(card(en, /^What does IaaS stand for\?$/).back).toBe('Infrastructure as a Service');
    expect(card(en, /^Abstracted service$/).back).toMatch(/S3 or Amazon DynamoDB.*AWS operates the infrastructure, the operating system and the platform/);
    expect(card(en, /AWS always responsible for/).back).toBe('Securing the physical infrastructure.');
    expect(card(en, /customer always responsible for/).back).toBe('Encrypting customer data.');
    expect(card(en, /operational burden/).back).toMatch(/host operating system and virtualization layer down to the physical security/);
    expect(card(en, /responsibilities vary with/).back).toBe('- the AWS services they choose\n- the AWS Regions they choose\n- how those services fit into their IT environment\n- the laws and regulations that apply to them');
    expect(card(en, /^AWS is responsible for security \[\.\.\.\]/).back).toBe('AWS is responsible for security **of** the cloud.');
    expect(card(en, /^The customer is responsible for security \[\.\.\.\]/).back).toBe('The customer is responsible for security **in** the cloud.');
  });

  it('English: the three control types, each example, and the group it belongs to', () => {
    expect(card(en, /^Inherited controls$/).back).toBe('Controls that a customer fully inherits from AWS.');
    expect(card(en, /^Shared controls$/).back).toMatch(/infrastructure layer and the customer layers/);
    expect(card(en, /^Customer-specific controls$/).back).toMatch(/solely the customer's responsibility/);
    const groups = en.filter((c) => c.note.kind === 'generated' && /is an example of which kind of control\?$/.test(c.front)).map((c) => [c.note.fields[0], c.back]);
    expect(groups).toEqual([
      ['Physical and environmental controls', 'Inherited controls'],
      ['Patch management', 'Shared controls'],
      ['Configuration management', 'Shared controls'],
      ['Awareness & training', 'Shared controls'],
      ['Service and communications protection or zone security', 'Customer-specific controls'],
    ]);
    expect(card(en, /^Patch management \(Shared controls\)/).back).toMatch(/AWS patches the underlying hosts.*customer patches its guest OS and applications/);
    expect(card(en, /^Configuration management \(Shared controls\)/).back).toMatch(/infrastructure devices.*guest operating systems, databases and applications/);
    expect(card(en, /^Awareness & training \(Shared controls\)/).back).toMatch(/AWS trains AWS employees.*own employees/);
    expect(card(en, /“Service and communications protection or zone security” mean/).back).toMatch(/route or zone data/);
    expect(card(en, /shared control, what does AWS provide/).back).toMatch(/requirements for the infrastructure/);
    expect(card(en, /shared control, what does the customer provide/).back).toMatch(/implementation of the control/);
  });

  it('English: who is responsible for what', () => {
    const who = Object.fromEntries(en.filter((c) => /^Who is responsible for .*: AWS or the customer\?$/.test(c.front)).map((c) => [c.note.fields[0], c.back]));
    expect(who).toEqual({
      'AWS Regions': 'AWS',
      'Availability Zones': 'AWS',
      'Edge locations': 'AWS',
      'Compute, storage, database and networking services': 'AWS',
      'Hardware of the AWS global infrastructure': 'AWS',
      'Host operating system and virtualization layer': 'AWS',
      'Physical security of the facilities': 'AWS',
      'Customer data': 'The customer',
      'Client-side data encryption': 'The customer',
      'Server-side encryption': 'The customer',
      'Network traffic protection': 'The customer',
      'Guest operating system, including updates and security patches': 'The customer',
      'Applications the customer installs on its instances': 'The customer',
      'Security group configuration': 'The customer',
      'Identity and access management (IAM)': 'The customer',
    });
  });

  it('English: the EC2, RDS, S3 and DynamoDB examples', () => {
    expect(card(en, /service category is Amazon EC2/).back).toMatch(/IaaS/);
    expect(card(en, /With Amazon EC2, which security configuration/).back).toBe('All of the necessary ones.');
    expect(card(en, /EC2 instance, who installs the updates/).back).toBe('The customer.');
    expect(card(en, /configures the security group on each EC2/).back).toBe('The customer.');
    expect(card(en, /With Amazon RDS, who applies/).back).toBe('AWS, automatically.');
    expect(card(en, /S3 and Amazon DynamoDB, which layers does AWS operate/).back).toMatch(/infrastructure layer, the operating system and the platforms/);
    expect(card(en, /use an abstracted service/).back).toMatch(/endpoints, to store and retrieve data/);
    expect(card(en, /S3 and Amazon DynamoDB, what does the customer still manage/).back).toMatch(/data \(including the encryption options\).*classification.*IAM/);
  });

  it('Dutch: the same deck, card for card, in Dutch', () => {
    const shape = (cards: typeof en) => cards.map((c) => `${c.note.kind}/${c.note.key.split(':')[1]!.split(' ')[0]!.replace(/^(?!example|table|acronym|list).*/, 'x')}/${c.ord}`);
    expect(shape(nl)).toEqual(shape(en));
    expect(card(nl, /^Gedeeldeverantwoordelijkheidsmodel$/).back).toMatch(/AWS voor zijn rekening neemt en welk deel de klant/);
    expect(card(nl, /^Beveiliging van de cloud$/).back).toMatch(/infrastructuur beschermen/);
    expect(card(nl, /^Beveiliging in de cloud$/).back).toMatch(/hangt af van de AWS-services die de klant kiest/);
    expect(card(nl, /^Waar staat IaaS voor\?$/).back).toBe('Infrastructure as a Service');
    expect(card(nl, /heeft AWS altijd/).back).toBe('Het beveiligen van de fysieke infrastructuur.');
    expect(card(nl, /heeft de klant altijd/).back).toBe('Het versleutelen van klantgegevens.');
    expect(card(nl, /^Overgenomen controles$/).back).toBe('Controles die de klant volledig van AWS overneemt.');
    const groups = nl.filter((c) => /^Van welk soort controles is “.*” een voorbeeld\?$/.test(c.front)).map((c) => [c.note.fields[0], c.back]);
    expect(groups).toEqual([
      ['Fysieke en omgevingscontroles', 'Overgenomen controles'],
      ['Patchbeheer', 'Gedeelde controles'],
      ['Configuratiebeheer', 'Gedeelde controles'],
      ['Bewustwording en training', 'Gedeelde controles'],
      ['Service- en communicatiebeveiliging of zonebeveiliging', 'Klantspecifieke controles'],
    ]);
    expect(card(nl, /^Patchbeheer \(Gedeelde controles\): wat doet elke partij\?$/).back).toMatch(/maar de klant patcht zijn eigen gastbesturingssysteem/);
    expect(card(nl, /verantwoordelijk voor de AWS-regio's: AWS of de klant\?$/).back).toBe('AWS');
    expect(card(nl, /verantwoordelijk voor klantgegevens: AWS of de klant\?$/).back).toBe('De klant');
    expect(card(nl, /verantwoordelijk voor identiteits- en toegangsbeheer \(IAM\)/).back).toBe('De klant');
    expect(card(nl, /Amazon RDS/).back).toBe('AWS, automatisch.');
    expect(card(nl, /^AWS is verantwoordelijk voor de beveiliging \[\.\.\.\] de cloud\.$/).back).toBe('AWS is verantwoordelijk voor de beveiliging **van** de cloud.');
  });
});

// --- installing ---------------------------------------------------------------------------------

const V1 = `---
id: demo
name: Demo Deck
---
## Key terms
- **Region**: a place.
- **Availability Zone**: one data centre.
- **Edge location**: a cache site.
- **Local Zone**: a small extension.

What is S3? :: Object storage.
`;

const V2 = `---
id: demo
name: Demo Deck
---
# Demo

## Key terms
- **region**: A physical location with several data centres.
- **Availability Zone:** one or more data centres.
- **Outpost**: AWS hardware on premises.

What is S3? :: Object storage for any amount of data.
`;

function rows(db: Database) {
  return db
    .prepare(`SELECT c.id, c.front, c.back, c.reps, c.suspended, n.guid, n.tags, n.kind, n.fields, n.source, n.source_line AS line,
        (SELECT count(*) FROM review r WHERE r.card_id = c.id) AS reviews
      FROM card c JOIN note n ON n.id = c.note_id ORDER BY c.id`)
    .all() as { id: number; front: string; back: string; reps: number; suspended: number; guid: string; tags: string; kind: string; fields: string; source: string; line: number; reviews: number }[];
}

describe('installing a deck source', () => {
  it('stores kind, fields and source on each note', () => {
    const db = openCollection(':memory:');
    installDeckSource(db, parseDeckSource(V1, 'decks/demo.md'), NOW);
    expect(rows(db).map((r) => [r.guid, r.kind, JSON.parse(r.fields), r.source, r.line, r.tags])).toEqual([
      ['demo:region', 'generated', ['Region', 'A place.'], 'decks/demo.md', 6, 'key-terms'],
      ['demo:availability zone', 'generated', ['Availability Zone', 'One data centre.'], 'decks/demo.md', 7, 'key-terms'],
      ['demo:edge location', 'generated', ['Edge location', 'A cache site.'], 'decks/demo.md', 8, 'key-terms'],
      ['demo:local zone', 'generated', ['Local Zone', 'A small extension.'], 'decks/demo.md', 9, 'key-terms'],
      ['demo:what is s3', 'basic', ['What is S3?', 'Object storage.'], 'decks/demo.md', 11, 'key-terms'],
    ]);
  });

  it('keeps the review history of every card whose term survives an edit of the source', () => {
    const db = openCollection(':memory:');
    const clock = new TestClock(NOW);
    const study = new Study(db, clock.read);
    const { deckId } = installDeckSource(db, parseDeckSource(V1, 'decks/demo.md'), NOW);
    const before = rows(db);
    const id = (front: string) => before.find((r) => r.front === front)!.id;
    // Reviewed: Region, Availability Zone (kept), Edge location (removed). Never reviewed: Local Zone (removed).
    for (const front of ['Region', 'Availability Zone', 'Edge location', 'What is S3?']) study.answer({ cardId: id(front), rating: 'good', durationMs: 1000 });

    // A card the user added to the deck is theirs: a new source leaves it alone.
    const userNote = Number(db.prepare("INSERT INTO note (deck_id, guid, tags, created_at, updated_at) VALUES (?, 'user-1', '', 0, 0)").run(deckId).lastInsertRowid);
    db.prepare("INSERT INTO card (note_id, deck_id, ord, front, back, position, due) VALUES (?, ?, 0, 'Mine', 'Own card', 99, 0)").run(userNote, deckId);

    const result = installDeckSource(db, parseDeckSource(V2, 'decks/demo.md'), NOW + 1000);
    expect(result).toEqual({ deckId, added: 1, updated: 3, unchanged: 0, removed: 1, suspended: 1 });
    const after = rows(db);
    const get = (guid: string) => after.find((r) => r.guid === guid);
    expect(get('demo:region')).toMatchObject({ id: id('Region'), front: 'region', back: 'A physical location with several data centres.', reps: 1, reviews: 1, suspended: 0, tags: 'demo key-terms' });
    expect(get('demo:availability zone')).toMatchObject({ id: id('Availability Zone'), back: 'One or more data centres.', reps: 1, reviews: 1 });
    expect(get('demo:what is s3')).toMatchObject({ id: id('What is S3?'), back: 'Object storage for any amount of data.', reviews: 1 });
    // Gone from the source: reviewed → suspended with its history; never reviewed → deleted.
    expect(get('demo:edge location')).toMatchObject({ id: id('Edge location'), suspended: 1, reviews: 1, tags: 'key-terms removed-from-source' });
    expect(get('demo:local zone')).toBeUndefined();
    expect(get('demo:outpost')).toMatchObject({ back: 'AWS hardware on premises.', reps: 0, suspended: 0 });
    expect(get('user-1')).toMatchObject({ front: 'Mine', suspended: 0 });
    expect(study.nextCard(deckId).counts.new).toBe(2);

    // Bringing the term back brings its card back, history and all.
    installDeckSource(db, parseDeckSource(V2.replace('- **Outpost**', '- **Edge location**: a cache site.\n- **Outpost**'), 'decks/demo.md'), NOW + 2000);
    expect(rows(db).find((r) => r.guid === 'demo:edge location')).toMatchObject({ id: id('Edge location'), suspended: 0, reviews: 1, tags: 'demo key-terms' });
  });
});

describe('opening a collection installs both built-in decks', () => {
  const tempFile = () => join(mkdtempSync(join(tmpdir(), 'stratus-decks-')), 'c.stratus');

  it('English first, Dutch second, as generated notes linked to their file', () => {
    const db = openStratus(':memory:', readBuiltinDecks(DECKS), NOW);
    const decks = db.prepare('SELECT id, name, source FROM deck ORDER BY id').all();
    expect(decks).toEqual([
      { id: 1, name: 'AWS Shared Responsibility Model', source: 'builtin:aws-shared-responsibility' },
      { id: 2, name: 'Gedeeldeverantwoordelijkheidsmodel van AWS', source: 'builtin:aws-gedeelde-verantwoordelijkheid' },
    ]);
    const counts = db.prepare('SELECT deck_id AS deck, count(*) AS n FROM card GROUP BY deck_id ORDER BY deck_id').all() as { deck: number; n: number }[];
    expect(counts.map((c) => c.n)).toEqual([flat(load(EN)).length, flat(load(NL)).length]);
    const sources = db.prepare('SELECT DISTINCT source FROM note ORDER BY source').pluck().all();
    expect(sources).toEqual([`decks/${EN}`, `decks/${NL}`]);
    const kinds = db.prepare('SELECT kind, count(*) AS n FROM note WHERE deck_id = 1 GROUP BY kind ORDER BY kind').all();
    expect(kinds).toEqual([
      { kind: 'basic', n: 15 },
      { kind: 'cloze', n: 2 },
      { kind: 'generated', n: 34 },
    ]);
    db.close();
  });

  it('re-generates a deck only when its text (or the generator) changed', () => {
    const file = tempFile();
    const builtins = readBuiltinDecks(DECKS);
    openStratus(file, builtins, NOW).close();
    const db = openStratus(file, builtins, NOW);
    db.prepare("UPDATE card SET back = 'tampered' WHERE id = 1").run();
    installBuiltins(db, builtins, NOW);
    expect(db.prepare('SELECT back FROM card WHERE id = 1').pluck().get()).toBe('tampered');
    // A new stamp (another generator version gives one) installs the deck again.
    db.prepare("DELETE FROM setting WHERE key = 'builtin-deck:aws-shared-responsibility'").run();
    installBuiltins(db, builtins, NOW);
    expect(db.prepare('SELECT back FROM card WHERE id = 1').pluck().get()).toBe('Security and compliance.');
    db.close();
  });

  it('an existing collection from the old question-list deck keeps its reviewed cards, suspended', () => {
    const file = tempFile();
    const old = openCollection(file);
    const oldDeck = `---\nid: aws-shared-responsibility\nname: AWS Shared Responsibility Model\n---\n## Key terms\nWhat does the AWS shared responsibility model define? :: Who owns which part of security.\nWho secures the Regions? :: AWS.\n`;
    installDeckSource(old, parseDeckSource(oldDeck, 'decks/old.md'), NOW);
    new Study(old, () => NOW).answer({ cardId: 1, rating: 'good', durationMs: 0 });
    old.close();
    const db = openStratus(file, readBuiltinDecks(DECKS), NOW + 1000);
    const kept = rows(db).filter((r) => r.id <= 2);
    expect(kept.map((r) => [r.id, r.suspended, r.reviews])).toEqual([[1, 1, 1]]);
    expect(db.prepare('SELECT count(*) FROM card WHERE deck_id = 1 AND suspended = 0').pluck().get()).toBe(flat(load(EN)).length);
    db.close();
  });
});
