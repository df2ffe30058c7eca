// The refiners, in the order they run: first what takes a phrase out of the job (another job,
// knowledge asked, negation, direction, referral), then what changes its level (concession,
// progression, modality), then the qualifications' paths, then one phrase one factor.
import { concession } from './concession.js'
import { direction } from './direction.js'
import { knowledge } from './knowledge.js'
import { modality } from './modality.js'
import { negation } from './negation.js'
import { otherJob } from './other-job.js'
import { overlap } from './overlap.js'
import { progression } from './progression.js'
import { qualifications } from './qualifications.js'
import { qualifier } from './qualifier.js'
import { referral } from './referral.js'
import type { Refiner } from './refiner.js'
import { tierDirection } from './tier-direction.js'

export const refiners: Refiner[] = [
  otherJob,
  knowledge,
  negation,
  direction,
  referral,
  tierDirection,
  concession,
  progression,
  qualifier,
  modality,
  qualifications,
  overlap,
]
