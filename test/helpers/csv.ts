// A strict RFC 4180 reader for tests: fails on anything the writer should never produce.
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let i = 0
  while (i < text.length) {
    const char = text[i] as string
    if (char === '"' && field === '') {
      i++
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field')
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          break
        }
        field += text[i]
        i++
      }
      if (text[i] !== ',' && text[i] !== '\r') throw new Error(`text after a closing quote at ${i}`)
      continue
    }
    if (char === ',') {
      row.push(field)
      field = ''
      i++
    } else if (char === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`)
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i += 2
    } else if (char === '\n' || char === '"') {
      throw new Error(`unquoted ${JSON.stringify(char)} at ${i}`)
    } else {
      field += char
      i++
    }
  }
  if (field !== '' || row.length > 0) throw new Error('the last record has no CRLF')
  return rows
}
