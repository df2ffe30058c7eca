// The ladder page's leveling box: a form where a person pastes a job description and sees where it
// lands on the scale, with the factors read from it (and the words they were read from), the
// rationale, and the grades it would sit with in each institution. The form posts to the page
// itself and the server renders the answer; the page script, when it runs, does the same request
// in place and swaps in the answer the server rendered.
import type { Catalog, ScalePoint } from '../../catalog/model.js'
import { maxTextLength } from '../../leveling/level.js'
import type { Factor } from '../../leveling/model.js'
import type { LevelingView } from '../representations/leveling.js'
import { type Html, html } from './html.js'
import { pointCode, pointLabel, relationBadge, selectionHref, trackLabel } from './words.js'

export interface LevelingBox {
  /** The text as submitted, shown again in the box. */
  text: string
  result: LevelingView | null
  /** Why the text could not be leveled. */
  message: string | null
}

type PageProposal = LevelingView['jobs'][number]

function bandLabel(points: readonly ScalePoint[], proposal: PageProposal): string {
  const { band } = proposal.seniority
  return band.min === band.max ? 'no wider band' : `band ${pointCode(points, band.min)}–${pointCode(points, band.max)}`
}

function nearestList(catalog: Catalog, proposal: PageProposal): Html {
  const comparable = proposal.nearest.filter((match) => match.relation !== 'related')
  if (comparable.length === 0) {
    return html`<p class="nearest">No grade of the institutions loaded lies within one point of it.</p>`
  }
  const items = comparable.map((match) => {
    const institution = catalog.institutionBySlug.get(match.institution)
    const level = match.levels[0]
    const name = `${institution?.shortName ?? match.institution} ${match.grade.label}`
    const titles = match.levels.map((job) => job.title).join('; ')
    return html`<li>${level ? html`<a href="${selectionHref(level.id, 'same')}">${name}</a>` : name} <span class="match-jobs">${titles}</span> <span class="badge relation-${match.relation}">${relationBadge(match.relation, match.score)}</span></li>`
  })
  return html`<div class="nearest"><p>It would sit with:</p><ul>${items}</ul></div>`
}

function factorTable(factors: readonly Factor[], proposal: PageProposal, index: number): Html {
  const names = new Map(factors.map((factor) => [factor.id, factor.name]))
  const rows = proposal.factors.map((factor) => {
    const quote = factor.evidence[0]?.quote ?? ''
    const shown = quote.length > 300 ? `${quote.slice(0, 299)}…` : quote
    return html`<tr><th scope="row">${names.get(factor.factor) ?? factor.factor}</th><td><span class="factor-level">${factor.level}</span> ${factor.descriptor}</td><td class="number">${factor.point}</td><td><q>${shown}</q></td></tr>`
  })
  return html`<table class="factors" aria-describedby="proposal-${index}-title"><caption>Factors read from the text</caption><thead><tr><th scope="col">Factor</th><th scope="col">Level read</th><th scope="col">Points to</th><th scope="col">Words it was read from</th></tr></thead><tbody>${rows}</tbody></table>`
}

/** What an analyst should check about a proposal: the family it reads as, and every doubt flagged. */
function doubts(proposal: PageProposal): Html {
  const family =
    proposal.family.family === 'it-end-user-support'
      ? html``
      : html`<p class="family">${proposal.family.family === 'other' ? 'Reads as work outside IT' : 'Reads as adjacent IT work, not end-user support'}${proposal.family.words.length > 0 ? ` (${proposal.family.words.join(', ')})` : ''}.</p>`
  const flags = proposal.flags.filter((flag) => flag.code !== 'outside-family' && flag.code !== 'adjacent-family')
  if (flags.length === 0) return family
  return html`${family}<ul class="flags" aria-label="To check">${flags.map((flag) => html`<li class="flag flag-${flag.code}">To check: ${flag.detail}${flag.quotes[0] ? html` <q>${flag.quotes[0].quote}</q>` : ''}</li>`)}</ul>`
}

function proposalItem(catalog: Catalog, factors: readonly Factor[], proposal: PageProposal, index: number): Html {
  const points = catalog.scale.points
  const { point } = proposal.seniority
  const labels = [proposal.grade ? `grade ${proposal.grade}` : '', proposal.jobCode ?? ''].filter(Boolean).join(', ')
  return html`<li class="proposal track-${proposal.track}" data-point="${point}"><h3 id="proposal-${index}-title">${proposal.title}${labels ? html` <span class="proposal-grade">(${labels})</span>` : ''}</h3><p class="landing">Lands at <strong>${pointLabel(points, point)}</strong> · ${bandLabel(points, proposal)} · ${trackLabel([proposal.track]).toLowerCase()} track · confidence ${proposal.confidence.toFixed(2)}</p>${doubts(proposal)}${nearestList(catalog, proposal)}${factorTable(factors, proposal, index)}<p class="rationale">${proposal.rationale}</p></li>`
}

export function levelingPanel(catalog: Catalog, factors: readonly Factor[], box: LevelingBox | null): Html {
  const text = box?.text ?? ''
  const message = box?.message ? html`<p class="message" role="alert">${box.message}</p>` : ''
  const result = box?.result
    ? html`<p class="split">${box.result.jobs.length === 1 ? 'One job' : `${box.result.jobs.length} jobs`} (${box.result.split}).</p><ol class="proposals">${box.result.jobs.map((proposal, index) => proposalItem(catalog, factors, proposal, index))}</ol>`
    : ''
  return html`<section id="leveling" class="leveling" aria-labelledby="leveling-heading"><h2 id="leveling-heading">Where would a job land?</h2><form id="leveling-form" method="post" action="/#leveling"><label for="leveling-text">Paste a job description as it is published: title, grade or pay band, summary, duties, minimum qualifications, supervision. A text with several jobs is split where its layout shows them.</label><textarea id="leveling-text" name="text" rows="7" maxlength="${maxTextLength}" required spellcheck="false">\n${text}</textarea><p class="form-row"><button type="submit">Place it on the scale</button> <span class="hint">Nothing is stored. The same as <code>POST /v1/leveling</code>.</span></p></form><div id="leveling-result">${message}${result}</div></section>`
}
