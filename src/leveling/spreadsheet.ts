// An Excel workbook (.xlsx) as HR systems export their job catalogs: its first sheet read with
// read-excel-file (a maintained reader of the format) into rows of text, which the CSV intake then
// reads the same way (the header's spellings, the columns it keeps, the rows it leaves out). A
// number is written as the spreadsheet shows it, a date as its ISO day. A legacy .xls file, a file
// that is not a workbook, or a broken one is a problem naming what it is, never a crash.
import { LevelingInputError } from './level.js'

/** The IANA media type of an .xlsx workbook. */
export const xlsxMediaType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  return String(value)
}

/** The first sheet's rows, each cell as text. */
export async function rowsOfWorkbook(data: Uint8Array): Promise<string[][]> {
  if (data.length === 0) throw new LevelingInputError('empty', 'the workbook is empty')
  // Loaded on first use: a server that never reads a workbook never loads the reader.
  const { readSheet } = await import('read-excel-file/node')
  let rows: unknown[][]
  try {
    rows = (await readSheet(Buffer.from(data.buffer, data.byteOffset, data.byteLength))) as unknown[][]
  } catch (error) {
    const code = (error as { code?: string }).code
    const reason =
      code === 'XLS_FILE_NOT_SUPPORTED'
        ? 'a legacy .xls workbook: save it as .xlsx (or export the sheet as CSV) and send that'
        : code === 'FILE_NOT_SUPPORTED' || code === 'INVALID_ZIP'
          ? 'not an .xlsx workbook'
          : `an .xlsx workbook that cannot be read (${(error as Error).message.slice(0, 200)})`
    throw new LevelingInputError('bad-file', `the body is ${reason}`)
  }
  return rows.map((row) => row.map(cellText))
}
