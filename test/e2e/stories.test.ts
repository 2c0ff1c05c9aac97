import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../helpers/app.js'
import { buildPerson } from '../helpers/factories.js'
import { expectOneH1, logIn, openPage, seedAdmin, seedStewardWithCommunities } from './flows.js'
import { launchBrowser, startE2eServer, type E2eServer, UNTIL_SHOWN } from './harness.js'
import { expectAccessible, postIdOf, screenshot } from './knowledge-support.js'

// A real two-second VP8 WebM (see test/fixtures/media/README.md): Debian's Chromium has no H.264.
const VIDEO = fs.readFileSync(path.resolve('test/fixtures/media/tiny.webm'))
const CAPTIONS = 'WEBVTT\n\n00:00.000 --> 00:01.500\nThis is where the pipeline began.\n'

describe.each(DIALECTS)(
  'browser on %s: stories with video, series, practices and adoption, anonymous lessons, and search over all of them',
  (dialect) => {
    let server: E2eServer
    let browser: Browser
    let storyId: number

    beforeAll(async () => {
      server = await startE2eServer(dialect)
      browser = await launchBrowser()
      await seedAdmin(server)
      await seedStewardWithCommunities(server)
      await buildPerson(server.app, { name: 'Ana Newcomer', email: 'ana@example.com' })
    })
    afterAll(async () => {
      await browser?.close()
      await server?.close()
    })

    it('uploads a story’s video with a progress bar, adds captions and a transcript, and plays it', async () => {
      const { context, page, problems } = await openPage(browser, server)
      await logIn(page, 'sam@example.com')
      await page.goto('/communities/data-engineering/new?kind=story')
      await expectOneH1(page, 'Share in Data engineering')
      await page.getByLabel('Title').fill('How the pipeline was born')
      await page.getByLabel('The story', { exact: true }).fill('In 2019 three of us wrote the first **nightly** job.')
      await page.getByLabel('Series name').fill('pipeline history')
      await page.getByLabel('Chapter number').fill('1')
      // A slow uplink, so the progress bar is seen moving (4 KB/s for an 8 KB file).
      const cdp = await context.newCDPSession(page)
      await cdp.send('Network.enable')
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 4096 })
      await page.getByLabel('Add files').setInputFiles({ name: 'first-job.webm', mimeType: 'video/webm', buffer: VIDEO })
      const bar = page.getByRole('progressbar', { name: /Uploading first-job\.webm/ })
      await bar.waitFor()
      await expect(bar.getAttribute('max')).resolves.toBe(String(VIDEO.length))
      await expectAccessible(page)
      await page.getByText('first-job.webm is uploaded.').waitFor()
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
      await expect.poll(() => bar.count(), UNTIL_SHOWN).toBe(0)
      await page.getByLabel('Transcript of first-job.webm').fill('Narrator: this is where the pipeline began.')
      await page.getByLabel('Captions of first-job.webm (WebVTT)').fill(CAPTIONS)
      await page.getByRole('button', { name: 'Save transcript and captions' }).click()
      await page.getByText('Saved the text of first-job.webm.').waitFor()
      await screenshot(page, 'editor-story')
      await page.getByRole('button', { name: 'Share the story' }).click()
      await expectOneH1(page, 'How the pipeline was born')
      storyId = postIdOf(page)

      const video = page.locator('video[aria-label="first-job.webm"]')
      await video.waitFor()
      expect(await video.locator('track').getAttribute('kind')).toBe('captions')
      // Play it, muted (autoplay rules), and see the browser decode frames and move forward in time.
      await video.evaluate((v: HTMLVideoElement) => {
        v.muted = true
        return v.play()
      })
      await page.waitForFunction(() => {
        const v = document.querySelector('video')
        return v !== null && v.readyState >= 2 && v.currentTime > 0.2
      })
      const cues = await page.waitForFunction(() => {
        const track = document.querySelector('video')?.textTracks[0]
        return track && track.cues && track.cues.length > 0 ? (track.cues[0] as VTTCue).text : null
      })
      expect(await cues.jsonValue()).toBe('This is where the pipeline began.')
      await page.getByText('Transcript').click()
      await page.getByText('Narrator: this is where the pipeline began.').waitFor()
      await expectAccessible(page)
      await screenshot(page, 'story-video')

      // A second chapter links back to the first, and the first forward to it.
      await page.goto('/communities/data-engineering/new?kind=story')
      await page.getByLabel('Title').fill('The first outage')
      await page.getByLabel('The story', { exact: true }).fill('Then came the night the backfill ran twice.')
      await page.getByLabel('Series name').fill('pipeline history')
      await page.getByLabel('Chapter number').fill('2')
      await page.getByRole('button', { name: 'Share the story' }).click()
      await expectOneH1(page, 'The first outage')
      const chapters = page.getByRole('navigation', { name: 'Chapters of this series' })
      await expect.poll(() => chapters.textContent(), UNTIL_SHOWN).toContain('Chapter 2 of 2')
      await chapters.getByRole('link', { name: 'Previous chapter: How the pipeline was born' }).click()
      await expectOneH1(page, 'How the pipeline was born')
      await page.getByRole('link', { name: 'Next chapter: The first outage' }).waitFor()
      expect(problems).toEqual([])
      await context.close()
    })

    it('shares a practice that a person and a community adopt, and an anonymous lesson', async () => {
      const sam = await openPage(browser, server)
      await logIn(sam.page, 'sam@example.com')
      await sam.page.goto('/communities/data-engineering/new?kind=practice')
      await sam.page.getByLabel('Title').fill('Contract tests for every service')
      await sam.page
        .getByLabel('The practice in short', { exact: true })
        .fill('Every service publishes a contract; consumers test against it.')
      await sam.page.getByLabel('Context', { exact: true }).fill('Teams broke each other’s APIs weekly.')
      await sam.page.getByLabel('Steps', { exact: true }).fill('1. Write the contract\n2. Run it in CI')
      await sam.page.getByLabel('Evidence', { exact: true }).fill('Breaking changes fell from 6 to 0 a month.')
      await expectAccessible(sam.page)
      await sam.page.getByRole('button', { name: 'Share the practice' }).click()
      await expectOneH1(sam.page, 'Contract tests for every service')
      for (const heading of ['Context', 'Steps', 'Evidence']) await sam.page.getByRole('heading', { name: heading, level: 3 }).waitFor()
      await sam.page.getByRole('region', { name: 'Steps' }).locator('ol li', { hasText: 'Run it in CI' }).waitFor()
      // Sam stewards Testing, so he can record that the whole community adopted it.
      await sam.page.getByLabel('Adopt as').selectOption({ label: 'Testing (a community I steward)' })
      await sam.page.getByLabel('How it went (optional)').fill('All twelve services by March')
      await sam.page.getByRole('button', { name: 'Record the adoption' }).click()
      await sam.page.getByText('Testing adopted this practice.').waitFor()
      const practiceUrl = sam.page.url()

      const ana = await openPage(browser, server)
      await logIn(ana.page, 'ana@example.com')
      await ana.page.goto(practiceUrl)
      await ana.page.getByRole('button', { name: 'Record the adoption' }).waitFor()
      await expect.poll(() => ana.page.getByLabel('Adopt as').locator('option').allTextContents(), UNTIL_SHOWN).toEqual(['Me'])
      await ana.page.getByRole('button', { name: 'Record the adoption' }).click()
      await ana.page.getByText('You adopted this practice.').waitFor()
      const adoptions = ana.page.getByRole('list', { name: 'Adoptions' })
      await expect.poll(() => adoptions.textContent(), UNTIL_SHOWN).toContain('Testing')
      await expect.poll(() => adoptions.textContent(), UNTIL_SHOWN).toContain('All twelve services by March')
      await expect.poll(() => adoptions.textContent(), UNTIL_SHOWN).toContain('Ana Newcomer')
      await ana.page.getByRole('button', { name: 'Record the adoption' }).click()
      await expect.poll(() => ana.page.getByRole('alert').textContent(), UNTIL_SHOWN).toContain('already adopted')
      await expectAccessible(ana.page)
      await screenshot(ana.page, 'practice-adopted')

      await ana.page.goto('/communities/data-engineering/new?kind=lesson')
      await ana.page.getByLabel('Title').fill('The backfill that ran twice')
      await ana.page.getByLabel('Summary', { exact: true }).fill('Retries without idempotency double-count.')
      await ana.page.getByLabel('What happened', { exact: true }).fill('A retry re-ran a finished partition.')
      await ana.page.getByLabel('What we learned', { exact: true }).fill('Jobs must be idempotent.')
      await ana.page.getByLabel('What we’d do differently', { exact: true }).fill('Delete-then-insert in one transaction.')
      await ana.page.getByLabel('Post anonymously').check()
      await expectAccessible(ana.page)
      await ana.page.getByRole('button', { name: 'Share the lesson' }).click()
      await expectOneH1(ana.page, 'The backfill that ran twice')
      const lesson = ana.page.getByRole('article', { name: 'The backfill that ran twice' })
      await expect.poll(() => lesson.locator('.byline').textContent(), UNTIL_SHOWN).toContain('Anonymous')
      await expect.poll(() => lesson.getByRole('link', { name: 'Ana Newcomer' }).count(), UNTIL_SHOWN).toBe(0)
      await lesson.getByRole('heading', { name: 'What we’d do differently' }).waitFor()
      // The community home lists it as a summary: title, plain-text excerpt, "Anonymous"; the full lesson is on its thread.
      await ana.page.goto('/communities/data-engineering')
      const listed = ana.page
        .getByRole('list', { name: 'Lessons' })
        .getByRole('listitem')
        .filter({ hasText: 'The backfill that ran twice' })
      await expect
        .poll(() => listed.locator('.post-summary-excerpt').textContent(), UNTIL_SHOWN)
        .toBe('Retries without idempotency double-count.')
      await expect.poll(() => listed.locator('.byline').textContent(), UNTIL_SHOWN).toContain('Anonymous')
      await expect.poll(() => listed.getByRole('link', { name: 'Ana Newcomer' }).count(), UNTIL_SHOWN).toBe(0)
      await listed.getByRole('link', { name: 'The backfill that ran twice' }).click()
      await ana.page
        .getByRole('article', { name: 'The backfill that ran twice' })
        .getByRole('heading', { name: 'What we learned' })
        .waitFor()
      expect([...sam.problems, ...ana.problems]).toEqual([])
      await sam.context.close()
      await ana.context.close()
    })

    it('finds the story, the practice and the lesson in search, with highlighted snippets and filters', async () => {
      const { context, page, problems } = await openPage(browser, server)
      await logIn(page, 'ana@example.com')
      await page.goto('/search?q=pipeline')
      await expectOneH1(page, 'Search')
      const results = page.getByRole('list', { name: 'Results' })
      await results.getByRole('link', { name: 'How the pipeline was born' }).waitFor()
      await page.getByLabel('Search for').fill('nightly job')
      await page.getByRole('button', { name: 'Search' }).click()
      await expect.poll(() => results.locator('mark').allTextContents(), UNTIL_SHOWN).toEqual(['nightly', 'job'])
      await expectAccessible(page)
      await screenshot(page, 'search')

      await page.getByLabel('Search for').fill('contract')
      await page.getByLabel('Kind').selectOption('practice')
      await page.getByRole('button', { name: 'Search' }).click()
      await results.getByRole('link', { name: 'Contract tests for every service' }).waitFor()
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'result' }).textContent(), UNTIL_SHOWN)
        .toBe('1 result for “contract”.')
      expect(new URL(page.url()).searchParams.get('kind')).toBe('practice')

      await page.getByLabel('Search for').fill('idempotent')
      await page.getByLabel('Kind').selectOption('')
      await page.getByRole('button', { name: 'Search' }).click()
      await results.getByRole('link', { name: 'The backfill that ran twice' }).waitFor()
      await page.getByLabel('Kind').selectOption('story')
      await page.getByRole('button', { name: 'Search' }).click()
      await page.getByText('Nothing found for “idempotent”.').waitFor()

      // Filtered by author: Sam's practice is found; Ana's lesson is anonymous, so it is never found by her name.
      await page.getByLabel('Kind').selectOption('')
      const pickAuthor = async (name: string) => {
        await page.getByRole('searchbox', { name: 'Author' }).fill(name.split(' ')[0]!)
        await page.getByRole('button', { name: new RegExp(`${name}.*search their posts`) }).click()
        await page.getByText(`Written by ${name}`).waitFor()
      }
      await pickAuthor('Sam Steward')
      await page.getByLabel('Search for').fill('contract')
      await page.getByRole('button', { name: 'Search' }).click()
      await results.getByRole('link', { name: 'Contract tests for every service' }).waitFor()
      expect(new URL(page.url()).searchParams.get('author')).toBeTruthy()
      await page.getByRole('button', { name: 'Any author' }).click()
      await pickAuthor('Ana Newcomer')
      await page.getByLabel('Search for').fill('idempotent')
      await page.getByRole('button', { name: 'Search' }).click()
      await page.getByText('Nothing found for “idempotent”.').waitFor()
      await page.getByRole('button', { name: 'Any author' }).click()
      await page.getByRole('button', { name: 'Search' }).click()
      await results.getByRole('link', { name: 'The backfill that ran twice' }).waitFor()

      // The header's combobox: keyboard to the story and open it.
      const box = page.getByRole('combobox', { name: 'Search questions, stories, practices and lessons' })
      await box.fill('first out')
      await page.getByRole('option', { name: /The first outage/ }).waitFor()
      await box.press('ArrowDown')
      await box.press('Enter')
      await expectOneH1(page, 'The first outage')
      await page.goto(`/posts/${storyId}`)
      await expectOneH1(page, 'How the pipeline was born')
      expect(problems).toEqual([])
      await context.close()
    })
    it('fits a phone screen without sideways scrolling on the new pages', async () => {
      const { context, page, problems } = await openPage(browser, server)
      await page.setViewportSize({ width: 375, height: 740 })
      await logIn(page, 'sam@example.com')
      const paths = [
        '/communities',
        '/communities/data-engineering',
        '/communities/data-engineering/members',
        '/communities/data-engineering/settings',
        '/communities/data-engineering/new?kind=practice',
        `/posts/${storyId}`,
        '/search?q=pipeline',
        '/notifications',
      ]
      for (const target of paths) {
        await page.goto(target)
        await page.locator('h1').waitFor()
        await page.waitForLoadState('networkidle')
        expect(await page.evaluate(() => document.documentElement.scrollWidth), target).toBeLessThanOrEqual(375)
      }
      await screenshot(page, 'phone-notifications')
      await expectAccessible(page)
      expect(problems).toEqual([])
      await context.close()
    })
  },
)
