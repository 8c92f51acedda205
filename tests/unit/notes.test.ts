import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateCards, type GeneratedCard } from '../../electron/core/notes/generate';

const gen = (md: string): ReturnType<typeof generateCards> => generateCards(md, 'note.md');
const pairs = (cards: GeneratedCard[]): [string, string][] => cards.map((c) => [c.front, c.back]);
const byKind = (cards: GeneratedCard[], kind: GeneratedCard['kind']): GeneratedCard[] => cards.filter((c) => c.kind === kind);

describe('key terms', () => {
  it.each([
    ['* ***Region*** = A physical location with several data centres.', 'Region'],
    ['- **Region**: A physical location with several data centres.', 'Region'],
    ['**Region:** A physical location with several data centres.', 'Region'],
    ['**Region** – A physical location with several data centres.', 'Region'],
    ['<strong>Region</strong>: A physical location with several data centres.', 'Region'],
    ['<ins>Region</ins> - A physical location with several data centres.', 'Region'],
    ['**Region**\nA physical location with several data centres.', 'Region'],
    ['**Region**  \nA physical location with several data centres.', 'Region'],
    ['**Region**\n    A physical location with several data centres.', 'Region'],
    ['- **Region**\n  A physical location with several data centres.', 'Region'],
  ])('anywhere: %j', (md, term) => {
    const { cards } = gen(`# Cloud\n\n${md}\n`);
    const terms = byKind(cards, 'term');
    expect(pairs(terms)).toEqual([[term, 'A physical location with several data centres.']]);
    expect(terms[0]?.key).toBe('note.md:region');
    expect(terms[0]?.context).toEqual(['Cloud']);
    expect(terms[0]?.tags).toEqual(['cloud']);
  });

  it('bold term alone on its line with the definition in the next paragraph', () => {
    const { cards } = gen('**Edge location**\n\nA site that caches content close to users.\n');
    expect(pairs(byKind(cards, 'term'))).toEqual([['Edge location', 'A site that caches content close to users.']]);
  });

  it('plain shapes inside a key-terms section (English and Dutch headings)', () => {
    for (const heading of ['Key-terms', 'Key terminology', 'BEGRIPPEN', 'Begrippen:']) {
      const md = `## ${heading}\n\n- Region - A physical location.\n- Availability Zone – One or more data centres.\n\nEdge location – A cache site.\n`;
      const { cards } = gen(md);
      expect(pairs(byKind(cards, 'term'))).toEqual([
        ['Region', 'A physical location.'],
        ['Availability Zone', 'One or more data centres.'],
        ['Edge location', 'A cache site.'],
      ]);
    }
  });

  it('### Term headings followed by a definition in a key-terms section', () => {
    const md = '## Key terms\n\n### Region\n\nA physical location.\n\n### Availability Zone\nOne or more data centres.\n';
    expect(pairs(byKind(gen(md).cards, 'term'))).toEqual([
      ['Region', 'A physical location.'],
      ['Availability Zone', 'One or more data centres.'],
    ]);
  });

  it('setext headings and lazy continuation lines', () => {
    const md = 'Key terms\n=========\n\n- **Region**: A physical location\nwith several data centres.\n';
    const { cards } = gen(md);
    expect(pairs(byKind(cards, 'term'))).toEqual([['Region', 'A physical location with several data centres.']]);
    expect(cards[0]?.context).toEqual(['Key terms']);
  });

  it('plain "X - y" prose outside key terms is not a term', () => {
    const { cards } = gen('# Notes\n\nwe went there - it was fine.\n\nI think: this is good.\n');
    expect(cards).toEqual([]);
  });

  it('does not take labels for terms and skips empty definitions', () => {
    const { cards, skipped } = gen('## Key terms\n\n- **Note**: remember this.\n- **Region**:\n- etc\n');
    expect(cards).toEqual([]);
    expect(skipped.map((s) => s.reason)).toEqual(expect.arrayContaining(['label, not a term']));
    expect(skipped.length).toBeGreaterThanOrEqual(2);
  });

  it('makes a reverse card only for short definitions that do not give the term away', () => {
    const { cards } = gen('- **Latency**: the delay before data starts to arrive.\n');
    expect(pairs(byKind(cards, 'reverse-term'))).toEqual([['The delay before data starts to arrive.', 'Latency']]);
    const long = gen('- **Latency**: latency is the delay before data starts to arrive.\n');
    expect(byKind(long.cards, 'reverse-term')).toEqual([]);
  });

  it('heading restated as "X is …"', () => {
    const { cards } = gen('## Amazon S3\n\nAmazon S3 is an object storage service.\n');
    expect(pairs(byKind(cards, 'term'))).toEqual([['Amazon S3', 'An object storage service.']]);
  });
});

describe('examples and groups', () => {
  it('"Examples include:" followed by an indented block', () => {
    const md = [
      '## Controls',
      '',
      'Shared Controls – Controls which apply to both layers. Examples include:',
      '',
      '    Patch Management – AWS patches the infrastructure, but customers patch their guest OS.',
      '    Awareness & Training - AWS trains AWS employees, but a customer must train their own employees.',
      '',
    ].join('\n');
    const { cards } = gen(md);
    expect(pairs(cards)).toEqual([
      ['Shared Controls', 'Controls which apply to both layers.'],
      ['Patch Management (Shared Controls): what does each side do?', 'AWS patches the infrastructure, but customers patch their guest OS.'],
      ['Patch Management is an example of which kind of control?', 'Shared Controls'],
      ['Awareness & Training (Shared Controls): what does each side do?', 'AWS trains AWS employees, but a customer must train their own employees.'],
      ['Awareness & Training is an example of which kind of control?', 'Shared Controls'],
    ]);
    expect(cards[2]?.kind).toBe('group');
    expect(cards[1]?.kind).toBe('example');
    expect(cards[1]?.source.line).toBe(5);
  });

  it('a list under an "Examples include" sub-heading belongs to the parent heading', () => {
    const md = '## Inherited Controls\n\n### Examples include\n\n* Physical and Environmental controls\n* etc.\n';
    const { cards, skipped } = gen(md);
    expect(pairs(cards)).toEqual([['Physical and Environmental controls is an example of which kind of control?', 'Inherited Controls']]);
    expect(skipped.some((s) => s.reason === 'dangling label')).toBe(true);
  });

  it('Dutch "Voorbeelden:" list', () => {
    const md = '## Diensten\n\nBeheerde diensten – Diensten die AWS voor de klant beheert. Voorbeelden:\n\n- Amazon RDS – een beheerde database\n';
    const { cards } = gen(md);
    expect(pairs(cards)).toEqual([
      ['Beheerde diensten', 'Diensten die AWS voor de klant beheert.'],
      ['Wat houdt Amazon RDS in (Beheerde diensten)?', 'Een beheerde database'],
      ['Van welk soort dienst is Amazon RDS een voorbeeld?', 'Beheerde diensten'],
    ]);
  });

  it('<details> blocks: summary is the group, inner list items its examples', () => {
    const md = [
      '<details>',
      '<summary>Inherited Controls</summary>',
      '<p>',
      'Controls which a customer fully inherits from AWS. Example:',
      '</p>',
      '<ul>',
      '    <li>Physical and Environmental controls</li>',
      '</ul>',
      '</details>',
    ].join('\n');
    const { cards } = gen(md);
    expect(pairs(cards)).toEqual([
      ['Inherited Controls', 'Controls which a customer fully inherits from AWS.'],
      ['Physical and Environmental controls is an example of which kind of control?', 'Inherited Controls'],
    ]);
    expect(cards[1]?.source.line).toBe(7);
    expect(cards[1]?.context).toEqual(['Inherited Controls']);
  });
});

describe('tables', () => {
  it('two-column responsibility table: a card per item, descriptive rows skipped', () => {
    const md = '|AWS| Customer|\n|-----|-----|\n|*responsible for security of the cloud* | *responsible for security in the cloud* |\n|Regions | Customer data |\n|Hardware\n';
    const { cards, skipped } = gen(md);
    expect(pairs(cards)).toEqual([
      ['Who is responsible for Regions: AWS or the customer?', 'AWS'],
      ['Who is responsible for Customer data: AWS or the customer?', 'Customer'],
      ['Who is responsible for Hardware: AWS or the customer?', 'AWS'],
    ]);
    expect(cards.every((c) => c.kind === 'table')).toBe(true);
    expect(skipped.some((s) => s.reason === 'descriptive table row' && s.line === 3)).toBe(true);
  });

  it('term/definition table', () => {
    const md = '| Term | Definition |\n|---|---|\n| Region | A physical location |\n| AZ | |\n';
    const { cards } = gen(md);
    expect(pairs(byKind(cards, 'term'))).toEqual([['Region', 'A physical location']]);
  });
});

describe('explicit cards', () => {
  it('Q::A and Q:::A', () => {
    const { cards } = gen('What is S3::Object storage\n\nEC2:::Virtual servers\n');
    expect(pairs(cards)).toEqual([
      ['What is S3', 'Object storage'],
      ['EC2', 'Virtual servers'],
      ['Virtual servers', 'EC2'],
    ]);
    expect(cards.every((c) => c.kind === 'explicit')).toBe(true);
  });

  it('multi-line with ? and ??', () => {
    const { cards } = gen('What are the\nsix pillars?\n?\nOperational excellence\nSecurity\n\nS3\n??\nObject storage\n');
    expect(pairs(cards)).toEqual([
      ['What are the\nsix pillars?', 'Operational excellence\nSecurity'],
      ['S3', 'Object storage'],
      ['Object storage', 'S3'],
    ]);
  });

  it('cloze ==x== and {{c1::x::hint}}', () => {
    const { cards } = gen('AWS is responsible for ==security of== the cloud.\n\nThe customer handles {{c1::security in::in/of}} the cloud and {{c2::data}}.\n\nCode `a == b` stays.\n');
    expect(pairs(cards)).toEqual([
      ['AWS is responsible for [...] the cloud.', 'security of'],
      ['The customer handles [in/of] the cloud and data.', 'security in'],
      ['The customer handles security in the cloud and [...].', 'data'],
    ]);
    expect(cards.every((c) => c.kind === 'cloze')).toBe(true);
    expect(new Set(cards.map((c) => c.key)).size).toBe(3);
  });

  it('ignores :: inside inline code', () => {
    expect(gen('Use `std::vector` here.\n').cards).toEqual([]);
  });
});

describe('junk', () => {
  it('skips template placeholders, sources, problems, images and filler', () => {
    const md = [
      '# Topic',
      '## Begrippen',
      '[Schrijf hier je begrippen]',
      '## Gebruikte bronnen',
      '- **AWS docs**: https://aws.amazon.com/',
      '## Ervaren problemen',
      '**Probleem**: Geen problemen ervaren',
      '## Overcome challenges',
      'I learnt a lot - it went fine.',
      '## Resultaat',
      '![img](a.png)',
      '',
      'Refer to summary (above).',
      '## Sources',
      '- [Doc](https://example.com)',
    ].join('\n');
    const { cards, skipped } = gen(md);
    expect(cards).toEqual([]);
    const reasons = skipped.map((s) => s.reason);
    expect(reasons).toEqual(expect.arrayContaining(['placeholder', 'sources section', 'problems/challenges section', 'image', 'filler']));
    expect(skipped.every((s) => s.file === 'note.md' && s.line > 0)).toBe(true);
  });

  it('skips a definition that is nothing', () => {
    const { cards } = gen('- **Problems**: None\n- **Link**: https://example.com\n');
    expect(cards).toEqual([]);
  });
});

describe('robustness (property)', () => {
  const pieces = ['# ', '## ', '- ', '* ', '**', '***', '*', '_', '==', '::', ':::', '?', '??', '\n', '\n\n', '    ', ' - ', ' – ', ': ', '=', '|', '|---|---|', '<details>', '<summary>', '</summary>', '</details>', '<li>', '</li>', '<strong>', '</strong>', '{{c1::', '}}', '[', ']', '(', ')', '![x](y)', '`', '>', 'Term', 'Examples include:', 'Key terms', 'Begrippen', 'word', ' ', 'https://x.y'];
  const markdown = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 8 })), { maxLength: 80 }).map((a) => a.join(''));

  it('never throws, terminates quickly, and every card has a front and a back', () => {
    fc.assert(
      fc.property(markdown, (md) => {
        const t0 = performance.now();
        const { cards, skipped } = generateCards(md, 'p.md');
        expect(performance.now() - t0).toBeLessThan(1000);
        for (const c of cards) {
          expect(c.front.trim()).not.toBe('');
          expect(c.back.trim()).not.toBe('');
          expect(c.key.startsWith('p.md:')).toBe(true);
          expect(c.source.line).toBeGreaterThan(0);
        }
        expect(new Set(cards.map((c) => c.key)).size).toBe(cards.length);
        for (const s of skipped) expect(s.reason).not.toBe('');
      }),
      { numRuns: 300 },
    );
  });

  it('survives pathological input', () => {
    const big = '**a** - '.repeat(5000) + '='.repeat(20000) + '\n' + '::'.repeat(5000) + '\n' + '<details>'.repeat(2000);
    const t0 = performance.now();
    expect(() => generateCards(big, 'p.md')).not.toThrow();
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
