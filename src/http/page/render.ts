// The ladder page: one server-rendered HTML document with the whole table, the selected job's
// crosswalk (when `?level=` names one) and an inline style sheet and script. Without JavaScript
// every job is a link that asks the server for the selection; with it, the script does the same
// in place from the JSON crosswalk. No external assets: the page works offline.
import { createHash } from 'node:crypto'
import type { Catalog, Job, ScalePoint } from '../../catalog/model.js'
import type { CrosswalkMatch, CrosswalkResult, TrackMode } from '../../crosswalk/crosswalk.js'
import type { Factor } from '../../leveling/model.js'
import { type Html, html, trustedHtml } from './html.js'
import { type Ladder, type LadderCell, type LadderColumn, ladderLayout } from './ladder.js'
import { type LevelingBox, levelingPanel } from './leveling.js'
import { pageScript } from './script.js'
import { pageStyle } from './style.js'
import {
  crosswalkJsonHref,
  deltaLabel,
  placementLabel,
  pointLabel,
  relationBadge,
  selectionHref,
  trackLabel,
} from './words.js'

export interface PageSelection {
  job: Job
  result: CrosswalkResult
}

export interface LadderPageInput {
  catalog: Catalog
  track: TrackMode
  selection: PageSelection | null
  /** Shown above the ladder, e.g. for an unknown level. */
  message: string | null
  /** The leveling model's factors, named in the leveling box. */
  factors: readonly Factor[]
  /** What the leveling box shows: the text submitted and its answer, or nothing yet. */
  leveling: LevelingBox | null
}

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

/** Only the page's own inline style and script run; fetches go to this origin only. */
export const pageSecurityPolicy = [
  "default-src 'none'",
  `style-src ${hash(pageStyle)}`,
  `script-src ${hash(pageScript)}`,
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** A ladder, drawn inline so that the page requests nothing else. */
const favicon =
  "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><path d='M4 1v14M12 1v14M4 4h8M4 8h8M4 12h8' stroke='%231f4e79' stroke-width='2'/></svg>"

/** Which job boxes the selection marks, and how. */
interface Highlights {
  selected: string | null
  matches: Map<string, CrosswalkMatch>
}

function highlightsOf(selection: PageSelection | null): Highlights {
  const matches = new Map<string, CrosswalkMatch>()
  for (const match of selection?.result.matches ?? []) {
    for (const job of match.jobs) matches.set(job.id, match)
  }
  return { selected: selection?.job.id ?? null, matches }
}

function jobBox(job: Job, track: TrackMode, highlights: Highlights, points: ScalePoint[]): Html {
  const selected = highlights.selected === job.id
  const match = highlights.matches.get(job.id)
  const classes = [
    'job',
    `track-${job.track}`,
    selected ? 'selected' : '',
    match ? `match relation-${match.relation}` : '',
  ].filter(Boolean)
  const badge = selected ? 'Selected' : match ? relationBadge(match.relation, match.score) : null
  const own = job.placedBy === 'job' ? html` data-grade-placement="${placementLabel(points, job.grade.seniority)}"` : ''
  return html`<a class="${classes.join(' ')}" id="job-${job.id}" href="${selectionHref(job.id, track)}" data-level="${job.id}"${own}${
    selected ? html` aria-current="true"` : ''
  }><span class="title">${job.title}</span><span class="meta">${
    job.jobCode ? html`<span class="code">${job.jobCode}</span>` : ''
  }<span class="track">${trackLabel(job.tracks)}</span></span>${
    badge ? html`<span class="badge">${badge}</span>` : ''
  }</a>`
}

/** The part of a placement's band a cell draws: the rows above its point, its point, or below. */
interface Segment {
  cell: LadderCell
  part: 'above' | 'point' | 'below'
  row: number
  rowSpan: number
}

function segmentsOf(cell: LadderCell): Segment[] {
  const bottom = cell.row + cell.rowSpan - 1
  const segments: Segment[] = []
  if (cell.pointRow > cell.row) segments.push({ cell, part: 'above', row: cell.row, rowSpan: cell.pointRow - cell.row })
  segments.push({ cell, part: 'point', row: cell.pointRow, rowSpan: 1 })
  if (cell.pointRow < bottom)
    segments.push({ cell, part: 'below', row: cell.pointRow + 1, rowSpan: bottom - cell.pointRow })
  return segments
}

/** One segment of a placement: the point's cell holds the label and the jobs; the rest is shading. */
function segmentCell(segment: Segment, points: ScalePoint[], track: TrackMode, highlights: Highlights): Html {
  const { cell, part } = segment
  const { grade } = cell
  const own = cell.placedBy === 'job'
  const classes = [
    part === 'point' ? 'grade' : 'band-extent',
    cell.rowSpan > 1 ? 'band' : '',
    segment.row > cell.row ? 'band-joined' : '',
    own ? 'own' : '',
    cell.lane === 0 ? 'first-lane' : '',
  ].filter(Boolean)
  const rowSpan = segment.rowSpan > 1 ? html` rowspan="${segment.rowSpan}"` : ''
  const placement = placementLabel(points, cell.seniority)
  if (part !== 'point') {
    const whose = own ? cell.jobs.map((job) => job.title).join('; ') : grade.label
    return html`<td${rowSpan} class="${classes.join(' ')}"><span class="visually-hidden">Band of ${whose} (${placement})</span></td>`
  }
  const note = own
    ? html`<p class="own-note"><strong>Own placement</strong>; grade at ${placementLabel(points, grade.seniority)}</p>`
    : ''
  const jobs =
    cell.jobs.length > 0
      ? html`<ul class="jobs">${cell.jobs.map((job) => html`<li>${jobBox(job, track, highlights, points)}</li>`)}</ul>`
      : html`<p class="empty">No job of this family in this grade.</p>`
  return html`<td class="${classes.join(' ')}" data-grade="${grade.id}"${own ? html` data-placed-by="job"` : ''}><p class="grade-label"><span class="grade-code">${grade.label}</span> <span class="placement">${placement}</span></p>${note}${jobs}</td>`
}

/** The body rows: at each row and lane, a segment starts, continues from above, or the cell is empty. */
function bodyRows(ladder: Ladder, catalog: Catalog, track: TrackMode, highlights: Highlights): Html[] {
  const ascending = catalog.scale.points
  const starts = new Map<string, Segment>()
  const covered = new Set<string>()
  const key = (column: LadderColumn, lane: number, row: number) => `${column.institution.slug}/${lane}/${row}`
  for (const column of ladder.columns) {
    for (const segment of column.cells.flatMap(segmentsOf)) {
      const lane = segment.cell.lane
      starts.set(key(column, lane, segment.row), segment)
      for (let row = segment.row + 1; row < segment.row + segment.rowSpan; row++) covered.add(key(column, lane, row))
    }
  }
  return ladder.points.map((point, row) => {
    const cells = ladder.columns.flatMap((column) =>
      Array.from({ length: column.lanes }, (_, lane) => {
        const start = starts.get(key(column, lane, row))
        if (start) return segmentCell(start, ascending, track, highlights)
        if (covered.has(key(column, lane, row))) return html``
        return html`<td class="${lane === 0 ? 'empty first-lane' : 'empty'}"></td>`
      }),
    )
    return html`<tr><th scope="row" id="point-${point.code}" data-point="${point.value}" data-code="${point.code}" data-label="${pointLabel(ascending, point.value)}"><span class="point-code">${point.code}</span> <span class="point-name">${point.name}</span><span class="point-summary">${point.summary}</span></th>${cells}</tr>`
  })
}

function ladderTable(catalog: Catalog, track: TrackMode, highlights: Highlights): Html {
  const ladder = ladderLayout(catalog)
  const top = ladder.points[0]
  const bottom = ladder.points.at(-1)
  const headers = ladder.columns.map(
    ({ institution, lanes }) =>
      html`<th scope="col"${lanes > 1 ? html` colspan="${lanes}"` : ''} data-institution="${institution.slug}" data-name="${institution.shortName}"><span class="institution">${institution.shortName}</span><span class="institution-name">${institution.name}</span><span class="families">${institution.families.map((family) => family.name).join('; ')}</span></th>`,
  )
  return html`<table class="ladder${highlights.selected ? ' has-selection' : ''}" id="ladder" data-track="${track}">
<caption>IT end-user support jobs of ${catalog.institutions.length} institutions on one seniority scale, ${top ? `${top.code} ${top.name}` : ''} at the top to ${bottom ? `${bottom.code} ${bottom.name}` : ''} at the bottom. Each box is a job in the row of its point: its grade's, or its own where marked “Own placement”. Shading runs over the band.</caption>
<thead><tr><th scope="col" class="corner">Scale point</th>${headers}</tr></thead>
<tbody>
${bodyRows(ladder, catalog, track, highlights).map((row) => html`${row}\n`)}</tbody>
</table>`
}

function matchItem(catalog: Catalog, match: CrosswalkMatch): Html {
  const jobs = match.jobs.map((job) => job.title).join('; ')
  return html`<li class="match relation-${match.relation}" data-institution="${match.institution.slug}"><h3><span class="institution">${match.institution.shortName}</span> ${match.grade.label}</h3><p class="match-jobs">${jobs}</p><p class="match-relation"><span class="badge">${match.relation}</span> score ${match.score.toFixed(2)} · ${deltaLabel(match.delta)} · ${placementLabel(catalog.scale.points, match.seniority)}</p><p class="rationale">${match.rationale}</p></li>`
}

function crosswalkPanel(input: LadderPageInput): Html {
  const { catalog, selection, track, message } = input
  const notice = message ? html`<p class="message" role="alert">${message}</p>` : ''
  if (!selection) {
    return html`<section id="crosswalk" class="crosswalk" aria-labelledby="crosswalk-heading"><h2 id="crosswalk-heading" tabindex="-1">Crosswalk</h2><div id="crosswalk-body">${notice}<p class="hint">Select a job in the ladder to see where it lands in every other institution: the matching grade and job, the relation (exact, close, broad, narrow or related), the score and the rationale.</p></div></section>`
  }
  const { job, result } = selection
  const institution = catalog.institutionBySlug.get(job.institution)
  const modes = (['same', 'any'] as const).map(
    (mode) =>
      html`<a href="${selectionHref(job.id, mode)}" data-level="${job.id}" data-track="${mode}"${mode === track ? html` aria-current="true"` : ''}>${mode === 'same' ? 'same track' : 'any track'}</a>`,
  )
  return html`<section id="crosswalk" class="crosswalk" aria-labelledby="crosswalk-heading"><h2 id="crosswalk-heading" tabindex="-1">Crosswalk</h2><div id="crosswalk-body" data-level="${job.id}">${notice}<p class="source">From <strong>${institution?.shortName ?? job.institution} ${job.title}</strong>${job.jobCode ? ` (${job.jobCode})` : ''}, ${job.grade.label}, ${trackLabel(job.tracks).toLowerCase()} track, at ${pointLabel(catalog.scale.points, job.seniority.value)}${job.placedBy === 'job' ? ` (own placement; grade at ${placementLabel(catalog.scale.points, job.grade.seniority)})` : ''}. <a href="#job-${job.id}" class="to-ladder">Show it in the ladder</a></p><p class="modes">Match on: ${modes[0]} · ${modes[1]}</p><ol class="matches">${result.matches.map((match) => matchItem(catalog, match))}</ol><p class="json-links"><a href="${crosswalkJsonHref(job.id, track)}">This crosswalk as JSON</a> · <a href="/v1/levels/${encodeURIComponent(job.id)}">The job as JSON</a></p></div></section>`
}

function legend(): Html {
  return html`<ul class="legend" aria-label="Legend"><li><span class="sample job track-individual_contributor"><span class="track">Contributor</span></span> individual-contributor track (solid border)</li><li><span class="sample job track-management"><span class="track">Manager</span></span> management track (dashed border)</li><li><span class="sample band-sample"></span> a band over several points (the jobs sit at its point)</li><li><span class="sample band-sample own"></span> a job's own placement, apart from its grade's</li><li><span class="sample job selected"><span class="badge">Selected</span></span> the selected job</li><li><span class="sample job match relation-exact"><span class="badge">exact · 1.00</span></span> its match: relation · score</li></ul>`
}

export function renderLadderPage(input: LadderPageInput): string {
  const { catalog, selection, track } = input
  const highlights = highlightsOf(selection)
  const title = selection
    ? `${selection.job.title}: crosswalk · levelmap`
    : 'levelmap: job ladders on one seniority scale'
  const calibration = catalog.scale.calibration.statement
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="Job levels of ${catalog.institutions.length} institutions on one normalized seniority scale, and the crosswalk between them.">
<link rel="icon" href="${favicon}">
<style>${trustedHtml(pageStyle)}</style>
</head>
<body>
<a class="skip" href="#ladder">Skip to the ladder</a>
<header class="page"><h1>levelmap <span class="tagline">job ladders on one seniority scale</span></h1><nav aria-label="API"><a href="/docs">API documentation</a> <a href="/openapi.json">OpenAPI document</a> <a href="/v1/scale">The scale as JSON</a></nav></header>
<main>
<div class="intro"><p>Every grade of ${catalog.institutions.length} institutions' IT end-user support families, placed on one normalized seniority scale (${catalog.scale.points.length} points). Calibration: ${calibration}. Select a job to see its crosswalk to every other institution.</p>${legend()}</div>
${crosswalkPanel(input)}
${levelingPanel(catalog, input.factors, input.leveling)}
<div class="ladder-scroll">${ladderTable(catalog, track, highlights)}</div>
</main>
<footer class="page"><p>Data version ${catalog.version}. Every placement cites its source document: see <a href="/v1/institutions">/v1/institutions</a>.</p></footer>
<div id="announce" class="visually-hidden" role="status" aria-live="polite"></div>
<script>${trustedHtml(pageScript)}</script>
</body>
</html>
`
  return page.markup
}
