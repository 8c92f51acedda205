// Classifying section headings (English and Dutch) for the notes→cards generator.
import { stripMarks } from './text';

function clean(heading: string): string {
  return stripMarks(heading).replace(/[:.!?]+$/, '').replace(/^[\s#*-]+/, '').trim().toLowerCase();
}

const KEY_TERMS = /^(key[\s-]*terms?|key[\s-]*terminology|terminology|terms|important terms|definitions?|glossary|vocabulary|concepts|key concepts|begrippen(lijst)?|kernbegrippen|belangrijke begrippen|definities|woordenlijst|termen|terminologie)$/;
const SOURCES = /^(sources?|used sources|bronnen|gebruikte bronnen|bronvermelding|references?|referenties|links|useful links|nuttige links|bibliography|literatuur|further reading)$/;
const PROBLEMS = /^(problems?( encountered)?|encountered problems|issues( encountered)?|chall[ae]nges?|overcome chall[ae]n?ges?|overcoming chall[ae]n?ges?|chall[ae]n?ges overcome|ervaren problemen|problemen|ondervonden problemen|obstakels|moeilijkheden|uitdagingen|difficulties)$/;
const EXAMPLES = /^(examples?( include)?|for example|examples are|voorbeelden|voorbeeld|bijvoorbeeld)$/;

export function isKeyTermsHeading(heading: string): boolean {
  return KEY_TERMS.test(clean(heading));
}

/** Why a whole section is no source of cards, or null. */
export function skipSectionReason(heading: string): string | null {
  const h = clean(heading);
  if (SOURCES.test(h)) return 'sources section';
  if (PROBLEMS.test(h)) return 'problems/challenges section';
  return null;
}

export function isExamplesHeading(heading: string): boolean {
  return EXAMPLES.test(clean(heading));
}

/** A paragraph that ends by announcing a list of examples ("Examples include:", "Voorbeelden:"). */
export const EXAMPLES_MARKER = /(?:^|[\s.;,])(examples?(?:\s+(?:include|are|of this|of these))?|for\s+example|e\.g\.|such as|voorbeelden(?:\s+(?:zijn|hiervan))?|voorbeeld(?:\s+hiervan)?|bijvoorbeeld|zoals)\s*:\s*$/i;

/** Labels that look like a bold term but are not one. */
const LABELS = /^(note|nb|n\.b\.|tip|tips|warning|waarschuwing|important|belangrijk|let op|opmerking|example|examples|voorbeeld|voorbeelden|answer|antwoord|question|vraag|source|sources|bron|bronnen|todo|summary|samenvatting|conclusion|conclusie|overview|overzicht|result|results|resultaat|opdracht|exercise|assignment|step \d+|stap \d+|edit|update)$/;

/** Structural note sections (assignment, results, sources …) that end a key-terms block. */
export function isStructuralHeading(heading: string): boolean {
  return isLabel(heading) || skipSectionReason(heading) !== null;
}

export function isLabel(term: string): boolean {
  return LABELS.test(clean(term));
}
