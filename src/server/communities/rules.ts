import type { CommunityRole, PromotionRules } from '../../shared/communities.js'

/**
 * Default rules: a newcomer becomes a member once they have helped someone (answered a question), not merely
 * asked; steady helpers who are thanked become core. Stewards tune these per community.
 */
export const DEFAULT_RULES: PromotionRules = {
  toMember: { minQuestions: 0, minAnswers: 1, minPosts: 1, minThanksReceived: 0, minWeeksActive: 0 },
  toCore: { minQuestions: 0, minAnswers: 5, minPosts: 10, minThanksReceived: 3, minWeeksActive: 8 },
}

/** A person's participation in one community, as the rules read it. */
export interface Participation {
  questions: number
  answers: number
  posts: number
  thanksReceived: number
  weeksActive: number
}

export function parseRules(json: string): PromotionRules {
  try {
    const value = JSON.parse(json) as Partial<PromotionRules>
    return { toMember: { ...DEFAULT_RULES.toMember, ...value.toMember }, toCore: { ...DEFAULT_RULES.toCore, ...value.toCore } }
  } catch {
    return DEFAULT_RULES
  }
}

function meets(p: Participation, t: PromotionRules['toMember']): boolean {
  return (
    p.questions >= t.minQuestions &&
    p.answers >= t.minAnswers &&
    p.posts >= t.minPosts &&
    p.thanksReceived >= t.minThanksReceived &&
    p.weeksActive >= t.minWeeksActive
  )
}

/**
 * The role the rules give a person, never lower than the one they have: rules only promote, between
 * newcomer, member and core. Stewards are appointed by hand.
 */
export function roleByRules(current: CommunityRole, p: Participation, rules: PromotionRules): CommunityRole {
  if (current === 'steward' || current === 'core') return current
  if (meets(p, rules.toMember) && meets(p, rules.toCore)) return 'core'
  if (current === 'newcomer' && meets(p, rules.toMember)) return 'member'
  return current
}
