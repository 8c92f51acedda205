// Every seed note (copies of ../shared/seeds in fixtures/notes) yields exactly these cards: every
// key term, control type, example and table row it holds, and nothing else. A change to the
// generator that loses a card, adds junk or rewords one fails here; if the change is an
// improvement, update the list after reading the new cards.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCards, notesFromCards } from '../../electron/core/notes/generate';

type Row = [kind: string, line: number, front: string, back: string];

const EXPECTED: Record<string, { cards: Row[]; skipped: [number, string][] }> = {
  '000_5a741492ac9e5253.txt': {
    cards: [
      ["term", 2, "Shared Responsability Model", "Describes who is responsible for the security of what part of the cloud. In general, you can say that AWS is responsible for security of the cloud, while the customer is responsible for security in the cloud. AWS is always responsible for securing the physical infrastructure, while the customer is always responsible for encrypting customer data."],
      ["term", 8, "AWS responsibility “Security of the Cloud”", "AWS is responsible for protecting the infrastructure that runs all of the services offered in the AWS Cloud. This infrastructure is composed of the hardware, software, networking, and facilities that run AWS Cloud services."],
      ["term", 11, "Customer responsibility “Security in the Cloud”", "Customer responsibility will be determined by the AWS Cloud services that a customer selects."],
      ["term", 25, "Inherited Controls", "Controls which a customer fully inherits from AWS."],
      ["group", 27, "“Physical and Environmental controls” is an example of which kind of control?", "Inherited Controls"],
      ["term", 29, "Shared Controls", "Controls which apply to both the infrastructure layer and customer layers, but in completely separate contexts or perspectives. In a shared control, AWS provides the requirements for the infrastructure and the customer must provide their own control implementation within their use of AWS services."],
      ["example", 31, "Patch Management (Shared Controls): what does each side do?", "AWS is responsible for patching and fixing flaws within the infrastructure, but customers are responsible for patching their guest OS and applications."],
      ["group", 31, "“Patch Management” is an example of which kind of control?", "Shared Controls"],
      ["example", 32, "Configuration Management (Shared Controls): what does each side do?", "AWS maintains the configuration of its infrastructure devices, but a customer is responsible for configuring their own guest operating systems, databases, and applications."],
      ["group", 32, "“Configuration Management” is an example of which kind of control?", "Shared Controls"],
      ["example", 33, "Awareness & Training (Shared Controls): what does each side do?", "AWS trains AWS employees, but a customer must train their own employees."],
      ["group", 33, "“Awareness & Training” is an example of which kind of control?", "Shared Controls"],
      ["term", 35, "Customer Specific", "Controls which are solely the responsibility of the customer based on the application they are deploying within AWS services."],
      ["example", 37, "What does “Service and Communications Protection or Zone Security” mean (Customer Specific)?", "May require a customer to route or zone data within specific security environments."],
      ["group", 37, "“Service and Communications Protection or Zone Security” is an example of which kind of control?", "Customer Specific"],
    ],
    skipped: [[17, "sources section"], [19, "problems/challenges section"], [22, "image"]],
  },
  '001_bb368d2d4c4262a5.txt': {
    cards: [
      ["term", 3, "Shared Responsibility Model", "How AWS provides clarity around which areas of systems security are theirs, and which are owned by the customer."],
      ["term", 19, "AWS responsibility **“Security of the Cloud”**", "AWS is responsible for protecting the infrastructure that runs all of the services offered in the AWS Cloud. This infrastructure is composed of the hardware, software, networking, and facilities that run AWS Cloud services."],
      ["term", 21, "Customer responsibility **“Security in the Cloud”**", "Customer responsibility will be determined by the AWS Cloud services that a customer selects. This determines the amount of configuration work the customer must perform as part of their security responsibilities."],
      ["acronym", 23, "What does IaaS stand for?", "Infrastructure as a Service"],
    ],
    skipped: [[17, "image"], [28, "filler"], [36, "sources section"], [37, "sources section"], [42, "problems/challenges section"], [46, "filler"]],
  },
  '002_74fe2def9db6d69b.txt': {
    cards: [
      ["term", 5, "AWS Reponsability \"Security *of* the Cloud\"", "AWS is responsible for protecting the infrastructure that runs all of the services offered in the AWS Cloud. This infrastructure is composed of the hardware, software, and facilities that run AWS Cloud services."],
      ["term", 8, "Customer Responsability \"Security *in* the Cloud\"", "***Customer responsability will be determined by the AWS Cloud services that a customer selects.*** This determines the amount of configuration work the customer must perform as part of their security responsabilities. Customers are responsible for managing their data (including encryption options), classifying their assets, and using IAM tools to apply the appropriate permissions."],
      ["term", 12, "Inherited Controls", "Controls which a customer fully inherits from AWS."],
      ["group", 18, "“Physical and Environmental controls” is an example of which kind of control?", "Inherited Controls"],
      ["term", 24, "Shared Controls", "Controls which apply to both the infrastructure layer and customer layers, but in completely separate contexts or perspectives. In a shared control, AWS provides the requirements for the infrastructure and the customer must provide their own control implementation within their use of AWS services."],
      ["example", 30, "Patch Management (Shared Controls): what does each side do?", "AWS is responsible for patching and fixing flaws within the infrastructure, but customers are responsible for patching their guest OS and applications."],
      ["group", 30, "“Patch Management” is an example of which kind of control?", "Shared Controls"],
      ["example", 31, "Configuration Management (Shared Controls): what does each side do?", "AWS maintains the configuration of its infrastructure devices, but a customer is responsible for configuring their own guest operating systems, databases, and applications."],
      ["group", 31, "“Configuration Management” is an example of which kind of control?", "Shared Controls"],
      ["example", 32, "Awareness & Training (Shared Controls): what does each side do?", "AWS trains AWS employees, but a customer must train their own employees."],
      ["group", 32, "“Awareness & Training” is an example of which kind of control?", "Shared Controls"],
      ["term", 37, "Customer Specific", "Controls which are solely the responsibility of the customer based on the application they are deploying within AWS services."],
      ["example", 43, "What does “Service and Communications Protection or Zone Security” mean (Customer Specific)?", "May require a customer to route or zone data within specific security environments."],
      ["group", 43, "“Service and Communications Protection or Zone Security” is an example of which kind of control?", "Customer Specific"],
    ],
    skipped: [[1, "image"]],
  },
  '003_9b584a1210178e5e.txt': {
    cards: [
      ["table", 15, "Who is responsible for security of the cloud: AWS or the customer?", "AWS"],
      ["table", 15, "Who is responsible for security in the cloud: AWS or the customer?", "The customer"],
      ["table", 16, "Who is responsible for regions: AWS or the customer?", "AWS"],
      ["table", 16, "Who is responsible for client-side data: AWS or the customer?", "The customer"],
      ["table", 17, "Who is responsible for AZs: AWS or the customer?", "AWS"],
      ["table", 17, "Who is responsible for server-side data: AWS or the customer?", "The customer"],
      ["table", 18, "Who is responsible for edge locations: AWS or the customer?", "AWS"],
      ["table", 18, "Who is responsible for networking traffic protection: AWS or the customer?", "The customer"],
      ["table", 19, "Who is responsible for compute: AWS or the customer?", "AWS"],
      ["table", 19, "Who is responsible for OS (EC2), network and firewall configuration: AWS or the customer?", "The customer"],
      ["table", 20, "Who is responsible for storeage: AWS or the customer?", "AWS"],
      ["table", 20, "Who is responsible for platform, applications, identity and access management: AWS or the customer?", "The customer"],
      ["table", 21, "Who is responsible for networking: AWS or the customer?", "AWS"],
      ["table", 21, "Who is responsible for customer data: AWS or the customer?", "The customer"],
      ["table", 22, "Who is responsible for database: AWS or the customer?", "AWS"],
      ["table", 23, "Who is responsible for software: AWS or the customer?", "AWS"],
      ["table", 24, "Who is responsible for hardware and infrastructure: AWS or the customer?", "AWS"],
      ["term", 30, "Shared Controls", "Controls which apply to both the infrastructure layer and customer layers, but in completely separate contexts or perspectives. In a shared control, AWS provides the requirements for the infrastructure and the customer must provide their own control implementation within their use of AWS services."],
      ["example", 34, "Patch Management (Shared Controls): what does each side do?", "AWS is responsible for patching the underlying hosts and fixing flaws within the infrastructure, but customers are responsible for patching their guest OS and applications."],
      ["group", 34, "“Patch Management” is an example of which kind of control?", "Shared Controls"],
      ["example", 36, "Configuration Management (Shared Controls): what does each side do?", "AWS maintains the configuration of its infrastructure devices, but a customer is responsible for configuring their own guest operating systems, databases, and applications."],
      ["group", 36, "“Configuration Management” is an example of which kind of control?", "Shared Controls"],
      ["example", 38, "Awareness & Training (Shared Controls): what does each side do?", "AWS trains AWS employees, but a customer must train their own employees."],
      ["group", 38, "“Awareness & Training” is an example of which kind of control?", "Shared Controls"],
    ],
    skipped: [[5, "link only"]],
  },
  '004_460012b02a8b11d8.txt': {
    cards: [
      ["term", 23, "AWS verantwoordelijkheid: \"Beveiliging *van* de cloud\"", "AWS is verantwoordelijk voor het beschermen van de infrastructuur die alle services uitvoert die worden aangeboden in de AWS Cloud. Deze infrastructuur bestaat uit de hardware, software, netwerken en faciliteiten die AWS Cloud-services uitvoeren."],
      ["term", 25, "Verantwoordelijkheid van de klant: \"Beveiliging *in* de cloud\"", "De verantwoordelijkheid van de klant wordt bepaald door de AWS Cloud-services die een klant selecteert. Dit bepaalt de hoeveelheid configuratiewerk die de klant moet uitvoeren als onderdeel van zijn beveiligingsverantwoordelijkheden. De verantwoordelijkheid van de klant varieert op basis van vele factoren, waaronder de AWS-services en regio's die ze kiezen, de integratie van die services in hun IT-omgeving en de wet- en regelgeving die van toepassing is op hun organisatie en werklast."],
    ],
    skipped: [[10, "sources section"], [12, "sources section"], [14, "sources section"], [17, "problems/challenges section"], [21, "image"]],
  },
};

const read = (file: string): string => readFileSync(join(__dirname, 'fixtures/notes', file), 'utf8');

describe('cards from the seed notes', () => {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file}: ${expected.cards.length} cards`, () => {
      const { cards, skipped } = generateCards(read(file), file);
      expect(cards.map((c): Row => [c.kind, c.source.line, c.front, c.back])).toEqual(expected.cards);
      expect(skipped.map((s) => [s.line, s.reason])).toEqual(expected.skipped);
      for (const c of cards) {
        expect(c.source.file).toBe(file);
        expect(c.note.startsWith(`${file}:`)).toBe(true);
        expect(c.context.length).toBeGreaterThan(0);
        expect(c.tags).toHaveLength(new Set(c.context).size);
        for (const t of c.tags) expect(t).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      }
    });
  }

  it('carries the heading path as context and as tags', () => {
    const card = generateCards(read('000_5a741492ac9e5253.txt'), 'x').cards.find((c) => c.front === 'Inherited Controls');
    expect(card?.context).toEqual(['Shared Responsability Model', 'Opdracht', 'Below are examples of controls that are managed by AWS, AWS Customers and/or both.']);
    expect(card?.tags).toEqual(['shared-responsability-model', 'opdracht', 'below-are-examples-of-controls-that-are-managed-by']);
    const dutch = generateCards(read('004_460012b02a8b11d8.txt'), 'x').cards[0];
    expect(dutch?.context).toEqual(['Shared responsibility model', 'Opdracht', 'Resultaat']);
    expect(dutch?.source.line).toBe(23);
  });

  it('every control type with its examples, in all three notes that list them', () => {
    for (const file of ['000_5a741492ac9e5253.txt', '002_74fe2def9db6d69b.txt']) {
      const groups = generateCards(read(file), file).cards.filter((c) => c.kind === 'group');
      expect(groups.map((c) => [c.fields[0], c.back])).toEqual([
        ['Physical and Environmental controls', 'Inherited Controls'],
        ['Patch Management', 'Shared Controls'],
        ['Configuration Management', 'Shared Controls'],
        ['Awareness & Training', 'Shared Controls'],
        ['Service and Communications Protection or Zone Security', 'Customer Specific'],
      ]);
    }
    const shared = generateCards(read('003_9b584a1210178e5e.txt'), 'x').cards.filter((c) => c.kind === 'group');
    expect(shared.map((c) => c.fields[0])).toEqual(['Patch Management', 'Configuration Management', 'Awareness & Training']);
  });

  it('each example is one note with an explanation card and a "which group" card', () => {
    const notes = notesFromCards(generateCards(read('000_5a741492ac9e5253.txt'), 'x').cards);
    const examples = notes.filter((n) => n.key.startsWith('x:example '));
    expect(examples.map((n) => n.cards.map((c) => c.ord))).toEqual([[1], [0, 1], [0, 1], [0, 1], [0, 1]]);
    expect(notes.every((n) => n.kind === 'generated')).toBe(true);
  });
});
