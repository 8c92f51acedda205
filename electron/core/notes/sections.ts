// Classifying section headings and short labels (English and Dutch) for the notes→cards generator.
import { stripMarks } from './text';

function clean(heading: string): string {
  return stripMarks(heading)
    .replace(/[\p{Extended_Pictographic}\uFE0F]/gu, '')
    .replace(/[:.!?]+$/, '')
    .replace(/^[\s#*-]+/, '')
    .trim()
    .toLowerCase();
}

const KEY_TERMS = /^(key[\s-]*terms?|key[\s-]*terminology|terminology|terms|important terms|definitions?|glossary|vocabulary|concepts|key concepts|begrippen(lijst)?|kernbegrippen|belangrijke begrippen|definities|woordenlijst|termen|terminologie|sleutelbegrippen|key words|keywords|trefwoorden)$/;
const SOURCES = /^(sources?|used sources|bronnen|gebruikte bronnen|bronvermelding|references?|referenties|links|useful links|nuttige links|bibliography|literatuur|further reading|resources|meer lezen)$/;
const PROBLEMS = /^(problems?( encountered)?|encountered problems|issues( encountered)?|chall[ae]nges?|overcome chall[ae]n?ges?|overcoming chall[ae]n?ges?|chall[ae]n?ges overcome|ervaren problemen|problemen|ondervonden problemen|tegengekomen problemen|obstakels|moeilijkheden|uitdagingen|difficulties|struggles|lessons learned|reflectie|reflection)$/;
const EXAMPLES = /^(examples?( include)?|for example|examples are|voorbeelden|voorbeeld|bijvoorbeeld)$/;
// How the student did the assignment: steps, results, screenshots. Never a term.
const PROCESS = /^(steps?( i took| taken)?|stappen(plan)?|werkwijze|aanpak|approach|uitvoering|execution|procedure|installation|installatie|setup|how i did it|what i did|wat ik (heb )?gedaan( heb)?|screenshots?|demo|lab|walkthrough|results?|resultaten|resultaat|opdracht(en)?|assignments?|exercises?|oefening(en)?|tasks?|taken|purpose|doel|learning goals?|leerdoelen)$/;

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
const LABELS = /^(note|notes|nb|n\.b\.|tip|tips|warning|waarschuwing|important|belangrijk|let op|opmerking|example|examples|voorbeeld|voorbeelden|answer|antwoord|question|vraag|source|sources|bron|bronnen|todo|to do|summary|samenvatting|conclusion|conclusie|overview|overzicht|result|results|resultaat|opdracht|exercise|assignment|edit|update|tl;?dr|tldr|recap|intro|introduction|inleiding|background|achtergrond|context|pros?|cons?|voordelen?|nadelen?|advantages?|disadvantages?|date|datum|status|author|auteur|tags?|level|niveau|duration|duur|deadline|goal|doel|remember|onthoud|info|fyi|ps|p\.s\.|yes|no|ja|nee|done|klaar)$/;
// "Week 4", "Stap 2", "Lab 3": a place in the course, not a concept.
const NUMBERED = /^(week|day|dag|les|lesson|module|lab|part|deel|chapter|hoofdstuk|step|stap|sprint|session|sessie|opdracht|exercise|oefening|task|taak|unit|blok)\s*\d+[a-z]?$/;
// "Tip voor het examen", "Exam tip", "Note on pricing": a label with a few words of topic.
const LABEL_PHRASE = /^((exam|examen)\s*tips?|examentips?|(tip|tips|note|nb|let op|opmerking|warning|reminder|waarschuwing|pro tip)\b.{0,40})$/;
// "Samenvatting week 1", "Notes chapter 3", "Key takeaways": what the note is, not a concept.
const NOTE_PART =
  /^((summary|samenvatting|recap|notes|aantekeningen|notities|overview|overzicht)\s+((of|van)\s+)?(week|day|dag|les|lesson|module|chapter|hoofdstuk|part|deel)\s*\d+[a-z]?|(key\s+)?takeaways|key points|main points|highlights|belangrijkste punten|(my|mijn|eigen)\s+(notes|aantekeningen|notities))$/;

/** Structural note sections (assignment, results, sources, steps …) that end a key-terms block. */
export function isStructuralHeading(heading: string): boolean {
  const h = clean(heading);
  return isLabel(heading) || skipSectionReason(heading) !== null || PROCESS.test(h);
}

export function isLabel(term: string): boolean {
  const t = clean(term);
  return LABELS.test(t) || NUMBERED.test(t) || LABEL_PHRASE.test(t) || NOTE_PART.test(t);
}
