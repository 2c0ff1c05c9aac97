import fs from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'

/** The corpus: one payload a line, "#" comments, "\n" for a line break, "$N" for the payload's number. */
export function loadPayloads(): string[] {
  return fs
    .readFileSync(path.resolve('test/fixtures/xss-payloads.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line, i) => line.replaceAll('\\n', '\n').replaceAll('$N', String(i + 1)))
}

/**
 * Traps in every page of the context, installed before the app's own code: the payloads call __xss(N), and a
 * CSP violation (an inline script or handler that got into the page and was blocked) is recorded too.
 */
export async function installTraps(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __xssHits: string[]; __xss: (n: unknown) => void }
    w.__xssHits = []
    w.__xss = (n) => w.__xssHits.push(`executed payload ${String(n)}`)
    document.addEventListener('securitypolicyviolation', (e) => w.__xssHits.push(`csp ${e.violatedDirective} ${e.blockedURI} ${e.sample}`))
  })
}

/** Dialogs (alert, confirm, prompt) that a payload opened; each is dismissed. */
export function collectDialogs(page: Page): string[] {
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`)
    void dialog.dismiss()
  })
  return dialogs
}

/** Tags that rendered Markdown and search snippets may contain; anything else got through the sanitiser. */
const SAFE_TAGS = 'p em strong a code pre ul ol li blockquote h1 h2 h3 h4 h5 h6 hr br img table thead tbody tr th td s del mark'.split(' ')

/**
 * What an attacker would need in the page, found by walking the DOM: event handler attributes anywhere,
 * javascript:/vbscript:/data: URLs, scripts other than the app's bundle, frames, objects, styles and meta
 * refreshes in the body, and any tag outside the safe set inside server-rendered HTML.
 */
function auditDom(safeTags: string[]): string[] {
  const bad: string[] = []
  const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'background', 'poster', 'srcset', 'content']
  const describe = (el: Element) => el.outerHTML.slice(0, 160)
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase()
      if (name.startsWith('on')) bad.push(`handler ${name}: ${describe(el)}`)
      if (URL_ATTRS.includes(name)) {
        // Browsers ignore control characters and spaces in a URL's scheme ("jav\tascript:"), so the audit does too.
        // eslint-disable-next-line no-control-regex
        const value = attr.value.replace(/[\u0000-\u0020\u007f-\u00a0]/g, '').toLowerCase()
        if (/^(javascript|vbscript|data|livescript|mocha):/.test(value) || name === 'srcdoc') bad.push(`url ${name}: ${describe(el)}`)
      }
    }
    const tag = el.tagName.toLowerCase()
    if (tag === 'script' && !(el.getAttribute('src') ?? '').startsWith('/assets/')) bad.push(`script: ${describe(el)}`)
    if (['iframe', 'frame', 'object', 'embed', 'applet', 'base'].includes(tag)) bad.push(`element: ${describe(el)}`)
    if (['style', 'meta', 'link'].includes(tag) && el.closest('body')) bad.push(`element in body: ${describe(el)}`)
  }
  for (const root of Array.from(document.querySelectorAll('.prose, .snippet'))) {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      if (!safeTags.includes(el.tagName.toLowerCase()))
        bad.push(`unexpected <${el.tagName.toLowerCase()}> in rendered HTML: ${describe(el)}`)
      if (el.hasAttribute('style')) bad.push(`style in rendered HTML: ${describe(el)}`)
    }
  }
  return bad
}

/**
 * Lets the page settle (images loaded or failed, so onerror payloads would have fired), then asserts that
 * no payload ran, no dialog opened, no CSP violation happened, and the DOM holds nothing dangerous.
 */
export async function expectInert(page: Page, dialogs: string[], where: string): Promise<void> {
  await page.evaluate(() => {
    const settled = Array.from(document.images)
      .filter((img) => !img.complete)
      .map(
        (img) =>
          new Promise((resolve) => {
            img.addEventListener('load', resolve)
            img.addEventListener('error', resolve)
          }),
      )
    // Lazy images below the fold may never load: do not wait for them for ever.
    return Promise.race([Promise.all(settled), new Promise((resolve) => setTimeout(resolve, 2000))])
  })
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)))
  const hits = await page.evaluate(() => (window as unknown as { __xssHits: string[] }).__xssHits.splice(0))
  expect(hits, `${where}: payloads ran`).toEqual([])
  expect(dialogs.splice(0), `${where}: dialogs opened`).toEqual([])
  expect(await page.evaluate(auditDom, SAFE_TAGS), `${where}: dangerous markup`).toEqual([])
}
