import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDeckSource, DeckSourceError, type DeckSource } from '../../electron/core/deckSource';

const HEADER = '---\nid: demo\nname: Demo Deck\n---\n';

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

describe('parseDeckSource: cards', () => {
  it('parses the header and a one-way card', () => {
    const deck = parseBody('What is S3? :: An object storage service.\n');
    expect(deck).toEqual({
      id: 'demo',
      name: 'Demo Deck',
      notes: [
        {
          key: 'demo:what is s3?',
          line: 5,
          tags: [],
          cards: [{ ord: 0, front: 'What is S3?', back: 'An object storage service.' }],
        },
      ],
    });
  });

  it('makes two cards from ":::", the second one reversed', () => {
    const [note] = parseBody('Inherited controls ::: Controls fully inherited from AWS\n').notes;
    expect(note!.cards).toEqual([
      { ord: 0, front: 'Inherited controls', back: 'Controls fully inherited from AWS' },
      { ord: 1, front: 'Controls fully inherited from AWS', back: 'Inherited controls' },
    ]);
  });

  it('checks ":::" before "::" so a two-way line is not read as a back starting with ":"', () => {
    const [note] = parseBody('A ::: B\n').notes;
    expect(note!.cards.map((c) => [c.front, c.back])).toEqual([
      ['A', 'B'],
      ['B', 'A'],
    ]);
  });

  it('splits on the first separator only', () => {
    const [note] = parseBody('A :: B :: C\n').notes;
    expect(note!.cards).toEqual([{ ord: 0, front: 'A', back: 'B :: C' }]);
  });

  it('does not split on "::" without whitespace around it', () => {
    const [note] = parseBody('What does `std::vector` hold? :: Elements of one type\n').notes;
    expect(note!.cards[0]!.front).toBe('What does `std::vector` hold?');
    expectError(HEADER + 'Foo::Bar\n', 5, /not a card/);
    expectError(HEADER + 'Foo :::: Bar\n', 5, /not a card/);
  });

  it('accepts tabs around the separator', () => {
    const [note] = parseBody('Front\t::\tBack\n').notes;
    expect(note!.cards[0]).toEqual({ ord: 0, front: 'Front', back: 'Back' });
  });

  it('trims front and back but keeps inline Markdown unrendered', () => {
    const [note] = parseBody('   **Bold** `code`   ::   _it_ [link](https://a.b)  \n').notes;
    expect(note!.cards[0]).toEqual({ ord: 0, front: '**Bold** `code`', back: '_it_ [link](https://a.b)' });
  });

  it('rejects an empty front or back', () => {
    expectError(HEADER + ':: Back\n', 5, /nothing before "::"/);
    expectError(HEADER + 'Front ::\n', 5, /nothing after "::"/);
    expectError(HEADER + 'Front ::: \n', 5, /nothing after ":::"/);
  });

  it('rejects any other non-blank line, naming its line', () => {
    expectError(HEADER + 'A :: B\n\nJust some prose.\n', 7, /not a card, heading or comment/);
    expectError(HEADER + '> a quote\n', 5, /not a card/);
    expectError(HEADER + 'A :: B\n---\n', 6, /not a card/);
  });

  it('ignores blank lines and keeps each note on its own line number', () => {
    const deck = parseBody('\n  \nA :: 1\n\n\t\nB :: 2\n');
    expect(deck.notes.map((n) => n.line)).toEqual([7, 10]);
  });

  it('rejects a deck without cards', () => {
    expectError(HEADER + '## Empty\n', 6, /no cards/);
  });
});

describe('parseDeckSource: note keys', () => {
  it('keys notes by deck id and the front, lowercased with whitespace collapsed', () => {
    const [note] = parseBody('  What  IS\tS3? :: Storage\n').notes;
    expect(note!.key).toBe('demo:what is s3?');
  });

  it('rejects fronts that only differ in case or spacing, naming both lines', () => {
    const text = HEADER + 'What is S3? :: One\n\nwhat  is s3? :: Two\n';
    expectError(text, 7, /same front as the card on line 5/);
  });

  it('allows the same back on different fronts', () => {
    expect(parseBody('A :: AWS\nB :: AWS\n').notes).toHaveLength(2);
  });
});

describe('parseDeckSource: headings and tags', () => {
  it('tags cards with the slug of the current ## and ### headings', () => {
    const deck = parseBody(
      [
        '# Title is ignored',
        'Untagged :: 0',
        '## Key **terms** & Co.',
        'A :: 1',
        '### Patch Management',
        'B :: 2',
        '### Zone security ##',
        'C :: 3',
        '## Service examples',
        'D :: 4',
        '# Another title',
        'E :: 5',
      ].join('\n'),
    );
    expect(deck.notes.map((n) => n.tags)).toEqual([
      [],
      ['key-terms-co'],
      ['key-terms-co', 'patch-management'],
      ['key-terms-co', 'zone-security'],
      ['service-examples'],
      ['service-examples'],
    ]);
  });

  it('drops accents from tags and does not repeat a tag', () => {
    const deck = parseBody('## Café\n### cafe\nA :: B\n');
    expect(deck.notes[0]!.tags).toEqual(['cafe']);
  });

  it('does not treat "#word" as a heading', () => {
    expectError(HEADER + '#hashtag\n', 5, /not a card/);
    expect(parseBody('#hashtag :: tag\n').notes[0]!.cards[0]!.front).toBe('#hashtag');
  });

  it('rejects #### headings, a ### without a ##, and empty headings', () => {
    expectError(HEADER + '## A\n#### Too deep\n', 6, /only "#", "##" and "###"/);
    expectError(HEADER + '### Orphan\nA :: B\n', 5, /needs a "##" heading above it/);
    expectError(HEADER + '##\nA :: B\n', 5, /heading needs a name/);
    expectError(HEADER + '## ***\nA :: B\n', 5, /heading needs a name/);
  });
});

describe('parseDeckSource: comments', () => {
  it('ignores one-line and multi-line comments', () => {
    const deck = parseBody('<!-- one line -->\n<!--\nNot :: a card\n## Not a heading\n-->\nA :: B\n');
    expect(deck.notes).toHaveLength(1);
    expect(deck.notes[0]!.line).toBe(10);
    expect(deck.notes[0]!.tags).toEqual([]);
  });

  it('rejects a comment that is never closed, naming where it opened', () => {
    expectError(HEADER + 'A :: B\n<!-- open\nC :: D\n', 6, /never closed with "-->"/);
  });

  it('rejects text after the end of a comment', () => {
    expectError(HEADER + '<!-- x --> A :: B\n', 5, /after "-->"/);
    expectError(HEADER + '<!--\nx\n--> A :: B\n', 7, /after "-->"/);
  });
});

describe('parseDeckSource: header', () => {
  it('requires the header first', () => {
    expectError('A :: B\n', 1, /must start with a "---" line/);
    expectError('', 1, /must start with a "---" line/);
  });

  it('allows blank lines before and inside the header, and quoted values', () => {
    const deck = parseDeckSource('\n---\n\nid: my-deck-2\nname: "Quoted Name"\n---\nA :: B\n', 'x.md');
    expect(deck.id).toBe('my-deck-2');
    expect(deck.name).toBe('Quoted Name');
    expect(deck.notes[0]!.line).toBe(7);
    expect(deck.notes[0]!.key).toBe('my-deck-2:a');
  });

  it('rejects an unclosed header, naming its opening line', () => {
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
    expectError('---\nid: demo\nauthor: me\nname: Demo\n---\nA :: B\n', 3, /only allows "id" and "name", not "author"/);
    expectError('---\nid: demo\nid: other\nname: Demo\n---\nA :: B\n', 3, /already set on line 2/);
    expectError('---\nid demo\nname: Demo\n---\nA :: B\n', 2, /must look like/);
  });
});

describe('parseDeckSource: text encoding and limits', () => {
  it('handles CRLF line endings', () => {
    const deck = parseDeckSource('---\r\nid: demo\r\nname: Demo\r\n---\r\n## Sec\r\nA :: B\r\n\r\nC ::: D\r\n', 'x.md');
    expect(deck.name).toBe('Demo');
    expect(deck.notes.map((n) => [n.line, n.tags, n.cards.length])).toEqual([
      [6, ['sec'], 1],
      [8, ['sec'], 2],
    ]);
    expect(JSON.stringify(deck)).not.toContain('\\r');
  });

  it('reports CRLF errors with the right line', () => {
    expectError('---\r\nid: demo\r\nname: Demo\r\n---\r\nA :: B\r\noops\r\n', 6, /not a card/);
  });

  it('ignores a UTF-8 byte order mark', () => {
    const deck = parseDeckSource('\uFEFF' + HEADER + 'A :: B\n', 'x.md');
    expect(deck.id).toBe('demo');
  });

  it('rejects NUL characters, naming their line', () => {
    expectError(HEADER + 'A :: B\nC :: D\0\n', 6, /NUL character/);
    expectError('\0', 1, /NUL character/);
  });

  it('rejects lines longer than 4000 characters', () => {
    const ok = `${'a'.repeat(3995)} :: b`;
    expect(ok).toHaveLength(4000);
    expect(parseBody(ok).notes).toHaveLength(1);
    expectError(HEADER + 'A :: B\n' + ok + 'c\n', 6, /longer than 4000 characters/);
  });

  it('gives DeckSourceError a readable message and its fields', () => {
    const error = new DeckSourceError('decks/x.md', 12, 'something is wrong.');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('decks/x.md, line 12: something is wrong.');
    expect(error.file).toBe('decks/x.md');
    expect(error.line).toBe(12);
  });
});

describe('built-in deck: decks/aws-shared-responsibility.md', () => {
  const file = 'decks/aws-shared-responsibility.md';
  const deck = parseDeckSource(readFileSync(join(process.cwd(), file), 'utf8'), file);
  const cards = deck.notes.flatMap((n) => n.cards);

  /** The one card whose front matches, so each required fact has a card of its own. */
  function card(front: RegExp): { front: string; back: string } {
    const found = cards.filter((c) => front.test(c.front));
    expect(found, `cards with a front matching ${front}`).toHaveLength(1);
    return found[0]!;
  }

  it('has the expected id and name', () => {
    expect(deck.id).toBe('aws-shared-responsibility');
    expect(deck.name).toBe('AWS Shared Responsibility Model');
  });

  it('has at least 30 cards with unique fronts and short backs', () => {
    expect(cards.length).toBeGreaterThanOrEqual(30);
    const fronts = cards.map((c) => c.front.toLowerCase().replace(/\s+/g, ' '));
    expect(new Set(fronts).size).toBe(fronts.length);
    for (const c of cards) expect(c.back.length, c.front).toBeLessThan(200);
  });

  it('tags every note with a section', () => {
    const sections = new Set(deck.notes.map((n) => n.tags[0]));
    expect(sections).toEqual(
      new Set(['key-terms', 'control-types', 'control-examples', 'who-is-responsible', 'service-examples']),
    );
  });

  it('covers the key terms', () => {
    expect(card(/define\?/i).back).toMatch(/AWS.*customer/i);
    expect(card(/AWS is responsible for security ___ the cloud/i).back).toMatch(/security \*\*of\*\* the cloud/i);
    expect(card(/customer is responsible for security ___ the cloud/i).back).toMatch(/security \*\*in\*\* the cloud/i);
    expect(card(/"security of the cloud"/i).back).toMatch(/infrastructure/i);
    expect(card(/infrastructure behind/i).back).toMatch(/hardware.*software.*networking.*facilities/i);
    expect(card(/"security in the cloud"/i).back).toMatch(/services the customer selects/i);
    expect(card(/grows or shrinks/i).back).toMatch(/configuration work/i);
  });

  it('covers the three control types in both directions', () => {
    expect(card(/^Inherited controls$/).back).toMatch(/fully inherits from AWS/);
    expect(card(/fully inherits from AWS/).back).toBe('Inherited controls');
    expect(card(/^Shared controls$/).back).toMatch(/infrastructure layer and the customer layer/);
    expect(card(/^Customer-specific controls$/).back).toMatch(/solely the customer's/);
    expect(card(/shared control, what does AWS provide/i).back).toMatch(/requirements/i);
    expect(card(/shared control, what does the customer provide/i).back).toMatch(/implementation/i);
  });

  it('covers each control example and its control type', () => {
    expect(card(/patch management, what does AWS/i).back).toMatch(/infrastructure/i);
    expect(card(/patch management, what does the customer/i).back).toMatch(/guest OS.*applications/i);
    expect(card(/control type is patch management/i).back).toMatch(/shared/i);
    expect(card(/configuration management, what does AWS/i).back).toMatch(/infrastructure devices/i);
    expect(card(/configuration management, what does the customer/i).back).toMatch(/guest operating systems.*databases/i);
    expect(card(/control type is configuration management/i).back).toMatch(/shared/i);
    expect(card(/awareness and training, who does AWS/i).back).toMatch(/AWS employees/);
    expect(card(/awareness and training, who must the customer/i).back).toMatch(/own employees/);
    expect(card(/control type is awareness and training/i).back).toMatch(/shared/i);
    expect(card(/require the customer to do/i).back).toMatch(/route or zone data/i);
    expect(card(/control type is .*zone security/i).back).toMatch(/customer-specific/i);
    expect(card(/control type are physical and environmental/i).back).toMatch(/inherited/i);
  });

  it('covers what AWS and the customer are each responsible for', () => {
    expect(card(/Regions, Availability Zones and edge locations/).back).toBe('AWS.');
    expect(card(/compute, storage, database and networking/).back).toBe('AWS.');
    expect(card(/host operating system and the virtualization layer/).back).toBe('AWS.');
    expect(card(/physical security of the facilities/).back).toBe('AWS.');
    expect(card(/AWS always responsible for/).back).toMatch(/physical infrastructure/);
    expect(card(/customer always responsible for/).back).toMatch(/encrypt.*customer data/i);
    expect(card(/client-side data encryption/).back).toBe('The customer.');
    expect(card(/server-side encryption/).back).toBe('The customer.');
    expect(card(/network traffic/).back).toBe('The customer.');
    expect(card(/\(IAM\)/).back).toBe('The customer.');
    expect(card(/platform and applications/).back).toBe('The customer.');
    expect(card(/geographic choice/).back).toMatch(/Regions/);
    expect(card(/technical factor/).back).toMatch(/integrated into the customer's IT environment/);
    expect(card(/outside factor/).back).toMatch(/laws and regulations/);
  });

  it('covers the EC2, RDS, S3 and DynamoDB examples', () => {
    expect(card(/EC2 belongs to/).back).toMatch(/IaaS/);
    expect(card(/EC2 is IaaS/).back).toMatch(/all/i);
    expect(card(/EC2 instance, who manages the guest OS/).back).toBe('The customer.');
    expect(card(/EC2 instance, who is responsible for the application software/).back).toBe('The customer.');
    expect(card(/firewall on an EC2 instance called/).back).toMatch(/security group/i);
    expect(card(/configures the security group/).back).toBe('The customer.');
    expect(card(/RDS, who applies/).back).toMatch(/^AWS/);
    expect(card(/operating system that Amazon RDS runs on/).back).toBe('AWS.');
    expect(card(/S3 and Amazon DynamoDB are which kind/).back).toMatch(/abstracted/i);
    expect(card(/abstracted services .*which layers does AWS operate/i).back).toMatch(/infrastructure.*operating system.*platforms/);
    expect(card(/use an abstracted service/).back).toMatch(/endpoints to store and retrieve data/);
    expect(card(/S3 and DynamoDB, who manages the data, including its encryption/).back).toBe('The customer.');
    expect(card(/classifies/).back).toBe('The customer.');
    expect(card(/tools does the customer use to grant/).back).toMatch(/^IAM/);
  });

  it('uses ":::" only for the three control type definitions', () => {
    const twoWay = deck.notes.filter((n) => n.cards.length === 2);
    expect(twoWay.map((n) => n.cards[0]!.front)).toEqual(['Inherited controls', 'Shared controls', 'Customer-specific controls']);
  });
});
