import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { seriousA11yViolations } from './harness.js'

/** Asserts that axe finds no serious or critical violation, naming them (and their elements) if it does. */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = await seriousA11yViolations(page)
  expect(violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

/** Saves a full-page screenshot under .tmp/screens when E2E_SCREENSHOTS is set (for looking at the pages). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env.E2E_SCREENSHOTS) return
  const dir = path.resolve('.tmp/screens')
  fs.mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true })
}

/** The id in a /posts/:id URL. */
export function postIdOf(page: Page): number {
  const match = new URL(page.url()).pathname.match(/^\/posts\/(\d+)/)
  if (!match) throw new Error(`not on a post page: ${page.url()}`)
  return Number(match[1])
}
