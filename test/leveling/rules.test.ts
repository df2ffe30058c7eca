// Every rule's own examples and notExamples, read through the whole reading (sentences, the
// matcher, every refiner): each phrase is tested by its own data, and adding a rule adds its tests.
import { describe, expect, it } from 'vitest'
import { plainJob } from '../../src/leveling/job-text.js'
import { allRules, headingRules } from '../../src/leveling/match.js'
import { readJob, readTitle } from '../../src/leveling/read.js'
import { exampleLevel, exampleText, type Rule } from '../../src/leveling/rules/rule.js'

function readings(rule: Rule, text: string): { level: string; dropped: string | null }[] {
  const matches = headingRules.includes(rule) ? readTitle(text) : readJob(plainJob(text, '')).matches
  return matches
    .filter((match) => match.rule.id === rule.id)
    .map((match) => ({ level: match.level, dropped: match.dropped }))
}

describe('leveling rules', () => {
  it('have unique ids', () => {
    const ids = allRules.map((rule) => rule.id)
    expect(ids.length).toBe(new Set(ids).size)
  })

  for (const rule of allRules) {
    describe(rule.id, () => {
      it('has examples of its own', () => {
        expect(rule.examples.length).toBeGreaterThan(0)
        expect(rule.notExamples.length).toBeGreaterThan(0)
      })
      for (const example of rule.examples) {
        const text = exampleText(example)
        const level = exampleLevel(rule, example)
        it(`reads "${text}" as ${level}`, () => {
          expect(readings(rule, text)).toContainEqual({ level, dropped: null })
        })
      }
      for (const text of rule.notExamples) {
        it(`does not read "${text}" as ${rule.level}`, () => {
          expect(
            readings(rule, text).filter((reading) => reading.dropped === null && reading.level === rule.level),
          ).toEqual([])
        })
      }
    })
  }
})
