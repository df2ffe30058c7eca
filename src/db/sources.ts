// The source documents' texts, by file name: what every quote in the data is checked against, and
// what GET /v1/sources/{file} answers. A text is stored once and never replaced by another.
import { asc, count, eq, sql } from 'drizzle-orm'
import type { LevelmapDatabase, Writer } from './client.js'
import { sourceTexts } from './schema.js'

export function readSourceText(db: Writer, file: string): string | undefined {
  return db.select({ text: sourceTexts.text }).from(sourceTexts).where(eq(sourceTexts.file, file)).get()?.text
}

/** Stores texts not held yet; a file already held keeps its text (validation refuses a different one). */
export function writeSourceTexts(db: Writer, sources: Iterable<{ file: string; text: string }>): void {
  for (const { file, text } of sources) {
    db.insert(sourceTexts).values({ file, text }).onConflictDoNothing().run()
  }
}

export function listSources(db: LevelmapDatabase): { file: string; characters: number }[] {
  return db
    .select({ file: sourceTexts.file, characters: sql<number>`length(${sourceTexts.text})` })
    .from(sourceTexts)
    .orderBy(asc(sourceTexts.file))
    .all()
}

export function readSourceTexts(db: Writer): Map<string, string> {
  return new Map(
    db
      .select({ file: sourceTexts.file, text: sourceTexts.text })
      .from(sourceTexts)
      .all()
      .map((row) => [row.file, row.text]),
  )
}

export function hasSources(db: Writer): boolean {
  return (db.select({ n: count() }).from(sourceTexts).get()?.n ?? 0) > 0
}
