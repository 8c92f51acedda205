// The notes→cards generator, shape by shape, on small inline notes. The seed notes and the
// generalisation check have files of their own (notes.seeds.test.ts, notes.generalisation.test.ts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateCards, notesFromCards, type GeneratedCard } from '../../electron/core/notes/generate';

const gen = (md: string): ReturnType<typeof generateCards> => generateCards(md, 'note.md');
const pairs = (cards: GeneratedCard[]): [string, string][] => cards.map((c) => [c.front, c.back]);
const byKind = (cards: GeneratedCard[], kind: GeneratedCard['kind']): GeneratedCard[] => cards.filter((c) => c.kind === kind);
const terms = (md: string): [string, string][] => pairs(byKind(gen(md).cards, 'term'));
const DEF = 'A physical location with several data centres.';

describe('key terms in every shape students write them', () => {
  it.each([
    ['* ***Region*** = A physical location with several data centres.'],
    ['- **Region**: A physical location with several data centres.'],
    ['**Region:** A physical location with several data centres.'],
    ['**Region** – A physical location with several data centres.'],
    ['- Region - A physical location with several data centres.'],
    ['Region – A physical location with several data centres.'],
    ['<strong>Region</strong>: A physical location with several data centres.'],
    ['<ins>Region</ins> - A physical location with several data centres.'],
    ['<b>Region</b> = A physical location with several data centres.'],
    ['**Region**\nA physical location with several data centres.'],
    ['**Region**  \nA physical location with several data centres.'],
    ['**Region**\n    A physical location with several data centres.'],
    ['- **Region**\n  A physical location with several data centres.'],
    ['Region\n    A physical location with several data centres.'],
    ['Region\n: A physical location with several data centres.'],
    ['**Region**\n\nA physical location with several data centres.'],
    ['A **region** is a physical location with several data centres.'],
  ])('anywhere in a note: %j', (md) => {
    const { cards } = gen(`# Cloud\n\n${md}\n`);
    expect(pairs(byKind(cards, 'term'))).toEqual([['Region', DEF]]);
    const [card] = cards;
    expect(card?.note).toBe('note.md:region');
    expect(card?.key).toBe('note.md:region#0');
    expect(card?.ord).toBe(0);
    expect(card?.fields).toEqual(['Region', DEF]);
    expect(card?.context).toEqual(['Cloud']);
    expect(card?.tags).toEqual(['cloud']);
    expect(card?.source).toEqual({ file: 'note.md', line: 3 });
  });

  it.each(['Key-terms', 'Key terminology', 'BEGRIPPEN', 'Begrippen:', 'Glossary', 'Kernbegrippen'])('plain shapes in a %j section', (heading) => {
    const md = `## ${heading}\n\n- region - A physical location.\n- availability zone – One or more data centres.\n\nedge location: A cache site.\n\nLocal Zone\nA small extension of a Region.\n`;
    expect(terms(md)).toEqual([
      ['region', 'A physical location.'],
      ['availability zone', 'One or more data centres.'],
      ['edge location', 'A cache site.'],
      ['Local Zone', 'A small extension of a Region.'],
    ]);
  });

  it('several terms in one paragraph, one per line (hard or soft breaks)', () => {
    const md = '## Key terms\n\n**Bucket:** a container for objects.  \n**Object:** a file and its metadata.\nVPC - an isolated network.\n';
    expect(terms(md)).toEqual([
      ['Bucket', 'A container for objects.'],
      ['Object', 'A file and its metadata.'],
      ['VPC', 'An isolated network.'],
    ]);
    expect(gen(md).cards.map((c) => c.source.line)).toEqual([3, 4, 5]);
  });

  it('lazy continuation lines belong to the definition', () => {
    const md = '- **Region**: A physical location\nwith several data centres.\n- **AZ**: one or more\n  data centres that are close together.\n';
    expect(terms(md)).toEqual([
      ['Region', DEF],
      ['AZ', 'One or more data centres that are close together.'],
    ]);
  });

  it('### Term headings followed by a definition', () => {
    const md = '## Key terms\n\n### Region\n\nA physical location.\n\n### availability zone\nOne or more data centres.\n';
    expect(terms(md)).toEqual([
      ['Region', 'A physical location.'],
      ['availability zone', 'One or more data centres.'],
    ]);
    // Outside a key-terms section: names (Title Case, AWS-style names) under a topic heading.
    const storage = '## Storage classes\n\n### S3 Standard\nFor data you use often.\n\n### Glacier\nCheap archive storage.\n';
    expect(terms(storage)).toEqual([
      ['S3 Standard', 'For data you use often.'],
      ['Glacier', 'Cheap archive storage.'],
    ]);
  });

  it('a bold heading defines itself; a heading restated as "X is …" too', () => {
    expect(terms('## **Edge location**\nA site that caches content close to users.\n')).toEqual([['Edge location', 'A site that caches content close to users.']]);
    expect(terms('## Amazon S3\n\nAmazon S3 is an object storage service.\n')).toEqual([['Amazon S3', 'An object storage service.']]);
    expect(terms('# Shared Responsability Model\nThe Shared Responsibility Model describes who secures what.\n')).toEqual([['Shared Responsability Model', 'Describes who secures what.']]);
  });

  it('a question heading is answered by its paragraph', () => {
    const { cards } = gen('# EC2\n## 1. What is EC2\nAmazon EC2 gives you virtual servers.\n');
    expect(pairs(cards)).toEqual([['What is EC2?', 'Amazon EC2 gives you virtual servers.']]);
    expect(cards[0]?.kind).toBe('question');
    expect(cards[0]?.context).toEqual(['EC2', 'What is EC2']);
  });

  it('setext headings and trailing-double-space breaks', () => {
    const md = 'Key terms\n=========\n\nRegion - a physical location  \nAZ - one or more data centres\n\nNotes\n-----\n\nSome prose - not a term.\n';
    const { cards } = gen(md);
    expect(pairs(cards)).toEqual([
      ['Region', 'A physical location'],
      ['AZ', 'One or more data centres'],
    ]);
    expect(cards[1]?.context).toEqual(['Key terms']);
  });

  it('a list whose items mostly have the "Name – explanation" shape', () => {
    const md = 'Also good to know:\n\n- VPC peering – connects two VPCs privately\n- VPC endpoints: reach AWS services without internet\n- Direct Connect, etc.\n';
    expect(terms(md)).toEqual([
      ['VPC peering', 'Connects two VPCs privately'],
      ['VPC endpoints', 'Reach AWS services without internet'],
    ]);
    expect(gen('1. Created a VPC\n2. Made 2 subnets - one public\n3. Attached an IGW\n').cards).toEqual([]);
  });

  it('a bold term in a defining sentence, with the sentence before it when it leans on it', () => {
    const md = 'A **public subnet** has a route to an Internet Gateway. A **private subnet** has no such route.\n';
    expect(terms(md)).toEqual([
      ['Public subnet', 'Has a route to an Internet Gateway.'],
      ['Private subnet', 'Has no such route. (A **public subnet** has a route to an Internet Gateway.)'],
    ]);
    expect(terms('Een **TTL** (Time To Live) is de tijd dat een object in de cache blijft.\n')).toEqual([['TTL (Time To Live)', 'De tijd dat een object in de cache blijft.']]);
    expect(terms('**Beveiliging** en **naleving** zijn gedeeld.\n')).toEqual([]);
  });

  it('a sentence that says what a topic of the heading is', () => {
    expect(terms('# Week 5: CloudFront en Route 53\n\nAmazon CloudFront is het CDN van AWS.\n')).toEqual([['Amazon CloudFront', 'Het CDN van AWS.']]);
    expect(terms('# Networking\n\nAmazon CloudFront is a CDN.\n')).toEqual([]);
  });

  it('plain "X - y" and "X: y" prose is not a term', () => {
    const md = '# Notes\n\nwe went there - it was fine.\n\nI think: this is good.\n\nTL;DR: IAM is global.\n\nWeek 4 - networking.\n\nStudy: the model.\n\nNote: Remember this one.\n';
    expect(gen(md).cards).toEqual([]);
  });

  it('labels are not terms and empty definitions are skipped', () => {
    const { cards, skipped } = gen('## Key terms\n\n- **Note**: remember this.\n- **Region**:\n- etc\n\n**Tip voor het examen**\n\nLet op de woorden.\n');
    expect(cards).toEqual([]);
    expect(skipped.map((s) => [s.line, s.reason])).toEqual([
      [3, 'not a term definition'],
      [4, 'not a term definition'],
      [5, 'dangling label'],
      [7, 'not a term definition'],
      [9, 'not a term definition'],
    ]);
  });

  it('drops a trailing attribution and an "Examples include:" from a definition', () => {
    expect(terms('## Shared Controls\n\nShared Controls are controls for both layers. --*AWS Practice Exam Course*\n')).toEqual([['Shared Controls', 'Controls for both layers.']]);
  });

  it('keeps emoji and section numbers out of fronts, context and tags', () => {
    const { cards } = gen('# 3.2 IAM 🔐\n\n## Key terms\n- **Root user** 👑: the first identity.\n');
    expect(pairs(cards)).toEqual([['Root user', 'The first identity.']]);
    expect(cards[0]?.context).toEqual(['IAM', 'Key terms']);
    expect(cards[0]?.tags).toEqual(['iam', 'key-terms']);
  });

  it('Dutch notes get Dutch questions', () => {
    const md = '## Diensten\n\nBeheerde diensten – Diensten die AWS voor de klant beheert. Voorbeelden:\n\n- Amazon RDS – een beheerde database\n';
    expect(pairs(gen(md).cards)).toEqual([
      ['Beheerde diensten', 'Diensten die AWS voor de klant beheert.'],
      ['Wat houdt “Amazon RDS” in (Beheerde diensten)?', 'Een beheerde database'],
      ['Van welk soort diensten is “Amazon RDS” een voorbeeld?', 'Beheerde diensten'],
    ]);
  });
});

describe('examples under a named group', () => {
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
    expect(cards.map((c) => [c.kind, c.front, c.back, c.ord])).toEqual([
      ['term', 'Shared Controls', 'Controls which apply to both layers.', 0],
      ['example', 'Patch Management (Shared Controls): what does each side do?', 'AWS patches the infrastructure, but customers patch their guest OS.', 0],
      ['group', '“Patch Management” is an example of which kind of control?', 'Shared Controls', 1],
      ['example', 'Awareness & Training (Shared Controls): what does each side do?', 'AWS trains AWS employees, but a customer must train their own employees.', 0],
      ['group', '“Awareness & Training” is an example of which kind of control?', 'Shared Controls', 1],
    ]);
    // The example and its "which group" card are one note with two cards.
    expect(cards[1]?.note).toBe(cards[2]?.note);
    expect(cards[1]?.fields).toEqual(['Patch Management', 'AWS patches the infrastructure, but customers patch their guest OS.', 'Shared Controls']);
    expect(cards[1]?.source.line).toBe(5);
    expect(cards[3]?.source.line).toBe(6);
  });

  it('a list under an "Examples include" sub-heading belongs to the parent heading', () => {
    const md = '## Inherited Controls\n\n### Examples include\n\n* Physical and Environmental controls\n* etc.\n';
    const { cards, skipped } = gen(md);
    expect(pairs(cards)).toEqual([['“Physical and Environmental controls” is an example of which kind of control?', 'Inherited Controls']]);
    expect(skipped).toContainEqual({ file: 'note.md', line: 6, reason: 'dangling label' });
  });

  it('the kind of a group comes from the heading above it', () => {
    const md = '## Policy types\n\nIdentity-based policies – Attached to a user. Examples include:\n\n- Inline policies – embedded in one user\n\nResource-based policies – Attached to a resource.\n';
    expect(pairs(gen(md).cards)).toEqual([
      ['Identity-based policies', 'Attached to a user.'],
      ['What does “Inline policies” mean (Identity-based policies)?', 'Embedded in one user'],
      ['“Inline policies” is an example of which kind of policy?', 'Identity-based policies'],
      ['Resource-based policies', 'Attached to a resource.'],
    ]);
  });

  it('a heading that only introduces its examples makes no term card of its own', () => {
    const md = '### Routeringsbeleid\nRoute 53 kent verschillende routing policies, bijvoorbeeld:\n- Simple routing: één record\n';
    expect(pairs(gen(md).cards)).toEqual([
      ['Wat houdt “Simple routing” in (Routeringsbeleid)?', 'Één record'],
      ['Waarvan is “Simple routing” een voorbeeld?', 'Routeringsbeleid'],
    ]);
  });

  it('<details> blocks: the summary is the group, inner list items its examples', () => {
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
      '',
      '<details><summary>Exam tip</summary>',
      'Spot is the cheapest.',
      '</details>',
    ].join('\n');
    const { cards } = gen(md);
    expect(pairs(cards)).toEqual([
      ['Inherited Controls', 'Controls which a customer fully inherits from AWS.'],
      ['“Physical and Environmental controls” is an example of which kind of control?', 'Inherited Controls'],
    ]);
    expect(cards.map((c) => c.source.line)).toEqual([2, 7]);
    expect(cards[1]?.context).toEqual(['Inherited Controls']);
  });
  it('<details> blocks written the GitHub way, with Markdown between blank lines', () => {
    const md = [
      '## Controls',
      '',
      '<details>',
      '<summary><b>Shared Controls</b></summary>',
      '',
      'Controls for both layers. Examples include:',
      '- Patch Management – AWS patches hosts, but customers patch guests',
      '',
      '</details>',
      '',
      'After text – not in the block.',
    ].join('\n');
    const { cards } = gen(md);
    expect(cards.map((c) => [c.front, c.back, c.source.line, c.context.join(' > ')])).toEqual([
      ['Shared Controls', 'Controls for both layers.', 4, 'Controls > Shared Controls'],
      ['Patch Management (Shared Controls): what does each side do?', 'AWS patches hosts, but customers patch guests', 7, 'Controls > Shared Controls'],
      ['“Patch Management” is an example of which kind of control?', 'Shared Controls', 7, 'Controls > Shared Controls'],
    ]);
  });
});

describe('tables', () => {
  it('two-column responsibility table: who is responsible for each item', () => {
    const md = '# Shared responsibility\n\n|AWS| Customer|\n|-----|-----|\n|*responsible for security of the cloud* | *responsible for security in the cloud* |\n|Regions | Customer data |\n|Hardware\n';
    const { cards } = gen(md);
    expect(pairs(cards)).toEqual([
      ['Who is responsible for security of the cloud: AWS or the customer?', 'AWS'],
      ['Who is responsible for security in the cloud: AWS or the customer?', 'The customer'],
      ['Who is responsible for regions: AWS or the customer?', 'AWS'],
      ['Who is responsible for customer data: AWS or the customer?', 'The customer'],
      ['Who is responsible for hardware: AWS or the customer?', 'AWS'],
    ]);
    expect(cards.every((c) => c.kind === 'table')).toBe(true);
    expect(cards.map((c) => c.source.line)).toEqual([5, 5, 6, 6, 7]);
    expect(cards[2]?.fields).toEqual(['Regions', 'AWS']);
  });

  it('Dutch responsibility table, descriptive cells and items in both columns', () => {
    const md = 'Verantwoordelijkheid\n\n| AWS | Klant |\n|---|---|\n| De hardware | Klantgegevens |\n| Patches | Patches |\n| *een hele lange zin die alleen maar uitlegt wat deze kolom eigenlijk betekent* | Data |\n';
    const { cards, skipped } = gen(md);
    expect(pairs(cards)).toEqual([
      ['Wie is verantwoordelijk voor de hardware: AWS of de klant?', 'AWS'],
      ['Wie is verantwoordelijk voor klantgegevens: AWS of de klant?', 'De klant'],
      ['Wie is verantwoordelijk voor data: AWS of de klant?', 'De klant'],
    ]);
    expect(skipped.map((s) => [s.line, s.reason])).toEqual([
      [7, 'descriptive table row'],
      [6, 'in both columns'],
      [6, 'in both columns'],
    ]);
  });

  it('a comparison table asks which column', () => {
    const md = '## Security Group vs Network ACL\n\n| Security Group | Network ACL |\n|---|---|\n| Stateful | Stateless |\n';
    expect(pairs(gen(md).cards)).toEqual([
      ['Stateful: Security Group or Network ACL?', 'Security Group'],
      ['Stateless: Security Group or Network ACL?', 'Network ACL'],
    ]);
  });

  it('term/definition and name/value tables', () => {
    expect(terms('| Term | Definition |\n|---|---|\n| Region | A physical location |\n| AZ | |\n')).toEqual([['Region', 'A physical location']]);
    expect(terms('| Family | Good for |\n|---|---|\n| Compute optimized (c5) | batch processing |\n')).toEqual([['Compute optimized (c5) – good for?', 'Batch processing']]);
  });

  it('ignores tables with more than two columns, unless the second column is the meaning', () => {
    expect(gen('| A | B | C |\n|---|---|---|\n| 1 | 2 | 3 |\n').cards).toEqual([]);
    expect(gen('| Service | Price | Region |\n|---|---|---|\n| Amazon RDS | $0.02 per hour | eu-west-1 |\n').cards).toEqual([]);
    const md = '| Service | What it is | Example use |\n|---|---|---|\n| Amazon RDS | managed relational database | web shop orders |\n| Amazon Neptune | Graph database | |\n| Amazon X | | |\n';
    expect(terms(md)).toEqual([
      ['Amazon RDS', 'Managed relational database\n*Example use:* web shop orders'],
      ['Amazon Neptune', 'Graph database'],
    ]);
    expect(gen(md).skipped).toEqual([{ file: 'note.md', line: 5, reason: 'incomplete table row' }]);
  });
});

describe('abbreviations and enumerations', () => {
  it('spells out abbreviations in every usual shape', () => {
    const md = [
      '# IAM – Identity and Access Management',
      '',
      'Enable Multi-Factor Authentication (MFA) on the root user.',
      '',
      'EC2 is Infrastructure as a Service (IaaS).',
      '',
      'IA staat voor Infrequent Access: voor data die je zelden nodig hebt.',
      '',
      'Use the security group firewall (SG) and the AWS Console (the web UI).',
    ].join('\n');
    expect(pairs(byKind(gen(md).cards, 'acronym'))).toEqual([
      ['What does IAM stand for?', 'Identity and Access Management'],
      ['What does MFA stand for?', 'Multi-Factor Authentication'],
      ['What does IaaS stand for?', 'Infrastructure as a Service'],
      ['What does IA stand for?', 'Infrequent Access'],
    ]);
  });

  it('a short lead-in followed by a list of short items is one card', () => {
    const md = '### Policy document structure\nEvery statement has:\n1. Effect (Allow or Deny)\n2. Action\n3. Resource\n';
    const { cards } = gen(md);
    expect(pairs(cards)).toEqual([['Policy document structure: every statement has …', '1. Effect (Allow or Deny)\n2. Action\n3. Resource']]);
    expect(cards[0]?.kind).toBe('list');
    expect(gen('## Lab\nThe steps I took:\n- open the console\n- click create\n').cards).toEqual([]);
  });
});

describe('explicit card syntax (Obsidian Spaced Repetition compatible)', () => {
  it('Q::A is one card, Q:::A two (one note, ords 0 and 1)', () => {
    const { cards } = gen('What is S3::Object storage\n\nEC2:::Virtual servers\n');
    expect(cards.map((c) => [c.front, c.back, c.ord, c.note])).toEqual([
      ['What is S3', 'Object storage', 0, 'note.md:what is s3'],
      ['EC2', 'Virtual servers', 0, 'note.md:ec2'],
      ['Virtual servers', 'EC2', 1, 'note.md:ec2'],
    ]);
    expect(cards.every((c) => c.kind === 'explicit')).toBe(true);
    expect(notesFromCards(cards).map((n) => [n.kind, n.fields, n.cards.length])).toEqual([
      ['basic', ['What is S3', 'Object storage'], 1],
      ['reversed', ['EC2', 'Virtual servers'], 2],
    ]);
  });

  it('several single-line cards in one paragraph, each with its own line', () => {
    const { cards } = gen('# Deck\nOne :: 1\nTwo::2\nsome prose\nThree ::: 3\n');
    expect(cards.map((c) => [c.front, c.back, c.source.line])).toEqual([
      ['One', '1', 2],
      ['Two', '2', 3],
      ['Three', '3', 5],
      ['3', 'Three', 5],
    ]);
  });

  it('multi-line cards with ? and ??, also when the answer is a list', () => {
    const { cards } = gen('What are the\nsix pillars?\n?\nOperational excellence\nSecurity\n\nS3\n??\nObject storage\n\nName two AZ facts\n?\n- isolated\n- close together\n\nNext paragraph.\n');
    expect(pairs(cards)).toEqual([
      ['What are the\nsix pillars?', 'Operational excellence\nSecurity'],
      ['S3', 'Object storage'],
      ['Object storage', 'S3'],
      ['Name two AZ facts', '- isolated\n- close together'],
    ]);
    expect(cards.map((c) => c.source.line)).toEqual([1, 7, 7, 11]);
  });

  it('==highlight== clozes: a card per gap, the back shows the whole text with the answer in bold', () => {
    const { cards } = gen('AWS secures ==the cloud== itself; the customer secures ==what is in it==.\n');
    expect(pairs(cards)).toEqual([
      ['AWS secures [...] itself; the customer secures what is in it.', 'AWS secures **the cloud** itself; the customer secures what is in it.'],
      ['AWS secures the cloud itself; the customer secures [...].', 'AWS secures the cloud itself; the customer secures **what is in it**.'],
    ]);
    expect(cards.map((c) => [c.kind, c.ord])).toEqual([
      ['cloze', 0],
      ['cloze', 1],
    ]);
    expect(cards[0]?.fields).toEqual(['AWS secures {{c1::the cloud}} itself; the customer secures {{c2::what is in it}}.', '']);
    expect(notesFromCards(cards)).toHaveLength(1);
  });

  it('Anki clozes: one card per number, [hint] or [...] in the gap', () => {
    const { cards } = gen('The customer handles {{c1::security in::in/of}} the cloud, {{c2::data}} and {{c1::IAM}}.\n');
    expect(cards.map((c) => [c.front, c.back, c.ord])).toEqual([
      ['The customer handles [in/of] the cloud, data and [...].', 'The customer handles **security in** the cloud, data and **IAM**.', 0],
      ['The customer handles security in the cloud, [...] and IAM.', 'The customer handles security in the cloud, **data** and IAM.', 1],
    ]);
    expect(new Set(cards.map((c) => c.note)).size).toBe(1);
  });

  it('ignores :: and == in code and IPv6 addresses, and drops Obsidian scheduling comments', () => {
    expect(gen('Use `std::vector` here.\n\nCode `a == b` stays.\n\nThe block fe80::1/64 is link-local.\n').cards).toEqual([]);
    const { cards } = gen('What is S3?::Object storage <!--SR:!2024-01-01,3,250-->\n<!--SR:!2024-02-02,1,230-->\n');
    expect(pairs(cards)).toEqual([['What is S3?', 'Object storage']]);
  });
});

describe('no junk', () => {
  it('skips template placeholders, sources, problems, images and filler, naming file and line', () => {
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
      '## Problems encountered',
      'Forgot the route to the IGW - fixed it now.',
    ].join('\n');
    const { cards, skipped } = gen(md);
    expect(cards).toEqual([]);
    expect(skipped.map((s) => [s.line, s.reason])).toEqual([
      [3, 'placeholder'],
      [5, 'sources section'],
      [7, 'problems/challenges section'],
      [9, 'problems/challenges section'],
      [11, 'image'],
      [13, 'filler'],
      [15, 'sources section'],
      [17, 'problems/challenges section'],
    ]);
    expect(skipped.every((s) => s.file === 'note.md')).toBe(true);
  });

  it('skips definitions that are nothing, link-only lines and hashtag lines (they become tags)', () => {
    const { cards, skipped } = gen('#aws #week-3\n\n- **Problems**: None\n- **Link**: https://example.com\n\n[Read the doc](https://aws.amazon.com)\n\nhttps://example.com/x\n\n**Region**: A place.\n');
    expect(pairs(cards)).toEqual([['Region', 'A place.']]);
    expect(cards[0]?.tags).toEqual(['aws', 'week-3']);
    expect(skipped.map((s) => s.reason)).toEqual(['term: no content', 'term: link only', 'link only', 'link only']);
  });

  it('frontmatter tags reach every card', () => {
    const { cards } = gen('---\ntags: [aws, iam]\ndate: 2024-03-12\n---\n# IAM\n- **Root user**: the first identity.\n');
    expect(cards[0]?.tags).toEqual(['iam', 'aws']);
    expect(cards[0]?.source.line).toBe(6);
  });
});

describe('identity and the importer API', () => {
  it('a card keeps its note key when its definition, case or punctuation changes', () => {
    const before = gen('## Key terms\n- **Availability Zone**: one data centre.\n').cards[0];
    const after = gen('# New title\n\n## Key terms\n\n- **availability zone:** One or more data centres, close together.\n').cards[0];
    expect(after?.note).toBe(before?.note);
    expect(after?.key).toBe(before?.key);
    expect(after?.back).not.toBe(before?.back);
  });

  it('keys use the key prefix instead of the file when asked', () => {
    const { cards } = generateCards('- **Region**: A place.\n', 'decks/x.md', { keyPrefix: 'my-deck' });
    expect(cards[0]?.note).toBe('my-deck:region');
    expect(cards[0]?.source.file).toBe('decks/x.md');
  });

  it('reports the first level-1 heading as the title', () => {
    expect(gen('Intro\n\n# IAM 🔐\n\n# Other\n').title).toBe('IAM');
    expect(gen('no heading').title).toBeNull();
  });

  it('does not repeat a card that the note defines twice, and says where the first was', () => {
    const { cards, skipped } = gen('- **Region**: A place.\n\n**Region**: Another place.\n');
    expect(pairs(cards)).toEqual([['Region', 'A place.']]);
    expect(skipped).toEqual([{ file: 'note.md', line: 3, reason: 'duplicate of the card on line 1' }]);
  });

  it('groups cards into importer notes', () => {
    const { cards } = gen('## Shared Controls\nShared Controls are controls for both layers. Examples include:\n- Patch Management – AWS patches hosts, but customers patch their OS\n');
    const notes = notesFromCards(cards);
    expect(notes.map((n) => [n.key, n.kind, n.deck, n.cards.map((c) => c.ord), n.source])).toEqual([
      ['note.md:shared controls', 'generated', null, [0], { file: 'note.md', line: 2 }],
      ['note.md:example shared controls patch management', 'generated', null, [0, 1], { file: 'note.md', line: 3 }],
    ]);
  });
});

describe('shapes from notes the generator was not written for', () => {
  it('"Term -- definition", typed with two hyphens, in a list and line by line', () => {
    expect(terms('## Choosing a region\n\n1. Compliance -- data must stay in the EU\n2. Proximity -- close to users means lower latency\n')).toEqual([
      ['Compliance', 'Data must stay in the EU'],
      ['Proximity', 'Close to users means lower latency'],
    ]);
    expect(terms('## Edge\n\nLocal Zones -- compute close to large cities\nAWS Cost and Usage Report -- the most detailed billing data\n')).toEqual([
      ['Local Zones', 'Compute close to large cities'],
      ['AWS Cost and Usage Report', 'The most detailed billing data'],
    ]);
    // A "-->" arrow or a "--" in a story is no separator.
    expect(gen('# Notes\n\n---> For the exam <---\n\nthis went well -- mostly\n').cards).toEqual([]);
  });

  it('a heading in capitals is a section title, not a term (but "## AWS IAM" still names one)', () => {
    expect(gen('# INFRA\n\n## EXTENDING THE INFRASTRUCTURE\n\nOutposts are racks in your own data center.\n').cards).toEqual([]);
    expect(terms('# IAM\n\n## AWS IAM\n\nManages who can do what in an account.\n')).toEqual([['AWS IAM', 'Manages who can do what in an account.']]);
  });

  it('a term as a bullet with its definition as the child bullet(s)', () => {
    const md = '## Basics\n\n- Region\n  - a physical location with several AZs\n  - named like eu-west-1\n- Availability Zone (AZ)\n  - one or more data centers in a Region\n';
    expect(gen(md).cards.map((c) => [c.kind, c.front, c.back])).toEqual([
      ['term', 'Region', '- a physical location with several AZs\n- named like eu-west-1'],
      ['acronym', 'What does AZ stand for?', 'Availability Zone'],
      ['term', 'Availability Zone (AZ)', 'One or more data centers in a Region'],
    ]);
    // A category over its own terms, a single outline item, and a to-do outline make no such card.
    expect(terms('## Services\n\n- Compute\n  - EC2 – virtual servers in the cloud\n  - Lambda – functions without servers\n')).toEqual([
      ['EC2', 'Virtual servers in the cloud'],
      ['Lambda', 'Functions without servers'],
    ]);
    expect(terms('## Week\n\n- Homework\n  - read chapter four tonight\n- Some prose sentence here.\n  - with a child\n')).toEqual([]);
  });

  it('a sub-heading per item over bullets of plain facts', () => {
    const md = '# Support\n\n## Plans\n\n### Developer\n- email access during business hours\n- for testing\n\n### Business\n- 24/7 phone access\n- a **Technical Account Manager** (TAM) on call\n';
    expect(gen(md).cards.map((c) => [c.kind, c.front, c.back])).toEqual([
      ['term', 'Developer', '- email access during business hours\n- for testing'],
      ['term', 'Business', '- 24/7 phone access\n- a **Technical Account Manager** (TAM) on call'],
      ['acronym', 'What does TAM stand for?', 'Technical Account Manager'],
    ]);
    // Not a section's own heading, not one bullet, not the student's story, not "Name: value" bullets.
    expect(terms('## Developer\n- email access\n- for testing\n')).toEqual([]);
    expect(terms('# A\n\n## B\n\n### Developer\n- email access during business hours\n')).toEqual([]);
    expect(terms('# A\n\n## B\n\n### Lab Setup\n- I clicked launch\n- my instance started\n')).toEqual([]);
  });

  it('bold italics mid-paragraph, "Met **X** bedoelen we …" and two bold terms in one sentence', () => {
    const md =
      '## Voordelen\n\nEerst dit. ***Elasticiteit*** is het vermogen om op en af te schalen.\nMet ***CapEx*** bedoelen we uitgaven vooraf (servers kopen), ***OpEx*** zijn uitgaven per gebruik.\n***Economies of scale*** — lagere prijzen door schaal.\n';
    expect(terms(md)).toEqual([
      ['Economies of scale', 'Lagere prijzen door schaal.'],
      ['Elasticiteit', 'Het vermogen om op en af te schalen.'],
      ['CapEx', 'Uitgaven vooraf (servers kopen)'],
      ['OpEx', 'Uitgaven per gebruik.'],
    ]);
    expect(terms('## Databases\n\n***NoSQL databases*** store data as key-value pairs. By **latency** we mean the delay of a request.\n')).toEqual([
      ['NoSQL databases', 'Store data as key-value pairs.'],
      ['Latency', 'The delay of a request.'],
    ]);
    // Bold for emphasis is not a term, and plain bold needs a defining verb.
    expect(terms('## Tips\n\n***Always*** enable MFA on the root user. **Amazon EC2** rocks my world.\n')).toEqual([]);
  });

  it('Obsidian callouts: a titled note defines its title; remarks and story callouts make nothing', () => {
    const md =
      '# Cloud\n\n> [!note] Public cloud\n> Everything runs at a provider such as AWS.\n\n> [!info]- What is a hybrid cloud?\n> Part on-premises, part in the public cloud.\n\n> [!tip] Mnemonic\n> The further from IaaS, the less you manage.\n\n> [!note] Summary week 1\n> This is my summary of chapter one.\n\n> [!note]\n> IAM is free!\n';
    expect(gen(md).cards.map((c) => [c.kind, c.front, c.back, c.source.line])).toEqual([
      ['term', 'Public cloud', 'Everything runs at a provider such as AWS.', 3],
      ['question', 'What is a hybrid cloud?', 'Part on-premises, part in the public cloud.', 6],
    ]);
    // The body of a remark is read as usual.
    expect(terms('# Cloud\n\n> [!tip] Exam\n> **RPO** = how much data you may lose.\n')).toEqual([['RPO', 'How much data you may lose.']]);
  });

  it('"It has six pillars:" makes the list below the parts of the term just defined', () => {
    const md =
      '# Well-Architected Framework\n\nThe Well-Architected Framework helps you build good systems on AWS. It has two pillars:\n\n1. **Security** - protecting information and systems\n2. **Reliability** - recovering from failures\n';
    expect(gen(md).cards.map((c) => [c.kind, c.front, c.back])).toEqual([
      ['term', 'Well-Architected Framework', 'Helps you build good systems on AWS.'],
      ['example', 'What does “Security” mean (Well-Architected Framework)?', 'Protecting information and systems'],
      ['group', '“Security” is one of the pillars of what?', 'Well-Architected Framework'],
      ['example', 'What does “Reliability” mean (Well-Architected Framework)?', 'Recovering from failures'],
      ['group', '“Reliability” is one of the pillars of what?', 'Well-Architected Framework'],
    ]);
    const nl = '# Regio kiezen\n\nDe vier factoren van een regiokeuze zijn:\n\n- Compliance – wet- en regelgeving\n- Latency – afstand tot de gebruikers\n';
    expect(byKind(gen(nl).cards, 'group').map((c) => [c.front, c.back])).toEqual([
      ['“Compliance” is een van de factoren van wat?', 'regiokeuze'],
      ['“Latency” is een van de factoren van wat?', 'regiokeuze'],
    ]);
  });
});

describe('robustness (property)', () => {
  const pieces = ['# ', '## ', '- ', '* ', '1. ', '**', '***', '*', '_', '==', '::', ':::', '?', '??', '\n', '\n\n', '    ', '  \n', ' - ', ' – ', ': ', '=', '|', '|---|---|', '<details>', '<summary>', '</summary>', '</details>', '<li>', '</li>', '<strong>', '</strong>', '<ins>', '</ins>', '{{c1::', '{{c2::', '::hint', '}}', '[', ']', '(', ')', '![x](y)', '`', '>', '<!--SR:x-->', 'Term', 'AWS', 'Examples include:', 'Voorbeelden:', 'Key terms', 'Begrippen', 'What is ', 'word', ' ', 'https://x.y', '---\n', '===\n'];
  const markdown = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 8 })), { maxLength: 80 }).map((a) => a.join(''));

  it('never throws, terminates quickly, and every card is whole and unique', () => {
    fc.assert(
      fc.property(markdown, (md) => {
        const { cards, skipped } = generateCards(md, 'p.md');
        for (const c of cards) {
          expect(c.front.trim()).not.toBe('');
          expect(c.back.trim()).not.toBe('');
          expect(c.note.startsWith('p.md:')).toBe(true);
          expect(c.key).toBe(`${c.note}#${c.ord}`);
          expect(c.source.line).toBeGreaterThan(0);
          expect(c.source.line).toBeLessThanOrEqual(md.split('\n').length);
        }
        expect(new Set(cards.map((c) => c.key)).size).toBe(cards.length);
        for (const s of skipped) expect(s.reason).not.toBe('');
      }),
      { numRuns: 400 },
    );
  });

  // Not a speed test (bench/ measures speed): a guard against regular expressions that blow up,
  // which would take minutes here, not seconds.
  it('survives pathological input', { timeout: 60_000 }, () => {
    const big = '**a** - '.repeat(5000) + '='.repeat(20000) + '\n' + '::'.repeat(5000) + '\n' + '<details>'.repeat(2000) + '\n' + '(AB) '.repeat(3000) + '\n' + 'x\n'.repeat(3000);
    const t0 = performance.now();
    expect(() => generateCards(big, 'p.md')).not.toThrow();
    expect(performance.now() - t0).toBeLessThan(30_000);
  });
});
