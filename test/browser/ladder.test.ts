// The ladder page in a real browser: Debian's chromium (apt-get install chromium) driven by
// playwright-core, against the real server started as a child process. Screenshots go to
// test-results/ (git-ignored).
import type { ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeSyntheticData } from '../bench/synthetic.js'
import { root, startServer, stopServer } from '../helpers/server.js'

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// playwright-core gives every launch a fresh temporary user-data-dir and removes it on close.
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
const screenshots = join(root, 'test-results')
const viewport = { width: 1440, height: 900 }

const harvardProfessional = 'harvard.10657P'
const ladder = readFileSync(join(root, 'test/fixtures/ladder.txt'), 'utf8')
// In the panel's order: best first (score, then distance, then name).
const expectedMatches = {
  columbia: 'columbia.service-specialist',
  'new-mexico': 'new-mexico.IEUP17',
  missouri: 'missouri.senior-client-support-technician',
  'north-carolina': 'north-carolina.technology-support-analyst-journey',
}

// axe-core checks the page against WCAG 2.1 A and AA (contrast, table headers, names, roles).
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const axeRun = `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
  .then((results) => results.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`

// Page scripts are passed as strings: the test is compiled without the DOM library.
const focusedLevel = "document.activeElement?.getAttribute('data-level') ?? null"
const focusedId = 'document.activeElement?.id ?? null'

/** Whether the whole of an element is inside the viewport. */
async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.evaluate<boolean>(`(() => {
    const box = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect()
    return box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth
  })()`)
}

/** The vertical extent of an element on the page. */
async function verticalBox(page: Page, selector: string): Promise<{ top: number; bottom: number }> {
  return page.evaluate<{ top: number; bottom: number }>(`(() => {
    const box = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect()
    return { top: box.top + scrollY, bottom: box.bottom + scrollY }
  })()`)
}

let server: { child: ChildProcess; base: string }
let browser: Browser
let levels: { id: string; title: string }[]

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true })
  server = await startServer({ LEVELMAP_DB: ':memory:' })
  const response = await fetch(`${server.base}/v1/levels?limit=100`)
  levels = ((await response.json()) as { items: { id: string; title: string }[] }).items
  browser = await chromium.launch({ executablePath, args, headless: true })
})

afterAll(async () => {
  await browser?.close()
  if (server) await stopServer(server.child)
})

/** A page that fails the test on any script error or console error (a CSP violation included). */
async function openPage(context: BrowserContext, path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  const response = await page.goto(`${server.base}${path}`)
  expect(response?.status()).toBe(200)
  return { page, errors }
}

async function jobIds(page: Page, selector: string): Promise<string[]> {
  return page
    .locator(`#ladder ${selector}`)
    .evaluateAll((links) => links.map((link) => link.getAttribute('data-level') ?? ''))
}

/** The selection as the page shows it: marked boxes, their badges, and the crosswalk panel. */
async function expectHarvardProfessionalSelected(page: Page) {
  expect(await jobIds(page, 'a.job.selected')).toEqual([harvardProfessional])
  expect(await page.locator(`#ladder a.job[data-level="${harvardProfessional}"]`).getAttribute('aria-current')).toBe(
    'true',
  )
  expect((await jobIds(page, 'a.job.match')).sort()).toEqual(Object.values(expectedMatches).sort())
  for (const id of [expectedMatches.columbia, expectedMatches['new-mexico']]) {
    const box = page.locator(`#ladder a.job[data-level="${id}"]`)
    await expect.poll(() => box.getAttribute('class')).toContain('relation-exact')
    expect(await box.locator('.badge').textContent()).toBe('exact · 1.00')
    expect(await box.locator('.badge').isVisible()).toBe(true)
  }
  const columbiaCell = page.locator('#ladder td[data-grade="columbia.12"]')
  expect(await columbiaCell.locator('a.job.match').count()).toBe(1)
  const newMexicoCell = page.locator('#ladder td[data-grade="new-mexico.IC"]')
  expect(await newMexicoCell.locator('a.job.match').count()).toBe(1)

  const panel = page.locator('#crosswalk')
  expect(await panel.locator('.source').textContent()).toBe(
    'From Harvard User Support Professional III (10657P), Grade Level 57, contributor track, at S3 Career (own placement; grade at S3, band S3–S4). Show it in the ladder',
  )
  const items = panel.locator('li.match')
  expect(await items.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-institution')))).toEqual(
    Object.keys(expectedMatches),
  )
  const columbia = panel.locator('li.match[data-institution="columbia"]')
  expect(await columbia.locator('h3').textContent()).toBe('Columbia Grade 12')
  expect(await columbia.locator('.match-jobs').textContent()).toBe('Service Specialist')
  expect(await columbia.locator('.match-relation').textContent()).toBe('exact score 1.00 · same point · S3')
  expect(await columbia.locator('.rationale').textContent()).toContain('an exact match')
  const newMexico = panel.locator('li.match[data-institution="new-mexico"]')
  expect(await newMexico.locator('h3').textContent()).toBe('New Mexico Pay Band IC')
  expect(await newMexico.locator('.match-relation .badge').textContent()).toBe('exact')
  expect(await panel.getByRole('link', { name: 'This crosswalk as JSON' }).getAttribute('href')).toBe(
    `/v1/crosswalk?level=${harvardProfessional}`,
  )
}

describe('the ladder page in chromium', () => {
  it('shows all 24 jobs in a table with a column per institution and a row per scale point', async () => {
    const context = await browser.newContext({ viewport })
    const { page, errors } = await openPage(context, '/')
    expect(levels).toHaveLength(24)
    const shown = await page.locator('#ladder a.job').evaluateAll((links) =>
      links.map((link) => ({
        id: link.getAttribute('data-level'),
        title: link.querySelector('.title')?.textContent,
      })),
    )
    expect(shown.map((job) => job.id).sort()).toEqual(levels.map((level) => level.id).sort())
    for (const level of levels) expect(shown).toContainEqual({ id: level.id, title: level.title })
    for (const link of await page.locator('#ladder a.job').all()) expect(await link.isVisible()).toBe(true)
    expect(await page.locator('#ladder thead th[scope="col"][data-institution]').allTextContents()).toHaveLength(5)
    expect(await page.locator('#ladder tbody th[scope="row"] .point-code').allTextContents()).toEqual([
      'S7',
      'S6',
      'S5',
      'S4',
      'S3',
      'S2',
      'S1',
    ])
    expect(await page.getByRole('link', { name: 'API documentation' }).getAttribute('href')).toBe('/docs')
    await page.screenshot({ animations: 'disabled', path: join(screenshots, 'ladder.png'), fullPage: true })
    expect(errors).toEqual([])
    await context.close()
  })

  it('selects Harvard User Support Professional III by keyboard and highlights Columbia grade 12 and New Mexico IC', async () => {
    const context = await browser.newContext({ viewport })
    const { page, errors } = await openPage(context, '/')
    // A marker that survives only if the selection happens without loading another page.
    await page.evaluate('window.stayed = true')
    let focused: string | null = null
    for (let presses = 0; presses < 80 && focused !== harvardProfessional; presses++) {
      await page.keyboard.press('Tab')
      focused = await page.evaluate<string | null>(focusedLevel)
    }
    expect(focused).toBe(harvardProfessional)
    await page.keyboard.press('Enter')
    await page.locator(`#crosswalk-body[data-level="${harvardProfessional}"]`).waitFor()
    await expectHarvardProfessionalSelected(page)
    // In place: the same document, the URL rewritten, the selection announced. The panel was out of
    // view once the ladder had scrolled to the job, so it is brought into view with the focus.
    expect(await page.evaluate('window.stayed')).toBe(true)
    expect(new URL(page.url()).search).toBe(`?level=${harvardProfessional}`)
    expect(await page.evaluate(focusedId)).toBe('crosswalk-heading')
    await expect.poll(() => inViewport(page, '#crosswalk-heading')).toBe(true)
    expect(await page.locator('#announce').textContent()).toMatch(
      /^Selected Harvard User Support Professional III\. Columbia Grade 12, Service Specialist: exact\./,
    )
    await page.screenshot({ animations: 'disabled', path: join(screenshots, 'ladder-selected.png'), fullPage: true })
    expect(errors).toEqual([])
    await context.close()
  })

  it('selects by click, replacing an earlier selection, and switches to any track in place', async () => {
    const context = await browser.newContext({ viewport })
    const { page, errors } = await openPage(context, '/')
    await page.locator('#ladder a.job[data-level="columbia.manager-client-solutions-email-systems"]').click()
    await page.locator('#crosswalk-body[data-level="columbia.manager-client-solutions-email-systems"]').waitFor()
    expect(await jobIds(page, 'a.job.match')).toContain('harvard.10658M')
    await page.locator(`#ladder a.job[data-level="${harvardProfessional}"]`).click()
    await page.locator(`#crosswalk-body[data-level="${harvardProfessional}"]`).waitFor()
    await expectHarvardProfessionalSelected(page)
    expect(await page.locator('#ladder .badge').count()).toBe(5)

    await page.locator('#crosswalk').getByRole('link', { name: 'any track' }).click()
    await expect.poll(() => page.url()).toBe(`${server.base}/?level=${harvardProfessional}&track=any`)
    expect(await page.locator('#crosswalk .modes a[aria-current="true"]').textContent()).toBe('any track')
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('any track')
    expect(
      await page.locator('#crosswalk').getByRole('link', { name: 'This crosswalk as JSON' }).getAttribute('href'),
    ).toBe(`/v1/crosswalk?level=${harvardProfessional}&track=any`)
    expect(await page.locator(`#ladder a.job[data-level="${expectedMatches.columbia}"]`).getAttribute('href')).toBe(
      `/?level=columbia.service-specialist&track=any`,
    )
    expect(errors).toEqual([])
    await context.close()
  })

  it('meets WCAG 2.1 AA as axe-core checks it, before and after a selection', async () => {
    const context = await browser.newContext({ viewport })
    const { page, errors } = await openPage(context, '/')
    await page.evaluate(axeSource)
    expect(await page.evaluate<string[]>(axeRun)).toEqual([])
    await page.locator(`#ladder a.job[data-level="${harvardProfessional}"]`).click()
    await page.locator(`#crosswalk-body[data-level="${harvardProfessional}"]`).waitFor()
    expect(await page.evaluate<string[]>(axeRun)).toEqual([])
    expect(errors).toEqual([])
    // The page for an unknown level (its 404 is logged by the browser as a console error).
    const missing = await page.goto(`${server.base}/?level=nobody.here`)
    expect(missing?.status()).toBe(404)
    await page.evaluate(axeSource)
    expect(await page.evaluate<string[]>(axeRun)).toEqual([])
    await context.close()
  })

  it('works without JavaScript: the full table, and the selection rendered by the server', async () => {
    const context = await browser.newContext({ viewport, javaScriptEnabled: false })
    const { page, errors } = await openPage(context, '/')
    expect(await page.locator('#ladder a.job').count()).toBe(24)
    await page.locator(`#ladder a.job[data-level="${harvardProfessional}"]`).click()
    await page.waitForURL(`${server.base}/?level=${harvardProfessional}`)
    await expectHarvardProfessionalSelected(page)
    expect(await page.locator('#announce').textContent()).toBe('')
    await page.screenshot({
      animations: 'disabled',
      path: join(screenshots, 'ladder-no-javascript.png'),
      fullPage: true,
    })
    expect(errors).toEqual([])
    await context.close()
  })

  it('draws each job in the row of its point: Harvard 58 at S4, and a job placed apart from its grade on its own point', async () => {
    const context = await browser.newContext({ viewport })
    const { page, errors } = await openPage(context, '/')
    const row = (code: string) => verticalBox(page, `#point-${code}`)
    const job = (id: string) => verticalBox(page, `#ladder a.job[data-level="${id}"]`)
    const within = (inner: { top: number; bottom: number }, outer: { top: number; bottom: number }) =>
      inner.top >= outer.top && inner.bottom <= outer.bottom
    // Grade 58 sits at S4 with a band up to S5: Prof IV is drawn in the S4 row, not the S5 row.
    expect(within(await job('harvard.10658P'), await row('S4'))).toBe(true)
    // Its Mgt IV is placed apart, at S5 [S4–S5]; grade 57's Mgt III at S4 [S3–S4], Prof III at S3.
    expect(within(await job('harvard.10658M'), await row('S5'))).toBe(true)
    expect(within(await job('harvard.10657M'), await row('S4'))).toBe(true)
    expect(within(await job('harvard.10657P'), await row('S3'))).toBe(true)
    // Every job lies inside the row of its own point.
    for (const level of levels) {
      const detail = (await (await fetch(`${server.base}/v1/levels/${level.id}`)).json()) as {
        seniority: { value: number }
      }
      expect(within(await job(level.id), await row(`S${detail.seniority.value}`)), level.id).toBe(true)
    }
    // A placement of its own says so, and names the grade's.
    const own = page.locator('#ladder td.own[data-grade="harvard.58"]')
    expect(await own.locator('.own-note').textContent()).toBe('Own placement; grade at S4, band S4–S5')
    expect(await own.locator('.own-note').isVisible()).toBe(true)
    await page.locator('th[data-institution="harvard"]').scrollIntoViewIfNeeded()
    const table = await page.locator('#ladder').boundingBox()
    const harvard = await page.locator('th[data-institution="harvard"]').boundingBox()
    if (!table || !harvard) throw new Error('the ladder is laid out')
    await page.screenshot({
      animations: 'disabled',
      path: join(screenshots, 'ladder-placements.png'),
      fullPage: true,
      clip: { x: table.x, y: harvard.y, width: harvard.x + harvard.width - table.x, height: table.height },
    })
    expect(errors).toEqual([])
    await context.close()
  })

  it('brings the crosswalk into view when a job low on the page is selected, and leads back to the job', async () => {
    const context = await browser.newContext({ viewport })
    const { page, errors } = await openPage(context, '/')
    const low = 'new-mexico.IEUP13'
    await page.locator(`#ladder a.job[data-level="${low}"]`).scrollIntoViewIfNeeded()
    expect(await inViewport(page, '#crosswalk-heading')).toBe(false)
    await page.locator(`#ladder a.job[data-level="${low}"]`).click()
    await page.locator(`#crosswalk-body[data-level="${low}"]`).waitFor()
    await expect.poll(() => inViewport(page, '#crosswalk-heading')).toBe(true)
    expect(await page.evaluate(focusedId)).toBe('crosswalk-heading')
    expect(await page.locator('#crosswalk .source').textContent()).toContain('IT End User Support I')
    await page.screenshot({ animations: 'disabled', path: join(screenshots, 'ladder-panel-in-view.png') })
    // The panel leads back to the job in the ladder, and keyboard focus goes with it.
    await page.locator('#crosswalk').getByRole('link', { name: 'Show it in the ladder' }).click()
    await expect.poll(() => page.evaluate(focusedLevel)).toBe(low)
    await expect.poll(() => inViewport(page, `#ladder a.job[data-level="${low}"]`)).toBe(true)
    // A selection whose panel is already in view moves neither the page nor the focus.
    await page.evaluate('window.scrollTo(0, 0)')
    await page.locator('#ladder a.job[data-level="columbia.assistant-service-specialist"]').focus()
    const before = await page.evaluate<number>('window.scrollY')
    await page.keyboard.press('Enter')
    await page.locator('#crosswalk-body[data-level="columbia.assistant-service-specialist"]').waitFor()
    if (await inViewport(page, '#crosswalk-heading')) {
      expect(await page.evaluate(focusedLevel)).toBe('columbia.assistant-service-specialist')
      expect(await page.evaluate<number>('window.scrollY')).toBe(before)
    }
    expect(errors).toEqual([])
    await context.close()
  })

  it('returns to the previous selection on Back, and to no selection before the first', async () => {
    const context = await browser.newContext({ viewport })
    const { page, errors } = await openPage(context, '/')
    await page.evaluate('window.stayed = true')
    const manager = 'columbia.manager-client-solutions-email-systems'
    await page.locator(`#ladder a.job[data-level="${manager}"]`).click()
    await page.locator(`#crosswalk-body[data-level="${manager}"]`).waitFor()
    await page.locator(`#ladder a.job[data-level="${harvardProfessional}"]`).click()
    await page.locator(`#crosswalk-body[data-level="${harvardProfessional}"]`).waitFor()
    await page.locator('#crosswalk').getByRole('link', { name: 'any track' }).click()
    await expect.poll(() => page.url()).toBe(`${server.base}/?level=${harvardProfessional}&track=any`)

    await page.goBack()
    await expect.poll(() => page.url()).toBe(`${server.base}/?level=${harvardProfessional}`)
    await page.locator('#crosswalk .modes a[data-track="same"][aria-current="true"]').waitFor()
    await expectHarvardProfessionalSelected(page)

    await page.goBack()
    await expect.poll(() => page.url()).toBe(`${server.base}/?level=${manager}`)
    await page.locator(`#crosswalk-body[data-level="${manager}"]`).waitFor()
    expect(await jobIds(page, 'a.job.selected')).toEqual([manager])
    expect(await jobIds(page, 'a.job.match')).toContain('harvard.10658M')
    expect(await page.title()).toBe('Manager, Client Solutions & Email Systems: crosswalk · levelmap')
    await expect.poll(() => inViewport(page, '#crosswalk-heading')).toBe(true)
    await page.screenshot({ animations: 'disabled', path: join(screenshots, 'ladder-back.png') })

    await page.goBack()
    await expect.poll(() => page.url()).toBe(`${server.base}/`)
    await page.locator('#crosswalk .hint').waitFor()
    expect(await jobIds(page, 'a.job.selected')).toEqual([])
    expect(await jobIds(page, 'a.job.match')).toEqual([])
    expect(await page.locator('#ladder .badge').count()).toBe(0)
    expect(await page.title()).toBe('levelmap: job ladders on one seniority scale')

    await page.goForward()
    await page.locator(`#crosswalk-body[data-level="${manager}"]`).waitFor()
    expect(await jobIds(page, 'a.job.selected')).toEqual([manager])
    // All of it in the one document: no page was loaded again.
    expect(await page.evaluate('window.stayed')).toBe(true)
    expect(errors).toEqual([])
    await context.close()
  })

  it('returns to the previous selection on Back without JavaScript too', async () => {
    const context = await browser.newContext({ viewport, javaScriptEnabled: false })
    const { page, errors } = await openPage(context, '/')
    await page.locator(`#ladder a.job[data-level="${harvardProfessional}"]`).click()
    await page.waitForURL(`${server.base}/?level=${harvardProfessional}`)
    await page.locator('#ladder a.job[data-level="new-mexico.IEUP13"]').click()
    await page.waitForURL(`${server.base}/?level=new-mexico.IEUP13`)
    await page.goBack()
    await page.waitForURL(`${server.base}/?level=${harvardProfessional}`)
    await expectHarvardProfessionalSelected(page)
    expect(errors).toEqual([])
    await context.close()
  })

  it('fits a 390 px phone: the page does not scroll sideways, the scale column stays, the caption is whole', async () => {
    const phone = { width: 390, height: 844 }
    const context = await browser.newContext({ viewport: phone, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })
    const { page, errors } = await openPage(context, '/')
    // Only the ladder scrolls sideways, inside its own box.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(phone.width)
    const scroller = page.locator('.ladder-scroll')
    const widths = await scroller.evaluate((node) => ({ scroll: node.scrollWidth, client: node.clientWidth }))
    expect(widths.scroll).toBeGreaterThan(widths.client)
    // The caption's text lies inside the viewport, before and after scrolling the ladder.
    const captionText = () =>
      page.evaluate<{ left: number; right: number }>(`(() => {
        const range = document.createRange()
        range.selectNodeContents(document.querySelector('#ladder caption'))
        const box = range.getBoundingClientRect()
        return { left: box.left, right: box.right }
      })()`)
    const scrollerBox = await scroller.boundingBox()
    if (!scrollerBox) throw new Error('the ladder is laid out')
    for (const scrollLeft of [0, 600]) {
      await scroller.evaluate((node, left) => {
        node.scrollLeft = left
      }, scrollLeft)
      const text = await captionText()
      expect(text.left).toBeGreaterThanOrEqual(0)
      expect(text.right).toBeLessThanOrEqual(phone.width)
      // The scale column sticks to the left edge of the ladder's box (inside the table's 1 px border).
      for (const code of ['S7', 'S4', 'S1']) {
        const header = await page.locator(`#point-${code}`).boundingBox()
        expect(Math.abs((header?.x ?? -1) - scrollerBox.x)).toBeLessThanOrEqual(1.5)
      }
    }
    // And stays on top: the cell under the scale column's middle is the row header.
    const s4 = await page.locator('#point-S4').boundingBox()
    if (!s4) throw new Error('S4 is laid out')
    await page.locator('#point-S4').scrollIntoViewIfNeeded()
    const topmost = await page.evaluate<string | null>(
      `(() => { const box = document.getElementById('point-S4').getBoundingClientRect(); return document.elementFromPoint(box.left + box.width / 2, box.top + 12)?.closest('th')?.id ?? null })()`,
    )
    expect(topmost).toBe('point-S4')
    await page.locator('#ladder caption').scrollIntoViewIfNeeded()
    await page.screenshot({ animations: 'disabled', path: join(screenshots, 'ladder-phone-scrolled.png') })
    await scroller.evaluate((node) => {
      node.scrollLeft = 0
    })
    await page.evaluate('window.scrollTo(0, 0)')
    await page.screenshot({ animations: 'disabled', path: join(screenshots, 'ladder-phone.png') })
    await page.evaluate(axeSource)
    expect(await page.evaluate<string[]>(axeRun)).toEqual([])
    // A selection on the phone: the panel comes into view.
    await page.locator('#ladder a.job[data-level="missouri.client-support-technician"]').tap()
    await page.locator('#crosswalk-body[data-level="missouri.client-support-technician"]').waitFor()
    await expect.poll(() => inViewport(page, '#crosswalk-heading')).toBe(true)
    await page.screenshot({ animations: 'disabled', path: join(screenshots, 'ladder-phone-selected.png') })
    expect(await page.evaluate<string[]>(axeRun)).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })

  it('places a pasted job description in place, with its factors and nearest grades', async () => {
    const context = await browser.newContext({ viewport })
    const { page, errors } = await openPage(context, '/')
    await page.evaluate('window.stayed = true')
    await page.getByLabel(/Paste a job description/).fill(ladder)
    await page.getByRole('button', { name: 'Place it on the scale' }).click()
    await page.locator('#leveling-result .proposal').first().waitFor()
    expect(await page.evaluate('window.stayed')).toBe(true)
    const proposals = page.locator('#leveling-result .proposal')
    expect(await proposals.count()).toBe(6)
    const first = proposals.first()
    expect(await first.locator('h3').textContent()).toBe('Desktop Technician I (grade 21)')
    // The point, band and confidence are the model's (a refit may move the band and confidence).
    expect(await first.locator('.landing').textContent()).toMatch(
      /^Lands at S1 Entry · (?:no wider band|band S1–S\d) · contributor track · confidence 0\.\d\d$/,
    )
    expect(await first.locator('.nearest li').first().textContent()).toMatch(/ exact · 1\.00$/)
    expect(await first.locator('table.factors tbody tr').count()).toBeGreaterThanOrEqual(4)
    expect(await page.locator('#announce').textContent()).toMatch(
      /^6 jobs placed: Desktop Technician I \(grade 21\), S1 Entry; /,
    )
    await page.evaluate(axeSource)
    expect(await page.evaluate<string[]>(axeRun)).toEqual([])
    await page.locator('#leveling').screenshot({ path: join(screenshots, 'leveling-box.png') })
    await page.screenshot({ path: join(screenshots, 'leveling.png'), fullPage: true })
    // A nearest grade is a link to its selection in the ladder.
    await first.getByRole('link', { name: 'Missouri Pay grade IT2' }).click()
    await page.locator('#crosswalk-body[data-level="missouri.client-support-technician"]').waitFor()
    expect(errors).toEqual([])
    await context.close()
  })

  it('asks for every institution: with 30 institutions the in-place crosswalk matches all 29 others', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'levelmap-page-'))
    writeSyntheticData(join(root, 'data'), dataDir, 25)
    const many = await startServer({ LEVELMAP_DB: ':memory:', LEVELMAP_DATA_DIR: dataDir })
    try {
      const context = await browser.newContext({ viewport })
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.message))
      const asked: string[] = []
      page.on('request', (request) => {
        if (request.url().includes('/v1/crosswalk')) asked.push(new URL(request.url()).search)
      })
      await page.goto(`${many.base}/`)
      expect(await page.locator('#ladder thead th[data-institution]').count()).toBe(30)
      await page.locator(`#ladder a.job[data-level="${harvardProfessional}"]`).click()
      await page.locator(`#crosswalk-body[data-level="${harvardProfessional}"]`).waitFor()
      const institutions = await page
        .locator('#crosswalk li.match')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-institution')))
      expect(institutions).toHaveLength(29)
      expect(institutions).toContain('synthetic-0025')
      expect(asked.every((search) => search.includes('limit=100'))).toBe(true)
      // The server's own rendering of the same selection agrees.
      const served = await (await fetch(`${many.base}/?level=${harvardProfessional}`)).text()
      expect(served.match(/<li class="match /g)).toHaveLength(29)
      await page
        .locator('#crosswalk')
        .screenshot({ animations: 'disabled', path: join(screenshots, 'ladder-many-institutions.png') })
      expect(errors).toEqual([])
      await context.close()
    } finally {
      await stopServer(many.child)
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('places a pasted job description without JavaScript, the server rendering the answer', async () => {
    const context = await browser.newContext({ viewport, javaScriptEnabled: false })
    const { page, errors } = await openPage(context, '/')
    await page.getByLabel(/Paste a job description/).fill(ladder)
    await page.getByRole('button', { name: 'Place it on the scale' }).click()
    await page.waitForURL(`${server.base}/#leveling`)
    expect(await page.locator('#leveling-result .proposal').count()).toBe(6)
    expect(await page.locator('#leveling-text').inputValue()).toBe(ladder)
    await page.screenshot({ path: join(screenshots, 'leveling-no-javascript.png') })
    expect(errors).toEqual([])
    await context.close()
  })
})
