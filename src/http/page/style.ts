// The ladder page's style sheet, inlined (the page loads nothing else). Colours keep text at
// WCAG AA contrast or better; tracks differ by border style and a text label, not colour alone.
export const pageStyle = `
:root {
  color-scheme: light;
  --ink: #1b1d21;
  --muted: #4a4f57;
  --line: #d6d3cb;
  --paper: #f6f5f1;
  --ic: #1f4e79;
  --ic-bg: #edf3fa;
  --mgr: #7a4407;
  --mgr-bg: #fbf1e4;
  --match: #13653a;
  --match-bg: #dff2e5;
  --related: #545454;
  --related-bg: #efefef;
  --selected: #111111;
  --selected-bg: #ffe873;
  --focus: #5b21b6;
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--paper); }
a { color: #174a7c; }
a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; z-index: 10; background: #fff; padding: .5rem .75rem; }
header.page { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: .5rem 2rem; padding: 1rem 1.5rem; background: #fff; border-bottom: 1px solid var(--line); }
h1 { margin: 0; font-size: 1.45rem; letter-spacing: -.01em; }
h1 .tagline { font-weight: 400; font-size: 1rem; color: var(--muted); margin-left: .4rem; }
header nav { display: flex; gap: .25rem 1.25rem; flex-wrap: wrap; }
main { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; padding: 1rem 1.5rem 1.5rem; }
.intro p { margin: 0 0 .6rem; max-width: 60rem; }
.legend { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; list-style: none; margin: 0; padding: 0; font-size: .85rem; color: var(--muted); }
.legend li { display: flex; align-items: center; gap: .4rem; }
.legend .sample { display: inline-block; margin: 0; padding: .1rem .4rem; }
.legend .sample .badge { margin: 0; }
.legend .band-sample { width: 1.6rem; height: 1.2rem; background: #eeeae0; box-shadow: inset 4px 0 0 #a39b87; border-radius: 2px; }
.legend .band-sample.own { background: #e9eef6; box-shadow: inset 4px 0 0 #6f86a6; }
.crosswalk { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1.25rem 1rem; scroll-margin-top: .75rem; }
.crosswalk h2 { margin: 0 0 .4rem; font-size: 1.1rem; }
.crosswalk h2:focus { outline: none; }
.crosswalk h2:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.crosswalk .hint, .crosswalk .source, .crosswalk .modes { margin: .25rem 0; }
.crosswalk .modes a[aria-current="true"] { font-weight: 700; color: var(--ink); text-decoration: none; }
.message { margin: .25rem 0 .5rem; padding: .5rem .75rem; border-left: 5px solid #9b1c1c; background: #fdecec; color: #7a1212; font-weight: 600; }
.matches { list-style: none; margin: .75rem 0; padding: 0; display: grid; gap: .75rem; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); }
.match { padding: .5rem .75rem; border-left: 5px solid var(--match); background: var(--match-bg); border-radius: 0 6px 6px 0; }
.match.relation-related { border-left-color: var(--related); background: var(--related-bg); }
.match h3 { margin: 0; font-size: 1rem; }
.match h3 .institution { font-weight: 800; }
.match p { margin: .2rem 0; }
.match-jobs { font-weight: 600; }
.match-relation { font-size: .85rem; }
.rationale { font-size: .85rem; color: #30343a; }
.json-links { margin: .25rem 0 0; font-size: .9rem; }
.ladder-scroll { overflow-x: auto; position: relative; container-type: inline-size; }
table.ladder { width: 100%; min-width: 68rem; border-collapse: separate; border-spacing: 0; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
caption { caption-side: top; text-align: left; padding: 0 0 .5rem; font-size: .9rem; color: var(--muted); position: sticky; left: 0; max-width: 100cqi; }
thead th { text-align: left; vertical-align: bottom; padding: .6rem .6rem .5rem; border-bottom: 2px solid var(--ink); border-left: 1px solid var(--line); }
thead th.corner { min-width: 9rem; border-left: 0; font-size: .8rem; color: var(--muted); font-weight: 600; background: #fff; border-top-left-radius: 8px; }
thead th.corner, tbody th { position: sticky; left: 0; z-index: 2; box-shadow: inset -1px 0 0 var(--line), 3px 0 4px -2px rgba(0, 0, 0, .12); }
thead .institution { display: block; font-size: 1.05rem; font-weight: 800; }
thead .institution-name, thead .families { display: block; font-size: .75rem; font-weight: 400; color: var(--muted); line-height: 1.3; }
/* Past the scale column, an institution's name stays in view while any of its lanes shows. */
thead th[data-institution] > span { width: fit-content; position: sticky; left: 9.6rem; }
tbody th { width: 9rem; min-width: 9rem; text-align: left; vertical-align: top; padding: .6rem .75rem; background: #faf9f6; font-weight: 400; }
tbody tr:not(:first-child) > * { border-top: 1px solid var(--line); }
tbody tr > th ~ * { border-left: 1px dotted var(--line); }
tbody tr > .first-lane { border-left: 1px solid var(--line); }
.point-code { font-weight: 800; font-size: 1.05rem; }
.point-name { font-weight: 700; }
.point-summary { display: block; font-size: .78rem; color: var(--muted); line-height: 1.35; margin-top: .2rem; }
td { vertical-align: top; padding: .45rem; min-width: 8.5rem; }
td.band { background: #eeeae0; box-shadow: inset 4px 0 0 #a39b87; }
td.own { background: #e9eef6; box-shadow: inset 4px 0 0 #6f86a6; }
tbody tr:not(:first-child) > td.band-joined { border-top-style: dashed; }
.own-note { margin: -.1rem 0 .35rem; font-size: .75rem; line-height: 1.3; color: var(--muted); }
.own-note strong { color: var(--ink); }
.grade-label { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 .4rem; margin: 0 0 .3rem; font-size: .8rem; }
.grade-code { font-weight: 700; }
.placement { color: var(--muted); }
.jobs { list-style: none; margin: 0; padding: 0; }
.jobs li + li { margin-top: .35rem; }
.empty { color: var(--muted); font-size: .8rem; }
.job { display: block; padding: .35rem .5rem .4rem; border: 2px solid var(--ic); border-radius: 6px; background: var(--ic-bg); color: var(--ink); text-decoration: none; }
.job.track-management { border-style: dashed; border-color: var(--mgr); background: var(--mgr-bg); }
.job .title { display: block; font-weight: 650; line-height: 1.25; }
.job .meta { display: flex; flex-wrap: wrap; gap: 0 .5rem; margin-top: .15rem; font-size: .75rem; color: var(--muted); }
.job .code { font-variant-numeric: tabular-nums; }
.job .track { font-weight: 700; color: var(--ic); text-transform: uppercase; letter-spacing: .03em; font-size: .7rem; }
.job.track-management .track { color: var(--mgr); }
a.job { scroll-margin: 1rem 1rem 1rem 10rem; }
a.job:hover { box-shadow: 0 1px 5px rgba(0, 0, 0, .25); }
a.job:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.has-selection a.job:not(.selected):not(.match) { background: #f7f7f7; border-color: #8a8a8a; }
.has-selection a.job:not(.selected):not(.match) .track { color: #4a4a4a; }
.job.selected { background: var(--selected-bg); border: 3px solid var(--selected); }
.job.match { background: var(--match-bg); border-width: 3px; border-color: var(--match); }
.job.match.relation-related { background: var(--related-bg); border-color: var(--related); }
.badge { display: inline-block; margin-top: .3rem; padding: .05rem .45rem; border-radius: 999px; background: var(--match); color: #fff; font-size: .72rem; font-weight: 700; }
.selected .badge { background: var(--selected); }
.relation-related .badge { background: var(--related); }
.leveling { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1.25rem 1rem; }
.leveling h2 { margin: 0 0 .4rem; font-size: 1.1rem; }
.leveling label { display: block; margin-bottom: .35rem; max-width: 60rem; }
.leveling textarea { display: block; width: 100%; max-width: 60rem; min-height: 8rem; padding: .5rem .6rem; font: .9rem/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; color: var(--ink); background: #fff; border: 1px solid #8a8478; border-radius: 6px; resize: vertical; }
.leveling textarea:focus-visible, .leveling button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.leveling .form-row { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; margin: .5rem 0 0; }
.leveling button { font: inherit; font-weight: 700; padding: .4rem 1rem; color: #fff; background: var(--ic); border: 0; border-radius: 6px; cursor: pointer; }
.leveling button[aria-busy="true"] { opacity: .75; cursor: progress; }
.leveling .hint { font-size: .85rem; color: var(--muted); }
.leveling .split { margin: .75rem 0 .25rem; color: var(--muted); font-size: .9rem; }
.proposals { list-style: none; margin: .5rem 0 0; padding: 0; display: grid; gap: .75rem; }
.proposal { padding: .6rem .9rem .75rem; border: 2px solid var(--ic); border-radius: 6px; background: var(--ic-bg); }
.proposal.track-management { border-style: dashed; border-color: var(--mgr); background: var(--mgr-bg); }
.proposal h3 { margin: 0; font-size: 1.05rem; }
.proposal-grade { font-weight: 400; color: var(--muted); }
.proposal p { margin: .3rem 0; }
.landing strong { font-size: 1.05rem; }
.nearest p { margin: .3rem 0 .15rem; font-weight: 600; }
.nearest ul { margin: 0; padding-left: 1.2rem; }
.nearest li { margin: .1rem 0; }
.nearest .match-jobs { color: var(--muted); font-size: .85rem; }
.nearest .badge { margin-top: 0; }
.nearest .badge.relation-related { background: var(--related); }
table.factors { width: 100%; margin: .5rem 0; border-collapse: collapse; background: #fff; font-size: .85rem; }
table.factors caption { padding: 0 0 .25rem; font-size: .85rem; }
table.factors th, table.factors td { text-align: left; vertical-align: top; padding: .3rem .45rem; border: 1px solid var(--line); min-width: 0; }
table.factors thead th { border-bottom: 2px solid var(--ink); font-weight: 700; }
table.factors tbody th { font-weight: 600; white-space: nowrap; }
table.factors .number { text-align: right; font-variant-numeric: tabular-nums; }
.factor-level { font-weight: 700; }
footer.page { padding: 0 1.5rem 1.5rem; font-size: .85rem; color: var(--muted); }
@media (min-width: 1700px) {
  main { grid-template-columns: minmax(0, 1fr) 24rem; align-items: start; }
  .intro { grid-column: 1; grid-row: 1; }
  .leveling { grid-column: 1; grid-row: 2; }
  .ladder-scroll { grid-column: 1; grid-row: 3; }
  .crosswalk { grid-column: 2; grid-row: 1 / span 3; position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow-y: auto; }
  .matches { grid-template-columns: minmax(0, 1fr); }
}
@media (max-width: 40rem) {
  header.page { padding: .75rem; }
  h1 .tagline { display: block; margin: 0; }
  main { padding: .75rem; }
  .crosswalk { padding: .6rem .75rem .75rem; }
  table.ladder { min-width: 0; }
  tbody th, thead th.corner { width: 6.5rem; min-width: 6.5rem; padding: .5rem; }
  .point-summary { font-size: .72rem; }
  td { min-width: 7.5rem; }
  a.job { scroll-margin-left: 8rem; }
  thead th[data-institution] > span { left: 7.1rem; }
  footer.page { padding: 0 .75rem 1rem; }
}
@media (prefers-reduced-motion: no-preference) {
  .job { transition: background-color .15s, border-color .15s; }
}
`
