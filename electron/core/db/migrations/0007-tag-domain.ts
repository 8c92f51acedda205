import type { Database } from 'better-sqlite3';

// Tags feed exam domains too (not only decks). A tag is Anki-style (no spaces, case-insensitive,
// hierarchical with "::"): mapping "aws::security" also covers "aws::security::iam". A tag feeds at
// most one domain of a given exam; the composite key keeps the domain inside that exam, as
// deck_domain does, so removing a domain (or its exam) removes its tag mappings with it.
export function updateToSchemaVersion7(db: Database): void {
  db.exec(`
    CREATE TABLE tag_domain (
      exam_id    INTEGER NOT NULL,
      tag        TEXT NOT NULL COLLATE NOCASE CHECK (tag != '' AND instr(tag, ' ') = 0),
      domain_id  INTEGER NOT NULL,
      PRIMARY KEY (exam_id, tag),
      FOREIGN KEY (exam_id, domain_id) REFERENCES exam_domain(exam_id, id) ON DELETE CASCADE
    );
    CREATE INDEX tag_domain_domain ON tag_domain(domain_id);
  `);
}
