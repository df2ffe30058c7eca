// A draft as the API answers it: its listing fields, what was submitted, the reviewer's fields,
// counts, and per job the proposal, the decision and where publishing puts it; and the same jobs as
// a spreadsheet for review outside the service.
import type { Static } from 'typebox'
import type { StoredDraftListing } from '../../db/drafts.js'
import { type DraftRecord, decidedCount, publishedPlacement, undecidedFlagged } from '../../drafts/review.js'
import type { DraftSchema } from '../schemas/drafts.js'
import { type CsvCell, toCsv } from './csv.js'

export type DraftView = Static<typeof DraftSchema>

export function draftView(listing: StoredDraftListing, record: DraftRecord): DraftView {
  const count = (decision: string) => record.decisions.filter((entry) => entry?.decision === decision).length
  return {
    slug: listing.slug,
    state: listing.state,
    revision: listing.revision,
    jobs: record.proposals.map((proposal, index) => ({
      index,
      id: record.document.jobs[index]?.id ?? '',
      proposal,
      decision: record.decisions[index] ?? null,
      publishes: publishedPlacement(record, index),
    })),
    decided: listing.decided,
    createdAt: listing.createdAt,
    updatedAt: listing.updatedAt,
    submission: record.submission,
    fields: record.fields,
    summary: {
      jobs: record.proposals.length,
      decided: decidedCount(record),
      accepted: count('accept'),
      overridden: count('override'),
      excluded: count('exclude'),
      flagged: record.proposals.filter((proposal) => proposal.flags.length > 0).length,
      toDecide: undecidedFlagged(record),
    },
    published: record.published,
  }
}

export const draftCsvHeader = [
  'index',
  'id',
  'title',
  'jobCode',
  'grade',
  'proposedPoint',
  'proposedBandMin',
  'proposedBandMax',
  'proposedTrack',
  'confidence',
  'flags',
  'decision',
  'point',
  'bandMin',
  'bandMax',
  'track',
  'reason',
  'decidedBy',
  'decidedAt',
] as const

/** One row per job: the proposal, then the decision and where publishing puts the job. */
export function draftCsv(view: DraftView): string {
  return toCsv(
    draftCsvHeader,
    view.jobs.map((job): CsvCell[] => [
      job.index,
      job.id,
      job.proposal.title,
      job.proposal.jobCode,
      job.proposal.grade,
      job.proposal.point,
      job.proposal.band.min,
      job.proposal.band.max,
      job.proposal.track,
      job.proposal.confidence,
      job.proposal.flags.map((flag) => flag.code).join('; '),
      job.decision?.decision ?? '',
      job.publishes?.point,
      job.publishes?.band.min,
      job.publishes?.band.max,
      job.publishes?.track,
      job.decision?.reason ?? '',
      job.decision?.by ?? '',
      job.decision?.at ?? '',
    ]),
  )
}
