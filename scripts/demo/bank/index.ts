import { ACCESSIBILITY_BANK } from './accessibility.js'
import { DATA_ENGINEERING_BANK } from './data-engineering.js'
import { DEAL_CRAFT_BANK } from './deal-craft.js'
import { RELEASE_ENGINEERING_BANK } from './release-engineering.js'
import { TESTING_BANK } from './testing.js'
import type { QuestionBank, QuestionSpec } from './types.js'

export type { QuestionBank, QuestionSpec } from './types.js'

/**
 * The bank of questions of every planted community that has a Wellspring home (cast.ts, DISCOVERED), by slug.
 * Undiscovered communities have none: they talk in chat only.
 */
export const BANKS: Readonly<Record<string, QuestionBank>> = {
  'data-engineering': DATA_ENGINEERING_BANK,
  testing: TESTING_BANK,
  'release-engineering': RELEASE_ENGINEERING_BANK,
  accessibility: ACCESSIBILITY_BANK,
  'deal-craft': DEAL_CRAFT_BANK,
}

/** The `{slot}` names a template uses, in order of first use. */
export function slotsOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string))]
}

/** How many distinct titles one question of a bank can take. */
export function capacityOf(bank: QuestionBank, q: QuestionSpec): number {
  return slotsOf(q.title).reduce((n, s) => n * (bank.slots[s]?.length ?? 0), 1)
}

/** Every distinct title a bank can write: how many questions its community can ask without repeating one. */
export function titleCapacity(bank: QuestionBank): number {
  return bank.questions.reduce((sum, q) => sum + capacityOf(bank, q), 0)
}
