import type { CommunityRole, PromotionRules, Visibility } from '../../src/shared/communities.js'
import type { PostKind } from '../../src/shared/knowledge.js'

// The demo's year of activity as plain data, with people named by email and posts by their number `n`
// (their position in `posts`). The loader turns emails into person ids and numbers into post ids.

/** A Wellspring community created for one planted community of practice. */
export interface DemoSpace {
  slug: string
  /** The slug of the planted community it grew from. */
  planted: string
  name: string
  purpose: string
  tags: string[]
  visibility: Visibility
  rules: PromotionRules
  createdBy: string
  createdAt: string
}

export interface DemoRoleEvent {
  from: CommunityRole | null
  to: CommunityRole
  reason: 'created' | 'join' | 'approved' | 'rule' | 'manual'
  actor: string | null
  at: string
}

/** A membership and its trajectory; `role` and `roleSince` are those of the last event. */
export interface DemoMember {
  space: string
  email: string
  role: CommunityRole
  joinedAt: string
  roleSince: string
  events: DemoRoleEvent[]
}

export interface DemoJoinRequest {
  space: string
  email: string
  message: string
  createdAt: string
}

export interface DemoPost {
  n: number
  space: string
  kind: PostKind
  parent: number | null
  root: number | null
  author: string
  anonymous: boolean
  title: string
  body: string
  fields: Record<string, string>
  tags: string[]
  accepted: number | null
  answerCount: number
  commentCount: number
  seriesId: string | null
  seriesOrder: number | null
  createdAt: string
  lastActivityAt: string
  /** When the answer was accepted (questions with an accepted answer only). */
  acceptedAt: string | null
}

export interface DemoThanks {
  kind: 'thanks' | 'learned'
  giver: string
  /** Null when the post is an anonymous lesson: the thanks counts but names nobody. */
  receiver: string | null
  post: number | null
  space: string | null
  note: string
  at: string
}

export interface DemoAdoption {
  post: number
  /** The person who adopted it, or null when a community did (recorded by its steward `by`). */
  person: string | null
  space: string | null
  note: string
  by: string
  at: string
}

export interface DemoInteraction {
  actor: string
  target: string
  kind: 'answer' | 'accept' | 'comment' | 'thanks' | 'learned' | 'adopt' | 'mention'
  space: string | null
  topics: string[]
  weight: number
  at: string
  /** 'wellspring' for what happened in the product, 'demo-chat' for help given in chat channels outside it. */
  source: 'wellspring' | 'demo-chat'
  /** The post it is about (logged as `post:<id>`), or null. */
  post: number | null
}

export interface DemoKnowledge {
  spaces: DemoSpace[]
  members: DemoMember[]
  joinRequests: DemoJoinRequest[]
  posts: DemoPost[]
  thanks: DemoThanks[]
  adoptions: DemoAdoption[]
  interactions: DemoInteraction[]
}
