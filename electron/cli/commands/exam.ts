// The exam profile, FSRS parameters and practice tests from the command line:
// `exam`, `optimize`, `retention`, `practice`.
import { resolveDeck } from '../../core/decks';
import { applyParameters, optimize, RETENTION_RANGE } from '../../core/exam/optimizer';
import { answerPractice, finishPractice, practiceHistory, practiceQuestions, practiceResult, startPractice, MAX_QUESTIONS } from '../../core/exam/practice';
import { ensureActiveExam, mapDeckToDomain, parseExamDate, setExamAware, setExamDate, unmapDeck, type ExamProfile } from '../../core/exam/profile';
import {
  addDomain,
  createBlankExam,
  mapTagToDomain,
  moveDomain,
  removeDomain,
  resetToPreset,
  unmapTag,
  updateDomain,
  updateExamDetails,
  type ExamDetails,
} from '../../core/exam/editExam';
import { MEMBERSHIP_RULE } from '../../core/exam/membership';
import { retentionWorkload } from '../../core/exam/projection';
import type { OptimizeResult, PracticeResult, RetentionWorkload } from '../../shared/contract';
import { noExtra, optionString, pad, UsageError, type Command, type CommandContext, type Output } from '../command';

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);

function examText(e: ExamProfile): string {
  return [
    `${e.name}: ${e.examDate ? `exam on ${e.examDate}` : 'no exam date set'}; pass mark ${e.passMark} of ${e.maxScore}, ` +
      `${e.totalQuestions} questions (${e.scoredQuestions} scored); exam-aware scheduling ${e.examAwareScheduling ? 'on' : 'off'}.`,
    ...e.domains.map((d) => {
      const feeds = [...d.decks.map((k) => k.name), ...d.tags.map((t) => `tag ${t}`)];
      return `  ${pad(d.name, 34)}${pad(`${d.weight}`, 6)}${feeds.length ? feeds.join(', ') : 'uncovered (no deck or tag)'}`;
    }),
    `  ${MEMBERSHIP_RULE}`,
  ].join('\n');
}

function onOff(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  if (text === 'on') return true;
  if (text === 'off') return false;
  throw new UsageError(`--exam-aware "${text}" must be on or off.`);
}

/** A --NAME option holding a whole number above 0, or undefined; the core checks the ranges. */
function wholeOption(ctx: CommandContext, name: string): number | undefined {
  const text = optionString(ctx, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`--${name} "${text}" must be a whole number above 0.`);
  return Number(text);
}

function weightOf(text: string | undefined, usage: string): number {
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text.trim())) throw new UsageError(`${usage} needs a weight such as 30 (a number above 0)${text === undefined ? '' : `, not "${text}"`}.`);
  return Number(text);
}

/** A domain of the exam by name (without case) or id. */
function domainOf(e: ExamProfile, text: string | undefined, usage: string): number {
  if (!text?.trim()) throw new UsageError(`${usage} needs a domain name.`);
  const name = text.trim();
  const d = e.domains.find((x) => x.name.toLowerCase() === name.toLowerCase()) ?? e.domains.find((x) => String(x.id) === name);
  if (!d) throw new UsageError(`"${name}" is not a domain of ${e.name} (${e.domains.map((x) => x.name).join(', ')}).`);
  return d.id;
}

// `exam domain add|rename|weight|move|remove …`, `exam reset`, `exam new NAME --domain D`: each one
// transaction on the active exam; the result is the profile.
function examAction(ctx: CommandContext, e: ExamProfile): ExamProfile {
  const { db, now } = ctx;
  const [sub, action, ...rest] = ctx.args;
  if (sub === 'reset') {
    noExtra(ctx, 'exam reset', 1);
    return resetToPreset(db, now);
  }
  if (sub === 'new') {
    noExtra(ctx, 'exam new', 2);
    if (!action?.trim()) throw new UsageError('"exam new" needs a name, e.g. exam new "My exam" --domain "Everything".');
    return createBlankExam(db, now, { name: action, domain: optionString(ctx, 'domain') ?? 'General' });
  }
  if (sub !== 'domain') throw new UsageError(`"exam" takes domain, reset or new, not "${sub}".`);
  const need = (n: number, usage: string) => {
    if (rest.length < n) throw new UsageError(`"exam domain ${action}" needs ${usage}.`);
    if (rest.length > n) throw new UsageError(`"exam domain ${action}" does not take "${rest[n]}".`);
  };
  switch (action) {
    case 'add':
      need(1, 'a name and --weight, e.g. exam domain add "Networking" --weight 20');
      return addDomain(db, e.id, { name: rest[0]!, weight: weightOf(optionString(ctx, 'weight'), '"exam domain add"') });
    case 'rename':
      need(2, 'a domain and its new name, e.g. exam domain rename "Cloud Concepts" "Concepts"');
      return updateDomain(db, domainOf(e, rest[0], '"exam domain rename"'), { name: rest[1]! });
    case 'weight':
      need(2, 'a domain and a weight, e.g. exam domain weight "Cloud Concepts" 26');
      return updateDomain(db, domainOf(e, rest[0], '"exam domain weight"'), { weight: weightOf(rest[1], '"exam domain weight"') });
    case 'move':
      need(2, 'a domain and up or down, e.g. exam domain move "Cloud Concepts" down');
      if (rest[1] !== 'up' && rest[1] !== 'down') throw new UsageError(`"exam domain move" takes up or down, not "${rest[1]}".`);
      return moveDomain(db, domainOf(e, rest[0], '"exam domain move"'), rest[1]);
    case 'remove':
      need(1, 'a domain, e.g. exam domain remove "Cloud Concepts"');
      return removeDomain(db, domainOf(e, rest[0], '"exam domain remove"'));
    default:
      throw new UsageError(`"exam domain" needs one of add, rename, weight, move or remove${action ? `, not "${action}"` : ''}.`);
  }
}

// `exam`: shows the active exam (the CLF-C02 preset is installed when there is none); --date sets
// or clears ("none") its date, --exam-aware turns exam-aware scheduling on or off, --name,
// --pass-mark, --max-score, --questions and --scored change the exam, --map maps a deck to a domain
// ("--map DECK=DOMAIN", DOMAIN "none" unmaps), --map-tag a tag ("--map-tag TAG=DOMAIN"). The
// subcommands (domain …, reset, new) are in examAction. One transaction for all changes.
function exam(ctx: CommandContext): Output {
  const { db, now } = ctx;
  const date = optionString(ctx, 'date');
  if (date !== undefined && date !== 'none' && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new UsageError(`--date "${date}" is not a date such as 2026-12-15 (YYYY-MM-DD), or none.`);
  }
  const aware = onOff(optionString(ctx, 'exam-aware'));
  const map = optionString(ctx, 'map');
  const mapTag = optionString(ctx, 'map-tag');
  const details: ExamDetails = {};
  const name = optionString(ctx, 'name');
  if (name !== undefined) details.name = name;
  for (const [option, key] of [['pass-mark', 'passMark'], ['max-score', 'maxScore'], ['questions', 'totalQuestions'], ['scored', 'scoredQuestions']] as const) {
    const value = wholeOption(ctx, option);
    if (value !== undefined) details[key] = value;
  }
  const profile = db
    .transaction(() => {
      let e = ensureActiveExam(db, now);
      if (ctx.args.length) e = examAction(ctx, e);
      if (Object.keys(details).length) e = updateExamDetails(db, e.id, details);
      if (date !== undefined) e = setExamDate(db, e.id, date === 'none' ? null : parseExamDate(date));
      if (aware !== undefined) e = setExamAware(db, e.id, aware);
      if (map !== undefined) {
        const m = /^(.+)=(.+)$/.exec(map);
        if (!m) throw new UsageError(`--map "${map}" must look like DECK=DOMAIN (a deck id or name, a domain name or none).`);
        const deck = resolveDeck(db, m[1]!.trim());
        const name = m[2]!.trim();
        if (name.toLowerCase() === 'none') unmapDeck(db, e.id, deck.id);
        else {
          const domain = e.domains.find((d) => d.name.toLowerCase() === name.toLowerCase());
          if (!domain) throw new UsageError(`"${name}" is not a domain of ${e.name} (${e.domains.map((d) => d.name).join(', ')}).`);
          mapDeckToDomain(db, deck.id, domain.id);
        }
        e = ensureActiveExam(db, now);
      }
      if (mapTag !== undefined) {
        const m = /^(.+)=(.+)$/.exec(mapTag);
        if (!m) throw new UsageError(`--map-tag "${mapTag}" must look like TAG=DOMAIN (a tag such as aws::security, a domain name or none).`);
        const target = m[2]!.trim();
        e = target.toLowerCase() === 'none' ? unmapTag(db, e.id, m[1]!) : mapTagToDomain(db, m[1]!, domainOf(e, target, '--map-tag'));
      }
      return e;
    })
    .immediate();
  return { value: profile, text: examText(profile) };
}

function workloadText(w: RetentionWorkload): string {
  return [
    `Daily workload by desired retention, ${w.from} to ${w.until} (${w.days} days${w.examDate ? `, exam on ${w.examDate}` : ''}); now ${w.current.toFixed(2)}:`,
    `  ${pad('Retention', 11)}${pad('Answers', 10)}${pad('Per day', 9)}${pad('Peak', 7)}Recall on exam day`,
    ...w.rows.map((r) => `  ${pad(r.desiredRetention.toFixed(2), 11)}${pad(String(r.totalAnswers), 10)}${pad(r.averagePerDay.toFixed(1), 9)}${pad(String(r.peak), 7)}${pct(r.predictedRecall)}`),
    `  ${w.model}`,
  ].join('\n');
}

function optimizeText(r: OptimizeResult & { workload: RetentionWorkload }): string {
  const lines = [r.message];
  if (r.applied) lines.push('The new parameters are applied.');
  else if (r.optimized && r.improved) lines.push('Run again with --apply to use them.');
  lines.push('', workloadText(r.workload));
  return lines.join('\n');
}

function practiceText(r: PracticeResult): string {
  return [
    `Practice test ${r.id}${r.exam ? ` (${r.exam})` : ''}, ${r.startedAt}: ${r.correct} of ${r.questions} correct (${pct(r.score)})` +
      `${r.scaledScore !== null ? `, ${r.scaledScore}${r.passed ? ' — a pass' : ' — below the pass mark'}` : ''}${r.timedOut ? '; time ran out' : ''}.`,
    ...r.perDomain.map((d) => `  ${pad(d.domain ?? 'No domain', 34)}${d.correct} of ${d.questions} (${pct(d.questions ? d.correct / d.questions : null)})`),
  ].join('\n');
}

function positiveInt(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${name} "${text}" must be a whole number above 0.`);
  return Number(text);
}

// `practice start|show|answer|finish|results`.
function practice(ctx: CommandContext): Output {
  const { db, now } = ctx;
  const [sub, ...rest] = ctx.args;
  const id = (text: string | undefined, what: string) => {
    if (!text || !/^\d+$/.test(text)) throw new UsageError(`"practice ${sub}" needs ${what}.`);
    return Number(text);
  };
  switch (sub) {
    case 'start': {
      if (rest.length) throw new UsageError(`"practice start" does not take "${rest[0]}".`);
      const questions = positiveInt(optionString(ctx, 'questions'), '--questions', 20);
      if (questions > MAX_QUESTIONS) throw new UsageError(`--questions must be at most ${MAX_QUESTIONS}.`);
      const minutesText = optionString(ctx, 'minutes');
      const minutes = minutesText === undefined ? null : positiveInt(minutesText, '--minutes', 0);
      const deckName = optionString(ctx, 'deck');
      const test = startPractice(db, now, { questions, minutes, deckId: deckName ? resolveDeck(db, deckName).id : null });
      return show(ctx, test.id);
    }
    case 'show':
      noExtra(ctx, 'practice', 2);
      return show(ctx, id(rest[0], 'a test id, e.g. practice show 1'));
    case 'answer': {
      noExtra(ctx, 'practice', 4);
      const testId = id(rest[0], 'a test id, a question number and a choice, e.g. practice answer 1 3 B');
      const position = id(rest[1], 'a question number, e.g. practice answer 1 3 B');
      const choiceText = (rest[2] ?? '').trim();
      const choice = /^[a-z]$/i.test(choiceText) ? choiceText.toUpperCase().charCodeAt(0) - 65 : /^\d+$/.test(choiceText) ? Number(choiceText) : NaN;
      if (Number.isNaN(choice)) throw new UsageError(`"${choiceText}" is not a choice: use a letter (A, B, …) or its number (0, 1, …).`);
      const r = answerPractice(db, now, { testId, position, choice });
      const letter = (i: number) => String.fromCharCode(65 + i);
      return { value: r, text: `${r.isCorrect ? 'Correct' : `Wrong: the answer is ${letter(r.correct)}`}. ${r.remaining} question${r.remaining === 1 ? '' : 's'} left.` };
    }
    case 'finish': {
      noExtra(ctx, 'practice', 2);
      const r = finishPractice(db, now, id(rest[0], 'a test id, e.g. practice finish 1'));
      return { value: r, text: practiceText(r) };
    }
    case 'results': {
      if (rest[0] !== undefined) {
        noExtra(ctx, 'practice', 2);
        const r = practiceResult(db, now, id(rest[0], 'a test id'));
        return { value: r, text: practiceText(r) };
      }
      const all = practiceHistory(db, now);
      return { value: all, text: all.length ? all.map(practiceText).join('\n\n') : 'No practice test has been finished yet.' };
    }
    default:
      throw new UsageError(`"practice" needs one of start, show, answer, finish or results${sub ? `, not "${sub}"` : ''}.`);
  }
}

function show(ctx: CommandContext, testId: number): Output {
  const { test, questions } = practiceQuestions(ctx.db, ctx.now, testId);
  const value = {
    id: test.id,
    startedAt: new Date(test.started_at).toISOString(),
    deadline: test.time_limit_ms === null ? null : new Date(test.started_at + test.time_limit_ms).toISOString(),
    finishedAt: test.finished_at === null ? null : new Date(test.finished_at).toISOString(),
    questions,
  };
  const letter = (i: number) => String.fromCharCode(65 + i);
  const text = [
    `Practice test ${test.id}: ${questions.length} questions${value.deadline ? `, until ${value.deadline}` : ''}${value.finishedAt ? ' (finished)' : ''}.`,
    ...questions.flatMap((q) => [
      '',
      `${q.position}. [${q.domain ?? q.deck ?? 'No domain'}] ${q.prompt}`,
      ...q.choices.map((c, i) => `   ${letter(i)}. ${c.replace(/\n/g, ' ')}${q.chosen === i ? '  ← your answer' : ''}${q.correct === i ? '  ✓' : ''}`),
    ]),
    '',
    `Answer with: practice answer ${test.id} QUESTION LETTER`,
  ];
  return { value, text: text.join('\n') };
}

export const examCommands: Command[] = [
  {
    name: 'exam',
    usage: [
      'exam [--date YYYY-MM-DD|none] [--exam-aware on|off] [--map DECK=DOMAIN|none] [--map-tag TAG=DOMAIN|none]',
      '     [--name TEXT] [--pass-mark N] [--max-score N] [--questions N] [--scored N]',
      '                                       show or change the active exam (CLF-C02 by default)',
      'exam domain add NAME --weight W | rename DOMAIN NEW | weight DOMAIN W | move DOMAIN up|down | remove DOMAIN',
      '                                       edit the exam\'s domains (removing one drops its mappings)',
      'exam reset | exam new NAME [--domain D]',
      '                                       start again from the CLF-C02 preset / a blank exam',
    ],
    options: {
      date: { type: 'string' },
      'exam-aware': { type: 'string' },
      map: { type: 'string' },
      'map-tag': { type: 'string' },
      name: { type: 'string' },
      'pass-mark': { type: 'string' },
      'max-score': { type: 'string' },
      questions: { type: 'string' },
      scored: { type: 'string' },
      weight: { type: 'string' },
      domain: { type: 'string' },
    },
    run: exam,
  },
  {
    name: 'optimize',
    usage: [
      'optimize [--apply]                     fit FSRS parameters to your review history (log loss and',
      '                                       RMSE before and after) and the workload per retention',
    ],
    options: { apply: { type: 'boolean', default: false } },
    async run(ctx) {
      noExtra(ctx, 'optimize', 0);
      const r = await optimize(ctx.db, { onProgress: (current, total) => total && ctx.progress(`Optimizing: ${current}/${total}`) });
      let applied = false;
      if (ctx.values.apply && r.optimized && r.improved) {
        applyParameters(ctx.db, { weights: r.optimized });
        applied = true;
      }
      const value = { ...r, applied, workload: retentionWorkload(ctx.db, ensureActiveExam(ctx.db, ctx.now), ctx.now) };
      return { value, text: optimizeText(value) };
    },
  },
  {
    name: 'retention',
    usage: [
      'retention [VALUE]                      the daily workload each desired retention implies;',
      `                                       VALUE (${RETENTION_RANGE[0].toFixed(2)}–${RETENTION_RANGE[1].toFixed(2)}) sets the desired retention`,
    ],
    run(ctx) {
      noExtra(ctx, 'retention', 1);
      const [text] = ctx.args;
      if (text !== undefined) {
        if (!/^0?\.\d+$/.test(text)) throw new UsageError(`"${text}" is not a retention such as 0.90.`);
        applyParameters(ctx.db, { desiredRetention: Number(text) });
      }
      const w = retentionWorkload(ctx.db, ensureActiveExam(ctx.db, ctx.now), ctx.now);
      return { value: w, text: workloadText(w) };
    },
  },
  {
    name: 'practice',
    usage: [
      'practice start [--questions N] [--minutes M] [--deck ID_OR_NAME]',
      '                                       a multiple-choice test weighted by the exam\'s domains',
      'practice show|finish TEST_ID          its questions / end it and score it',
      'practice answer TEST_ID QUESTION CHOICE',
      '                                       answer a question (CHOICE: A, B, … or 0, 1, …)',
      'practice results [TEST_ID]             finished tests over time, scored per domain',
    ],
    options: { questions: { type: 'string' }, minutes: { type: 'string' }, deck: { type: 'string' } },
    run: practice,
  },
];
