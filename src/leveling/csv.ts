// RFC 4180 CSV reading: fields separated by commas, records by CRLF or LF; a quoted field may hold
// commas, line breaks and doubled quotes. A quote inside an unquoted field, or an unterminated
// quoted field, is an error naming the record and field.

export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError'
  constructor(
    message: string,
    readonly record: number,
    readonly field: number,
  ) {
    super(message)
  }
}

/** The records of a CSV text, each a list of fields; a final line break does not start a record. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  let wasQuoted = false
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const endField = () => {
    record.push(field)
    field = ''
    wasQuoted = false
  }
  const endRecord = () => {
    endField()
    records.push(record)
    record = []
  }
  for (; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else {
          quoted = false
        }
      } else {
        field += char
      }
      continue
    }
    if (char === '"') {
      if (field.length > 0 || wasQuoted) {
        throw new CsvSyntaxError('a quote inside an unquoted field', records.length + 1, record.length + 1)
      }
      quoted = true
      wasQuoted = true
    } else if (char === ',') {
      endField()
    } else if (char === '\r' && text[i + 1] === '\n') {
      endRecord()
      i++
    } else if (char === '\n') {
      endRecord()
    } else {
      if (wasQuoted) throw new CsvSyntaxError('text after a closing quote', records.length + 1, record.length + 1)
      field += char
    }
  }
  if (quoted) throw new CsvSyntaxError('a quoted field is not closed', records.length + 1, record.length + 1)
  if (field.length > 0 || record.length > 0 || wasQuoted) endRecord()
  return records
}
