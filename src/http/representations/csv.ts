// RFC 4180 CSV: CRLF line ends; a field holding a double quote, comma, CR or LF is quoted, with
// inner quotes doubled. Cells a spreadsheet would run as a formula (leading =, +, @, tab or CR,
// or - when the cell is not a number) get a leading apostrophe, so an exported title can never
// execute in the analyst's spreadsheet (OWASP "CSV injection").

export type CsvCell = string | number | boolean | null | undefined

const numeric = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/
const formulaStart = /^[=+@\t\r]/
const needsQuotes = /[",\r\n]/

/** The cell as a spreadsheet should read it: text that would start a formula is made inert. */
export function neutralise(text: string): string {
  if (formulaStart.test(text) || (text.startsWith('-') && !numeric.test(text))) return `'${text}`
  return text
}

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  const text = neutralise(value)
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvRow(cells: readonly CsvCell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`
}

/** A whole CSV document: the header row, then one row per record. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  let text = csvRow(header)
  for (const row of rows) text += csvRow(row)
  return text
}
