// The project's corpus of analyst-placed job descriptions (test/corpus/leveling), and what the
// model achieves on it out of sample: every employer's jobs leveled by a model fitted without them.
import { beforeAll, describe, expect, it } from 'vitest'
import { allTrainingJobs, leaveOneEmployerOut, projectCorpus } from '../../src/cli/level-eval.js'
import { loadCorpus } from '../../src/leveling/corpus.js'
import { type CorpusEvaluation, evaluateCorpus } from '../../src/leveling/corpus-eval.js'

const cases = loadCorpus(projectCorpus)

/** Employers kept for evaluation by others: the corpus holds nothing of theirs. */
const reserved = [
  /state of mississippi/i,
  /state of maryland/i,
  /montgomery county,? (?:government,? )?(?:rockville,? )?maryland|montgomery county \(maryland\)/i,
  /state of arkansas/i,
  /missouri state university/i,
  /commonwealth of pennsylvania/i,
  /state of new jersey/i,
  /solano county|county of solano/i,
  /onondaga county/i,
  /university of michigan/i,
  /port of san diego/i,
  /west linn/i,
  /illinois state universities civil service/i,
  /shropshire fire/i,
  /mendocino county|county of mendocino/i,
  /clackamas county/i,
  /city of escondido/i,
  /butte county/i,
  /multnomah county/i,
  /city of melbourne/i,
  /macon-bibb/i,
  /city of abilene/i,
  /nsw office of sport/i,
  /city of mesa/i,
]

describe('the leveling corpus', () => {
  it('holds real job descriptions of many employers, each with its address and an analyst’s placement', () => {
    expect(cases.length).toBeGreaterThanOrEqual(260)
    expect(new Set(cases.map((entry) => entry.employer)).size).toBeGreaterThanOrEqual(200)
    for (const entry of cases) {
      expect(entry.url).toMatch(/^https?:\/\//)
      expect(entry.text.length).toBeGreaterThan(40)
      expect(entry.why.length).toBeGreaterThan(20)
    }
  })

  it('holds nothing of the employers reserved for evaluation', () => {
    for (const entry of cases) for (const pattern of reserved) expect(entry.employer).not.toMatch(pattern)
  })
})

describe('leveling on the corpus, leave one employer out', () => {
  let evaluation: CorpusEvaluation
  beforeAll(() => {
    evaluation = evaluateCorpus(cases, leaveOneEmployerOut(allTrainingJobs()))
  }, 120_000)

  it('keeps its figures (README, Leveling): inside the accept set, track, refusals, flattened text', () => {
    const { total, it: itJobs } = evaluation
    expect(total.inside).toBeGreaterThanOrEqual(THRESHOLDS.inside)
    expect(itJobs.inside).toBeGreaterThanOrEqual(THRESHOLDS.itInside)
    expect(total.track).toBeGreaterThanOrEqual(THRESHOLDS.track)
    expect(total.flatSame).toBeGreaterThanOrEqual(THRESHOLDS.flatSame)
    expect(evaluation.refusedTexts.length).toBeLessThanOrEqual(THRESHOLDS.refused)
  })
})

const THRESHOLDS = { inside: 223, itInside: 196, track: 308, flatSame: 284, refused: 3 }
