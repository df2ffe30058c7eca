import { describe, expect, it } from 'vitest'
import { csvField, csvRow, neutralise, toCsv } from '../../../src/http/representations/csv.js'

describe('csvField', () => {
  it('writes plain text, numbers, booleans and empty values as they are', () => {
    expect(csvField('Service Specialist')).toBe('Service Specialist')
    expect(csvField(3)).toBe('3')
    expect(csvField(-1.5)).toBe('-1.5')
    expect(csvField(true)).toBe('true')
    expect(csvField(null)).toBe('')
    expect(csvField(undefined)).toBe('')
  })

  it('quotes a field holding a comma, a double quote, CR or LF, and doubles inner quotes', () => {
    expect(csvField('Manager, Client Solutions')).toBe('"Manager, Client Solutions"')
    expect(csvField('the "Journey" level')).toBe('"the ""Journey"" level"')
    expect(csvField('line one\nline two')).toBe('"line one\nline two"')
    expect(csvField('a\r\nb')).toBe('"a\r\nb"')
  })
})

describe('neutralise', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['-2+3', "'-2+3"],
    ['-cmd', "'-cmd"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
  ])('makes %j inert', (cell, expected) => {
    expect(neutralise(cell)).toBe(expected)
  })

  it.each(['-1', '-0.25', '-3e2', '57', 'Grade 57', 'a=b', 'x-y'])('leaves %j alone', (cell) => {
    expect(neutralise(cell)).toBe(cell)
  })

  it('neutralises before quoting, so a formula with quotes stays one inert field', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`)
  })
})

describe('toCsv', () => {
  it('writes a header row and CRLF-terminated records', () => {
    expect(
      toCsv(
        ['id', 'title'],
        [
          ['a.1', 'One'],
          ['a.2', 'Two, too'],
        ],
      ),
    ).toBe('id,title\r\na.1,One\r\na.2,"Two, too"\r\n')
    expect(csvRow([])).toBe('\r\n')
  })
})
