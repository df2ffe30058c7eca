// Leveling drafts in the PostgreSQL store, as db/drafts.ts does them in SQLite: one row per draft,
// written by compare-and-set on its revision, each write and its log entry in one transaction. A
// draft is read from PostgreSQL on each request (drafts are an analyst's working set, not what the
// crosswalk serves), so every replica answers the same for it.
import { and, asc, desc, eq } from 'drizzle-orm'
import type pg from 'pg'
import type {
  DraftEvent,
  DraftLogEntry,
  DraftWrite,
  DraftWriteOutcome,
  StoredDraft,
  StoredDraftListing,
} from '../drafts.js'
import { draftLog, drafts } from './schema.js'
import { withConnection } from './store.js'

const listing = {
  slug: drafts.slug,
  state: drafts.state,
  revision: drafts.revision,
  jobs: drafts.jobs,
  decided: drafts.decided,
  createdAt: drafts.createdAt,
  updatedAt: drafts.updatedAt,
}

type ListingRow = Omit<StoredDraftListing, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date }

function toListing<T extends ListingRow>(row: T): Omit<T, 'createdAt' | 'updatedAt'> & StoredDraftListing {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() }
}

export function readDraft(pool: pg.Pool, slug: string): Promise<StoredDraft | undefined> {
  return withConnection(pool, async (db) => {
    const [row] = await db.select().from(drafts).where(eq(drafts.slug, slug))
    return row ? toListing(row) : undefined
  })
}

export function listDrafts(pool: pg.Pool): Promise<StoredDraftListing[]> {
  return withConnection(pool, async (db) =>
    (await db.select(listing).from(drafts).orderBy(desc(drafts.updatedAt), asc(drafts.slug))).map(toListing),
  )
}

export function writeDraft(
  pool: pg.Pool,
  write: DraftWrite,
  expected: number | null,
  keyName: string,
  event: DraftEvent,
): Promise<DraftWriteOutcome> {
  return withConnection(pool, (db) =>
    db.transaction(async (tx): Promise<DraftWriteOutcome> => {
      // FOR UPDATE: a concurrent writer of the same draft waits here, then sees the new revision.
      const [current] = await tx
        .select({ revision: drafts.revision })
        .from(drafts)
        .where(eq(drafts.slug, write.slug))
        .for('update')
      if ((current?.revision ?? null) !== expected) return { outcome: 'conflict', current: current?.revision ?? null }
      const revision = (expected ?? 0) + 1
      const updatedAt = new Date()
      const values = { ...write, revision, updatedAt }
      if (expected === null) {
        // Two creators at once: the second insert conflicts on the key and writes nothing.
        const inserted = await tx
          .insert(drafts)
          .values({ ...values, createdAt: updatedAt })
          .onConflictDoNothing()
          .returning({ slug: drafts.slug })
        if (inserted.length === 0) return { outcome: 'conflict', current: 1 }
      } else {
        await tx
          .update(drafts)
          .set(values)
          .where(and(eq(drafts.slug, write.slug), eq(drafts.revision, expected)))
      }
      await tx.insert(draftLog).values({ at: updatedAt, draft: write.slug, revision, keyName, ...event })
      const [row] = await tx.select(listing).from(drafts).where(eq(drafts.slug, write.slug))
      return { outcome: 'written', draft: toListing(row as ListingRow) }
    }),
  )
}

export function readDraftLog(pool: pg.Pool, slug: string): Promise<DraftLogEntry[]> {
  return withConnection(pool, async (db) =>
    (await db.select().from(draftLog).where(eq(draftLog.draft, slug)).orderBy(asc(draftLog.id))).map((row) => ({
      ...row,
      at: row.at.toISOString(),
      action: row.action as DraftEvent['action'],
    })),
  )
}
