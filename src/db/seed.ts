// Readies a database for use, the same way for the server and every command-line tool: a new
// database is loaded from the data files (validated); one stored before documents were kept whole
// gets its documents and data version stored once.
import { join } from 'node:path'
import { defaultDataDir, loadDataFiles, readSources } from '../documents/files.js'
import type { LevelmapDatabase } from './client.js'
import { isEmpty, needsDocuments, replaceAll, storeDocuments } from './institutions.js'
import { hasSources, writeSourceTexts } from './sources.js'

export type Preparation =
  | { loaded: 'data-files'; institutions: number }
  | { loaded: 'documents' }
  | { loaded: 'nothing' }

export function prepareDatabase(db: LevelmapDatabase, dataDir: string = defaultDataDir): Preparation {
  if (isEmpty(db)) {
    const files = loadDataFiles(dataDir)
    const sources = [...files.sources].map(([file, text]) => ({ file, text }))
    replaceAll(db, files.scale, files.institutions, sources)
    return { loaded: 'data-files', institutions: files.institutions.length }
  }
  // A database made before source texts were stored: the data files' sources are what it cites.
  if (!hasSources(db)) {
    const sources = [...readSources(join(dataDir, 'sources'))].map(([file, text]) => ({ file, text }))
    db.transaction((tx) => writeSourceTexts(tx, sources))
  }
  if (needsDocuments(db)) {
    storeDocuments(db)
    return { loaded: 'documents' }
  }
  return { loaded: 'nothing' }
}
