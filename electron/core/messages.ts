// The core's sentences, as data. A user-facing error (or skip reason, notice, …) is made with
// msg(id, params): the English template below gives the sentence the CLI prints and logs show, and
// the id and params travel with it (StratusError.id/params, IPC's ApiErrorShape) so the renderer
// can say it in the UI's language from its catalogues renderer/src/locales/{en,nl}/core.json,
// where the same ids live under `core.`. tests/unit/coreMessages.test.ts fails when an id is
// missing from either catalogue or the {{placeholders}} differ.
//
// Adding a sentence: a line below, the same English under its id in locales/en/core.json (the test
// checks they match) and a Dutch one in locales/nl/core.json; then throw with it, e.g.
// `throw new InvalidArgumentError(msg('deck.exists', { name }))`.
//
// Conventions (the same as i18next's, which the renderer uses):
// - `{{name}}` is replaced by params.name. A param that is itself a sentence or a word to translate
//   (a field name, the detail of an error) is a nested message from msg(); numbers stay numbers
//   (formatted here with English digit grouping, in the renderer in the UI's language), and ids,
//   line numbers and names a user typed are passed as strings so nobody formats them.
// - Plurals: ids `x_one` / `x_other` and a numeric `count` param; msg('x', { count }) picks one.
// - Never write a literal `{{` in a template (i18next would read it as a placeholder): pass it
//   as a param (see note.clozeEmpty).
// Pure: no imports besides types, so any part of the core (and later exam/, study.ts) can use it.
import type { CoreMessage, CoreMessageParams } from '../shared/contract';

export type { CoreMessage, CoreMessageParams };

export const MESSAGES = {
  // --- Wrappers: a file (and line) with the detail after it ------------------------------------
  'file.detail': '{{file}}: {{detail}}',
  'file.lineDetail': '{{file}}, line {{line}}: {{detail}}',

  // --- IPC (electron/main/ipc.ts) -----------------------------------------------------------------
  'ipc.untrusted': 'This request did not come from the Stratus window and was refused.',
  'ipc.invalidRequest': 'Invalid request to {{channel}}: {{detail}}.',
  'ipc.internal': 'Something went wrong inside Stratus; your data was not changed.',

  // --- Settings and deck options ------------------------------------------------------------------
  'setting.notDeckOption': '"{{key}}" is not a deck option.',
  'setting.badDeckOption': 'The deck option "{{key}}" {{problem}}.',
  'setting.notSetting': '"{{key}}" is not a setting.',
  'setting.badSetting': 'The setting "{{key}}" {{problem}}.',
  'setting.notAppSetting': '"{{key}}" is not an app setting.',
  'setting.problem.wholeNumber': 'must be a whole number from {{min}} to {{max}}',
  'setting.problem.boolean': 'must be true or false',
  'setting.problem.oneOf': 'must be one of {{values}}',
  'setting.problem.retention': 'must be a number from 0.70 to 0.99',
  'setting.problem.weights': 'must be null or a list of 21 numbers (FSRS-6)',
  'setting.problem.stepsList': 'must be a list of steps like ["1m", "10m"]',
  'setting.problem.badStep': 'has an invalid step {{step}} (use minutes, hours or days: "10m", "1h", "1d")',

  // --- Decks and presets --------------------------------------------------------------------------
  'deck.nameMissing': 'A deck needs a name.',
  'deck.nameEmptyPart': 'The deck name "{{name}}" has an empty part; write it like "Parent::Child".',
  'deck.nameTooLong': 'A deck name can be at most {{max}} characters long.',
  'deck.notFound': 'There is no deck with id {{id}}.',
  'deck.notFoundByName': 'There is no deck called "{{name}}" (run the "decks" command to list them).',
  'deck.exists': 'There is already a deck called "{{name}}".',
  'deck.intoItself': '"{{name}}" can\u2019t be moved inside itself.',
  'preset.notFound': 'There is no deck options preset with id {{id}}.',
  'preset.nameMissing': 'A preset needs a name.',
  'preset.nameTooLong': 'A preset name can be at most {{max}} characters long.',
  'preset.exists': 'There is already a preset called "{{name}}".',
  'preset.defaultUndeletable': 'The Default preset can\u2019t be deleted.',

  // --- Cards, notes and the editor ------------------------------------------------------------------
  'card.notFound': 'There is no card with id {{id}}.',
  'note.notFound': 'There is no note with id {{id}}.',
  'note.someGone': 'Some of those notes no longer exist.',
  'note.badKind': '"{{kind}}" is not a note type (use basic, reversed or cloze).',
  'note.tooManyFields': 'A {{kind}} note has 2 fields, not {{count}}.',
  'note.fieldTooLong': 'Field {{field}} is longer than {{max}} characters.',
  'note.clozeEmpty': 'The cloze text has no deletion; mark one like {{example}}.',
  'note.frontEmpty': 'The front is empty.',
  'note.backEmptyReversed': 'The back is empty; a reversed note asks it as a question too.',
  'note.noFields': 'Note {{id}} has no fields to edit; edit its cards one by one instead.',
  'note.cardNotOfNote': 'Card {{card}} is not a card of note {{note}}.',
  'note.cardFrontEmpty': 'The front of card {{card}} is empty.',
  'note.cardSideTooLong': 'A side of card {{card}} is longer than {{max}} characters.',
  'undo.conflictDeck': 'This can\u2019t be undone: there is a deck called "{{name}}" now; rename or delete it first.',
  'undo.conflictPreset': 'This can\u2019t be undone: there is a preset called "{{name}}" now; rename or delete it first.',
  'undo.conflictNote': 'This can\u2019t be undone: the note was imported again since; delete that copy first.',
  'undo.conflictRow': 'This can\u2019t be undone: a {{table}} row it would restore conflicts with the collection as it is now.',

  // --- Search box (search.ts) -----------------------------------------------------------------------
  'search.quoteNotClosed': 'The quote in {{text}} is never closed.',
  'search.orNeedsTermAfter': '"{{word}}" needs a search term after it.',
  'search.andNeedsBothSides': '"{{word}}" needs a search term on both sides.',
  'search.orNeedsTermBefore': '"{{word}}" needs a search term before it.',
  'search.emptyParentheses': 'The parentheses "()" are empty.',
  'search.minusNeedsTerm': '"-" must be followed by a search term.',
  'search.parenNotClosed': 'A "(" is never closed with ")".',
  'search.unexpected': 'Unexpected "{{text}}".',
  'search.unmatchedClose': 'There is a ")" without a matching "(".',
  'search.unknownKey': '"{{text}}": "{{key}}:" is not a search key (use {{keys}}; write \\: for a plain colon).',
  'search.needsValue': '"{{text}}" needs a value after the colon.',
  'search.badFlag': '"{{text}}": a flag is a number from 0 (none) to 7.',
  'search.badRated': '"{{text}}": use rated:N (days, at least 1) or rated:N:R (R = rating 1\u20134).',
  'search.badDays': '"{{text}}": use {{key}}:N with N days (at least 1).',
  'search.badIds': '"{{text}}": use {{key}}: with ids separated by commas, e.g. {{key}}:12,15.',
  'search.notATerm': '"{{text}}" is not a search term.',
  'search.badIs': '"{{text}}": use is:new, is:learn, is:review, is:due, is:suspended, is:buried, is:marked or is:flagged.',
  'search.badProp': '"{{text}}": write prop: as a property, an operator and a number, e.g. prop:s>10 or prop:r<0.8.',
  'search.unknownProp': '"{{text}}": "{{prop}}" is not a property (use {{props}}).',

  // --- Card browser (browse.ts) ---------------------------------------------------------------------
  'browse.badColumn': '"{{column}}" is not a browser column (use {{columns}}).',
  'browse.badOffset': 'The page offset must be a whole number, 0 or more.',
  'browse.badLimit': 'The page size must be a whole number from 1 to {{max}}.',
  'browse.tooManyRows': 'At most {{max}} rows can be fetched at once.',
  'browse.noSelection': 'Select at least one card.',
  'browse.tagTooLong': 'The tag "{{tag}}\u2026" is longer than 100 characters.',
  'browse.badFlag': 'A flag is a number from 0 (none) to 7.',
  'browse.badAction': '"{{kind}}" is not a bulk action.',
  'browse.noTags': 'Give at least one tag.',
  'browse.dateInPast': 'The date {{day}} is in the past; choose today or a later day.',

  // --- Backups and the collection file --------------------------------------------------------------
  'backup.inMemory': 'An in-memory collection has no file to back up.',
  'backup.inMemoryRestore': 'An in-memory collection can\u2019t be restored into.',
  'backup.notWritten': 'the backup could not be written ({{detail}}).',
  'backup.noSuchFile': '{{file}}: there is no such file.',
  'backup.badName': '"{{file}}" is not the name of a Stratus backup.',
  'backup.notFound': 'There is no backup called "{{file}}".',
  'collection.cantOpen': 'can\u2019t be opened ({{detail}}).',
  'collection.cantOpenPlain': 'can\'t be opened ({{detail}}).',
  'collection.notSqlite': 'is not a Stratus collection (it is not an SQLite database).',
  'collection.notStratus': 'is not a Stratus collection.',
  'collection.newer': 'was written by a newer version of Stratus (collection version {{version}}, this app reads up to {{known}}).',
  'collection.damaged': 'is damaged (SQLite integrity check: {{detail}}).',
  'collection.incomplete': 'is not a complete Stratus collection (it has no {{table}} table).',
  'collection.notSqliteUntouched': 'is not a Stratus collection (it is not an SQLite database), so it was left untouched.',
  'collection.otherSqliteUntouched': 'is not a Stratus collection (it is another SQLite database), so it was left untouched.',
  'collection.newerUntouched':
    'was written by a newer version of Stratus (collection version {{version}}, this app reads up to {{known}}); update Stratus to open it \u2014 the file was left untouched.',

  // --- Export ---------------------------------------------------------------------------------------
  'export.isCollection': '{{file}} is the collection itself; choose another file to export to.',
  'export.notWritten': '{{file}} could not be written ({{reason}}); nothing was exported.',
  'export.reason.noFolder': 'its folder does not exist',
  'export.reason.notAllowed': 'Stratus is not allowed to write there',
  'export.reason.isFolder': 'it is a folder',
  'export.reason.diskFull': 'the disk is full',

  // --- Import: choosing and reading files (import/read.ts, text.ts) --------------------------------
  'import.nothingGiven': 'no file or folder was given to import.',
  'import.notRegular': 'this is not a regular file or folder.',
  'import.fileTooBig': 'the file is {{size}}, more than the {{max}} Stratus imports from one file.',
  'import.noSuchFile': 'there is no such file or folder.',
  'import.notAllowed': 'Stratus is not allowed to read it.',
  'import.cantRead': 'it can\'t be read ({{detail}}).',
  'import.unsupported': 'this is {{kind}}, which Stratus can\'t import; it imports {{supported}}.',
  'import.kind.colpkg': 'an Anki collection backup (.colpkg); in Anki, export the deck as a .apkg package instead',
  'import.kind.extension': 'a {{ext}} file',
  'import.kind.noExtension': 'a file without an extension',
  'import.supported': 'Markdown notes (.md, .txt), CSV/TSV (.csv, .tsv, .txt), Anki packages (.apkg) or Stratus JSON exports (.json)',
  'import.folderTooBig': 'the folder holds {{size}} of notes, more than the {{max}} Stratus imports at once; import its subfolders one at a time.',
  'import.folderEmpty': 'the folder has no notes (.md, .markdown, .txt, .csv or .tsv files) in it or its subfolders.',
  'import.folderCantRead': 'the folder can\'t be read ({{detail}}).',
  'import.folderTooManyFiles': 'the folder holds more than {{max}} files; import its subfolders one at a time.',
  'import.text.empty': 'the file is empty.',
  'import.text.tooBig': 'the file is {{size}}, more than the {{max}} this importer reads; split it into smaller files.',
  'import.text.utf16': 'the file is UTF-16 text; save it as UTF-8 and import it again.',
  'import.text.binary': 'the file contains binary data (a NUL byte), so it is not a text file Stratus can import.',
  'import.text.notUtf8': 'the file is not valid UTF-8 text; save it as UTF-8 and import it again.',
  'import.text.controlChars': 'the file is full of control characters, so it looks like binary data rather than text.',
  'import.text.blank': 'the file has only blank lines.',
  'import.text.lineTooLong': 'the line is {{length}} characters long, more than the {{max}} allowed; is this really a text file?',

  // --- Import: CSV/TSV ------------------------------------------------------------------------------
  'import.csv.tooManyHeaderLines': 'the file has more than 200 header lines; is it really a CSV file?',
  'import.csv.noRows': 'the file has no rows of cards, only header lines, comments or column names.',
  'import.csv.badColumn': '"#{{key}}:" needs a column number such as 1, not "{{value}}".',
  'import.csv.badSeparator': '"#separator:{{value}}" is not a separator Stratus knows; use tab, comma, semicolon, pipe, space or colon.',
  'import.csv.badHtml': '"#html:" must be true or false, not "{{value}}".',
  'import.csv.noSeparator': 'no separator found: each line needs a front and a back separated by a tab, comma or semicolon.',
  'import.csv.noTextColumn': 'every column is a guid, note type, deck or tags column; there is no column with the cards\u2019 text.',

  // --- Import: Stratus JSON, Markdown, the plan -----------------------------------------------------
  'import.json.invalid': 'the file is not valid JSON ({{detail}}).',
  'import.json.schema': '{{path}} {{detail}}.',
  'import.json.schemaMissing': '{{path}} is missing ({{detail}}).',
  'import.json.notStratus':
    'the file is JSON but not a Stratus export (it has no "format": "stratus"); Stratus imports its own JSON exports, Markdown, CSV/TSV and Anki packages.',
  'import.json.newer': 'the export was made by a newer Stratus (format version {{version}}; this app reads version {{known}}); update Stratus to import it.',
  'import.markdown.unreadable': 'the notes could not be read as Markdown ({{detail}}).',
  'import.deckNameEmpty': 'The deck name is empty; give the deck a name.',
  'import.deckNameTooLong': 'The deck name is longer than {{max}} characters; choose a shorter name.',
  'import.idsExhausted': 'The collection\u2019s card ids have reached their limit, so no cards can be added; nothing was imported.',

  // --- Import: Anki packages (import/apkg.ts, anki/*) -----------------------------------------------
  // "the file …": each reason below reads after those words.
  'import.apkg.rejected': 'the file {{reason}}.',
  'import.apkg.rejectedQuestion': 'the file {{reason}}',
  'import.apkg.newerAnki': 'was made by a newer Anki than this app can read (export it again with "Support older Anki versions" ticked)',
  'import.apkg.noCollection': 'has no Anki collection inside (no collection.anki2, collection.anki21 or collection.anki21b); is it an Anki deck package?',
  'import.apkg.damagedEntry': 'has a damaged "{{entry}}" ({{detail}})',
  'import.apkg.damagedMeta': 'has a damaged "meta" entry',
  'import.apkg.notSqlite': 'has a damaged "{{entry}}" (it is not an SQLite database)',
  'import.apkg.missingTable': 'has no Anki collection in "{{entry}}" (its "{{table}}" table is missing)',
  'import.apkg.emptyCol': 'has no Anki collection in "{{entry}}" (its "col" table is empty)',
  'import.apkg.badJson': 'has a damaged "{{entry}}" (its {{what}} are not valid JSON)',
  'import.apkg.zstdDamaged': 'has a damaged "{{entry}}" (zstd: {{detail}})',
  'import.apkg.zstdTooBig': 'would expand "{{entry}}" to up to {{size}}, more than the {{max}} allowed, so it was not unpacked (a zip bomb?)',
  'import.apkg.zstdWindow': 'asks for a {{size}} window to unpack "{{entry}}", more than the {{max}} allowed, so it was not unpacked',
  'import.apkg.zstdDeclared': 'declares "{{entry}}" as {{size}}, more than the {{max}} allowed, so it was not unpacked (a zip bomb?)',
  'import.apkg.empty': 'is empty',
  'import.apkg.tooShort': 'is not an Anki package (it is too short to be a zip file)',
  'import.apkg.notZip': 'is not an Anki package (it is not a zip file)',
  'import.apkg.tooManyEntries': 'has more than {{max}} files inside, which is more than an Anki package holds (a zip bomb?), so it was not opened',
  'import.apkg.compression': 'stores "{{entry}}" with a compression method this app can\'t read (method {{method}})',
  'import.apkg.badDirectory': 'has a damaged zip directory (entry "{{entry}}")',
  'import.apkg.zipTooBig': 'would expand to more than {{max}} ("{{entry}}" alone declares {{size}}), so it was not unpacked (a zip bomb?)',
  'import.apkg.truncated': 'is damaged or incomplete (the zip directory at its end is missing; was the download cut short?)',
  'import.apkg.unzipFailed': 'is damaged or incomplete (unzipping failed: {{detail}})',

  // --- Import: why something did not become a card (the preview's skipped rows) --------------------
  'import.skip.comment': 'the line starts with "#", which marks a comment in Anki text files.',
  'import.skip.columns_one': 'the row has {{count}} column where this file\'s rows have {{width}}; is a separator missing, or one inside an unquoted field?',
  'import.skip.columns_other': 'the row has {{count}} columns where this file\'s rows have {{width}}; is a separator missing, or one inside an unquoted field?',
  'import.skip.sameGuid': 'the row has the same guid as line {{line}}.',
  'import.skip.sameFront': 'the row has the same front as line {{line}}; only the first is imported.',
  'import.skip.frontEmpty': 'the front is empty.',
  'import.skip.backEmpty': 'the back is empty (a card needs an answer).',
  'import.skip.noCloze': 'the note type is Cloze but the text has no cloze deletion like {{example}}.',
  'import.skip.noIdentity': 'the note has no identity (an empty key or guid).',
  'import.skip.noCards': 'the note has no cards.',
  'import.skip.duplicate': 'the same note as {{where}} is already in this import.',
  'import.skip.where': '{{file}} line {{line}}',
  'import.skip.badOrd': 'card {{ord}} of the note has an invalid number.',
  'import.skip.twoCards': 'the note has two cards numbered {{number}}; the second is left out.',
  'import.skip.cardFrontEmpty': 'card {{number}} of the note has an empty front.',
  'import.skip.ankiNote': 'note {{note}}: {{reason}}',
  'import.skip.anki.noNotetype': 'its note type (id {{id}}) is missing from the package',
  'import.skip.anki.noCards': 'it has no cards',
  'import.skip.anki.noTemplate': 'card {{number}} has no template in note type "{{notetype}}"',
  'import.skip.anki.emptyFront': 'card {{number}} ("{{template}}") has an empty front once images and sounds are left out',
  // The Markdown notes generator's short reasons (electron/core/notes), mapped in import/markdown.ts.
  'import.skip.md.empty': 'empty',
  'import.skip.md.noContent': 'no content',
  'import.skip.md.image': 'image',
  'import.skip.md.linkOnly': 'link only',
  'import.skip.md.placeholder': 'placeholder',
  'import.skip.md.filler': 'filler',
  'import.skip.md.notATermDefinition': 'not a term definition',
  'import.skip.md.danglingLabel': 'dangling label',
  'import.skip.md.emptyDefinition': 'empty definition',
  'import.skip.md.labelNotTerm': 'label, not a term',
  'import.skip.md.exampleNotRecognised': 'example not recognised',
  'import.skip.md.incompleteTableRow': 'incomplete table row',
  'import.skip.md.descriptiveTableRow': 'descriptive table row',
  'import.skip.md.inBothColumns': 'in both columns',
  'import.skip.md.sourcesSection': 'sources section',
  'import.skip.md.problemsSection': 'problems/challenges section',
  'import.skip.md.duplicate': 'duplicate of the card on line {{line}}',
  'import.skip.md.kindJunk': '{{kind}}: {{reason}}',
  'import.skip.md.kind.question': 'question',
  'import.skip.md.kind.list': 'list',
  'import.skip.md.kind.term': 'term',
  'import.skip.md.kind.acronym': 'acronym',
  'import.skip.md.kind.example': 'example',

  // --- Import and export: notices under the preview and the summary ----------------------------------
  'import.notice.labelRow': 'Line {{line}} was read as column names ({{names}}), not as a card.',
  'import.notice.noCards': 'No cards were found in {{files}}: write terms as "**Term**: definition" or cards as "Question::Answer".',
  'import.notice.andMore': '{{names}} and {{count}} more',
  'import.notice.media_one': '{{count}} media file was skipped (images and sounds are not imported yet).',
  'import.notice.media_other': '{{count}} media files were skipped (images and sounds are not imported yet).',
  'import.notice.revlog_one':
    '{{count}} Anki review-log entry was left out of the history (manual reschedules, entries without an answer, or reviews of cards not in the package).',
  'import.notice.revlog_other':
    '{{count}} Anki review-log entries were left out of the history (manual reschedules, entries without an answer, or reviews of cards not in the package).',
  'import.notice.leftOut_one': '{{count}} file in {{folder}} is not notes and was left out ({{names}}).',
  'import.notice.leftOut_other': '{{count}} files in {{folder}} are not notes and were left out ({{names}}).',
  // --- "Check database" (core/check.ts): one sentence per problem found ---------------------------
  'check.orphanReviews_one': '{{count}} review belonged to cards that no longer exist; removed.',
  'check.orphanReviews_other': '{{count}} reviews belonged to cards that no longer exist; removed.',
  'check.orphanNotesDeck_one': '{{count}} note pointed to a deck that no longer exists; moved to a deck of their cards.',
  'check.orphanNotesDeck_other': '{{count}} notes pointed to a deck that no longer exists; moved to a deck of their cards.',
  'check.orphanCardsNote_one': '{{count}} card had no note; removed with their reviews.',
  'check.orphanCardsNote_other': '{{count}} cards had no note; removed with their reviews.',
  'check.orphanCardsDeck_one': '{{count}} card pointed to a deck that no longer exists; moved to their note’s deck (or to "Recovered").',
  'check.orphanCardsDeck_other': '{{count}} cards pointed to a deck that no longer exists; moved to their note’s deck (or to "Recovered").',
  'check.emptyNotes_one': '{{count}} note had no cards; removed.',
  'check.emptyNotes_other': '{{count}} notes had no cards; removed.',
  'check.danglingDeckDomains_one': '{{count}} deck-to-exam-domain link pointed to a deck or domain that no longer exists; removed.',
  'check.danglingDeckDomains_other': '{{count}} deck-to-exam-domain links pointed to a deck or domain that no longer exists; removed.',
  'check.orphanPracticeLinks_one': '{{count}} practice answer linked to deleted cards; unlinked (the answers are kept).',
  'check.orphanPracticeLinks_other': '{{count}} practice answers linked to deleted cards; unlinked (the answers are kept).',
  'check.badPresetLinks_one': '{{count}} deck used a preset that no longer exists; they use Default again.',
  'check.badPresetLinks_other': '{{count}} decks used a preset that no longer exists; they use Default again.',
  'check.badDue_one': '{{count}} card had an invalid due date (not a time, e.g. NaN); made due now.',
  'check.badDue_other': '{{count}} cards had an invalid due date (not a time, e.g. NaN); made due now.',
  'check.badMemoryState_one': '{{count}} card had an invalid memory state (stability or difficulty); reset to new, their review history is kept.',
  'check.badMemoryState_other': '{{count}} cards had an invalid memory state (stability or difficulty); reset to new, their review history is kept.',
  'check.newWithMemory_one': '{{count}} new card carried a memory state from before; cleared.',
  'check.newWithMemory_other': '{{count}} new cards carried a memory state from before; cleared.',
  'check.missingLastReview_one': '{{count}} studied card had no last review time; taken from the review history (or reset to new without one).',
  'check.missingLastReview_other': '{{count}} studied cards had no last review time; taken from the review history (or reset to new without one).',
  'check.badCounts_one': '{{count}} card had impossible review or lapse counts (negative, or more lapses than reviews); corrected from the review history.',
  'check.badCounts_other': '{{count}} cards had impossible review or lapse counts (negative, or more lapses than reviews); corrected from the review history.',
  'check.badBuried_one': '{{count}} card had an invalid "buried until" time; unburied.',
  'check.badBuried_other': '{{count}} cards had an invalid "buried until" time; unburied.',
  'check.badTags_one': '{{count}} note had badly separated tags; tidied.',
  'check.badTags_other': '{{count}} notes had badly separated tags; tidied.',
  'check.unreadableUndoSteps_one': '{{count}} undo step could not be read; removed (nothing else changes).',
  'check.unreadableUndoSteps_other': '{{count}} undo steps could not be read; removed (nothing else changes).',
  'check.missingParentDecks_one': '{{count}} parent deck named by child decks did not exist ({{names}}); created.',
  'check.missingParentDecks_other': '{{count}} parent decks named by child decks did not exist ({{names}}); created.',
  'check.missingDefaultPreset': 'The Default deck options preset was missing; recreated with default options.',
  'check.integrity': 'SQLite found damage in the collection file ({{detail}}); restore a backup to be safe.',
  'check.badSettings_one': '{{count}} setting could not be read ({{keys}}); reset to the default.',
  'check.badSettings_other': '{{count}} settings could not be read ({{keys}}); reset to the default.',
  'check.badPresets_one': '{{count}} deck options preset had invalid values; those options were reset to the default.',
  'check.badPresets_other': '{{count}} deck options presets had invalid values; those options were reset to the default.',
  'check.foreignKeysLeft_one': '{{count}} row in {{tables}} still point to missing rows; restore a backup if something looks wrong.',
  'check.foreignKeysLeft_other': '{{count}} rows in {{tables}} still point to missing rows; restore a backup if something looks wrong.',
  'check.foreignKeysRepaired_one': '{{count}} row pointed to missing rows; repaired.',
  'check.foreignKeysRepaired_other': '{{count}} rows pointed to missing rows; repaired.',

  // --- Start-up recovery and the app's own checks (electron/main/handlers, core/recovery.ts) ----------
  'recovery.nothingToRecover': 'There is nothing to recover: your collection is open.',
  'recovery.notOpen': 'Your collection is not open, so this can\u2019t be done yet: restore a backup or quit Stratus.',
  'recovery.busy': 'Stratus is already restoring or opening your collection; wait for it to finish.',
  'recovery.stillBroken': 'The backup was put in place, but the collection still can\u2019t be opened: {{reason}}',
  'recovery.detail.notStratus': 'is not a Stratus collection ({{detail}}).',
  'recovery.detail.newerVersion': 'was written by a newer version of Stratus ({{detail}}).',
  'recovery.detail.damaged': 'is damaged ({{detail}}).',
  'recovery.detail.locked': 'is in use by another program ({{detail}}).',
  'recovery.detail.unreadable': 'can\u2019t be read ({{detail}}).',
  'import.previewExpired': 'This import preview has expired or was already imported; choose the files again.',
  'import.notFullPath': '"{{path}}" is not a full path; choose the files in the Import dialog or drop them on the window.',
  'export.notFullPath': '"{{path}}" is not a full path; choose where to save in the Export dialog.',
  'export.extensionMismatch': '{{path}} ends in .{{ext}} but the format is {{format}}; save it as .{{format}}.',

  // --- Exams: the profile, the exam editor, readiness (electron/core/exam, handlers/exam.ts) ---------
  'exam.notFound': 'There is no exam with id {{id}}.',
  'exam.domainNotFound': 'There is no exam domain with id {{id}}.',
  'exam.noSuchDomain': 'The exam "{{exam}}" has no domain with id {{id}}.',
  'exam.nameMissing': 'An exam needs a name.',
  'exam.nameTooLong': 'The exam name "{{start}}\u2026" is longer than {{max}} characters.',
  'exam.badDate': 'The exam date "{{text}}" is not a calendar date like 2026-12-15 (YYYY-MM-DD).',
  'exam.noDate': 'The exam "{{exam}}" has no date; give one (YYYY-MM-DD) to compute readiness.',
  // Score and question limits are passed as strings: the English has always printed them ungrouped.
  'exam.badMaxScore': 'The maximum score must be a whole number above 0.',
  'exam.badPassMark': 'The pass mark must be a whole number from 1 to {{max}}.',
  'exam.badTotalQuestions': 'The number of questions must be a whole number above 0.',
  'exam.badScoredQuestions': 'The number of scored questions must be a whole number from 1 to {{max}}.',
  'exam.noDomains': 'An exam needs at least one domain.',
  'exam.domainNameMissing': 'Every exam domain needs a name.',
  'exam.domainNameTooLong': 'The domain name "{{start}}\u2026" is longer than {{max}} characters.',
  'exam.domainTwice': 'The domain "{{name}}" is listed twice.',
  'exam.domainExists': 'The exam already has a domain called "{{name}}".',
  'exam.onlyDomain': '"{{name}}" is the exam\'s only domain; an exam needs at least one.',
  'exam.badWeight': 'The weight of the domain "{{name}}" must be a number above 0.',
  'exam.badWeightMax': 'The weight of the domain "{{name}}" must be a number above 0 (at most {{max}}).',
  'exam.tagEmpty': 'The tag to map is empty.',
  'exam.tagHasSpace': 'The tag "{{tag}}" contains a space; tags are single words such as aws::security.',
  'exam.tagTooLong': 'The tag "{{start}}\u2026" is longer than 200 characters.',
  'exam.badLearningStep': 'The learning step "{{step}}" is not valid (use minutes, hours or days: "10m", "1h", "1d").',

  // --- FSRS optimizer (exam/optimizer.ts) -------------------------------------------------------------
  'optimizer.unavailable': 'The FSRS optimizer is not available on this platform.',
  'optimizer.badWeights': 'The FSRS weights must be a list of 21 numbers (FSRS-6), or null for the defaults.',
  // The range is RETENTION_RANGE (optimizer.ts), written out so Dutch can use decimal commas.
  'optimizer.badRetention': 'The desired retention must be a number from 0.70 to 0.97.',

  // --- Practice tests (exam/practice.ts) --------------------------------------------------------------
  'practice.notFound': 'There is no practice test with id {{id}}.',
  'practice.noDomainFed': 'No deck or tag feeds a domain of "{{exam}}"; map a deck or a tag to a domain or choose a deck for the practice test.',
  'practice.noQuestions': 'No practice question can be made: each needs a card with 3 other different answers in its deck or domain.',
  'practice.badQuestionCount': 'The number of questions must be a whole number from 1 to {{max}}.',
  'practice.badMinutes': 'The time limit must be a number of minutes from 1 to {{max}}.',
  'practice.timeUp': 'Practice test {{id}} can no longer be answered: its time limit ran out.',
  'practice.finished': 'Practice test {{id}} can no longer be answered: it is finished.',
  'practice.noQuestion': 'Practice test {{id}} has no question {{position}} (it has {{questions}}).',
  'practice.noChoice': 'Choice {{choice}} does not exist: question {{position}} has choices 0 to {{last}}.',
  'practice.alreadyAnswered': 'Question {{position}} of practice test {{id}} is already answered.',

  // --- Studying (study.ts) ----------------------------------------------------------------------------
  'study.badRating': '"{{rating}}" is not a rating (use again, hard, good or easy).',
  'study.suspended': 'Card {{id}} is suspended; unsuspend it before answering it.',

  'export.notice.noScheduling': 'CSV and TSV files hold no scheduling or review history; export as JSON or .apkg to keep them.',
} as const satisfies Record<string, string>;

type Key = keyof typeof MESSAGES;
/** A message's id: a key of MESSAGES, or the base of a `_one`/`_other` pair. */
export type MessageId = PluralBase<Key>;
type PluralBase<K> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;

const TEMPLATES: Record<string, string> = MESSAGES;
const plurals = new Intl.PluralRules('en');

/** The English template an id (and `count`, for plurals) selects; undefined for an unknown id. */
export function template(id: string, params: CoreMessageParams = {}): string | undefined {
  const count = params.count;
  if (typeof count === 'number' && `${id}_other` in TEMPLATES) {
    return TEMPLATES[`${id}_${plurals.select(count)}`] ?? TEMPLATES[`${id}_other`];
  }
  return TEMPLATES[id];
}

/** The English sentence of a message with its params filled in. */
export function formatMessage(id: string, params: CoreMessageParams = {}): string {
  const text = template(id, params);
  if (text === undefined) throw new Error(`Unknown core message "${id}".`);
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value === 'number') return value.toLocaleString('en');
    return typeof value === 'string' ? value : value.text;
  });
}

/** A sentence as data: its id, its params and its English text. */
export function msg(id: MessageId, params: CoreMessageParams = {}): CoreMessage {
  return { id, params, text: formatMessage(id, params) };
}

export function isCoreMessage(value: unknown): value is CoreMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CoreMessage).id === 'string' &&
    typeof (value as CoreMessage).text === 'string' &&
    typeof (value as CoreMessage).params === 'object'
  );
}

/** "<file>: <detail>" or "<file>, line <n>: <detail>", with the detail translated on its own. */
export function fileMessage(file: string, line: number | null, detail: CoreMessage): CoreMessage {
  return line === null ? msg('file.detail', { file, detail }) : msg('file.lineDetail', { file, line: String(line), detail });
}
