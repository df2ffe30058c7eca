// Readies a database for use, the same way for the server and every command-line tool: a new
// database is loaded from the data files (validated); one stored before documents were kept whole
// gets its documents and data version stored once.
import { defaultDataDir, loadDataFiles } from '../documents/files.js'
import type { LevelmapDatabase } from './client.js'
import { isEmpty, needsDocuments, replaceAll, storeDocuments } from './institutions.js'

export type Preparation =
  | { loaded: 'data-files'; institutions: number }
  | { loaded: 'documents' }
  | { loaded: 'nothing' }

export function prepareDatabase(db: LevelmapDatabase, dataDir: string = defaultDataDir): Preparation {
  if (isEmpty(db)) {
    const files = loadDataFiles(dataDir)
    replaceAll(db, files.scale, files.institutions)
    return { loaded: 'data-files', institutions: files.institutions.length }
  }
  if (needsDocuments(db)) {
    storeDocuments(db)
    return { loaded: 'documents' }
  }
  return { loaded: 'nothing' }
}
