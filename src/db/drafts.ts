// Leveling drafts in the SQLite store: a draft is one row holding its whole record as JSON, written
// only by compare-and-set on its revision (the draft's ETag), so two reviewers cannot overwrite
// each other's decisions; each write and its log entry commit together. The PostgreSQL store does
// the same in db/postgres/drafts.ts. What a record holds is the drafts module's concern
// (src/drafts/); the store keeps it as given.
import { and, asc, desc, eq } from 'drizzle-orm'
import type { LevelmapDatabase } from './client.js'
import { draftLog, drafts } from './schema.js'

export type DraftState = 'draft' | 'in-review' | 'published' | 'discarded'

export interface StoredDraftListing {
  slug: string
  state: DraftState
  revision: number
  jobs: number
  decided: number
  createdAt: string
  updatedAt: string
}

export interface StoredDraft extends StoredDraftListing {
  body: unknown
}

/** What one write sets. */
export interface DraftWrite {
  slug: string
  state: DraftState
  jobs: number
  decided: number
  body: unknown
}

/** What the log records of one write, beside the revision it made, the key and the time. */
export interface DraftEvent {
  action: 'created' | 'decided' | 'edited' | 'state' | 'published'
  job: number | null
  detail: unknown
}

export interface DraftLogEntry extends DraftEvent {
  id: number
  at: string
  revision: number
  keyName: string
}

export type DraftWriteOutcome =
  | { outcome: 'written'; draft: StoredDraftListing }
  | { outcome: 'conflict'; current: number | null }

const listing = {
  slug: drafts.slug,
  state: drafts.state,
  revision: drafts.revision,
  jobs: drafts.jobs,
  decided: drafts.decided,
  createdAt: drafts.createdAt,
  updatedAt: drafts.updatedAt,
}

export function readDraft(db: LevelmapDatabase, slug: string): StoredDraft | undefined {
  return db.select().from(drafts).where(eq(drafts.slug, slug)).get()
}

/** Every draft, most recently written first. */
export function listDrafts(db: LevelmapDatabase): StoredDraftListing[] {
  return db.select(listing).from(drafts).orderBy(desc(drafts.updatedAt), asc(drafts.slug)).all()
}

/**
 * Writes a draft if its stored revision is `expected` (null: only if there is none), with its log
 * entry, in one transaction; otherwise nothing is written and the stored revision is returned.
 */
export function writeDraft(
  db: LevelmapDatabase,
  write: DraftWrite,
  expected: number | null,
  keyName: string,
  event: DraftEvent,
): DraftWriteOutcome {
  return db.transaction((tx): DraftWriteOutcome => {
    const current = tx.select({ revision: drafts.revision }).from(drafts).where(eq(drafts.slug, write.slug)).get()
    if ((current?.revision ?? null) !== expected) return { outcome: 'conflict', current: current?.revision ?? null }
    const revision = (expected ?? 0) + 1
    const updatedAt = new Date().toISOString()
    const values = { ...write, revision, updatedAt }
    if (expected === null)
      tx.insert(drafts)
        .values({ ...values, createdAt: updatedAt })
        .run()
    else
      tx.update(drafts)
        .set(values)
        .where(and(eq(drafts.slug, write.slug), eq(drafts.revision, expected)))
        .run()
    tx.insert(draftLog)
      .values({ at: updatedAt, draft: write.slug, revision, keyName, ...event })
      .run()
    const [draft] = tx.select(listing).from(drafts).where(eq(drafts.slug, write.slug)).all()
    return { outcome: 'written', draft: draft as StoredDraftListing }
  })
}

/** A draft's log, oldest first. */
export function readDraftLog(db: LevelmapDatabase, slug: string): DraftLogEntry[] {
  return db
    .select()
    .from(draftLog)
    .where(eq(draftLog.draft, slug))
    .orderBy(asc(draftLog.id))
    .all()
    .map((row) => ({ ...row, action: row.action as DraftEvent['action'] }))
}
