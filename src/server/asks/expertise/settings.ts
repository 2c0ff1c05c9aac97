import learned from './weights.json' with { type: 'json' }
import boosted from './trees.json' with { type: 'json' }
import type { BoostedTreesJson } from './trees.js'

/**
 * Everything that shapes the ranking. The shipped values come from weights.json, written by
 * scripts/train-routing.ts from the train parts of the team2box sites only, one set for every site.
 */
export interface ExpertiseSettings {
  bm25: { k1: number; b: number }
  /** A title word counts this many times a body word: titles say what the question is about. */
  titleWeight: number
  /** Tags are also indexed as words of the question, with this weight. */
  tagTermWeight: number
  /** How many similar past questions vote for their answerers. */
  similarQuestions: number
  /** Words in more than this share of past questions are ignored by the similarity search. */
  maxDocumentFrequency: number
  /** Only this many of the new question's words, the most informative, are searched for (0 = all). */
  maxQueryTerms: number
  /**
   * Half-life of past activity, counted in answers given in the whole model since then (an activity
   * clock, not a calendar): expertise fades as the community moves on, and does not fade while it is quiet.
   */
  halfLife: number
  /** A second, short half-life (same clock) for who is active right now. */
  shortHalfLife: number
  /** A third one between the two (same clock; absent or 0: no decay), for who has been active lately. */
  midHalfLife?: number
  /** Latent semantic analysis of the recent questions (lsa.ts), and how many of its nearest questions vote. */
  lsa: { dimensions: number; window: number; minQuestions: number; neighbours: number }
  /** Dirichlet smoothing of the tag model (tag_lm): how many answers' worth of the site-wide tag mix. */
  tagSmoothing: number
  /**
   * Dirichlet smoothing of who answers on a tag (tag_pu) toward who answers at all: how many answers' worth of
   * the site-wide mix of answerers (absent: 5).
   */
  answererSmoothing?: number
  /** The combination weights, one per feature named in `features` (see features.ts). */
  features: string[]
  weights: number[]
  /**
   * The weight of the `declined` feature (log of 1 + recency-weighted "not my area" declines on the question's
   * tags and tag words), as a cost. Not learned: the evaluation data has no declines. Set by train-routing.ts.
   */
  declinePenalty: number
  /**
   * A "not my area" weighs half as much after this many days of calendar time (the app's clock), however many
   * answers were given meanwhile: what someone did not know a month ago, they may know now.
   */
  declineHalfLifeDays: number
  /**
   * Boosted trees whose sum is added to the linear score (trees.ts), from trees.json; absent: the linear
   * score alone (the reference models of eval:routing).
   */
  trees?: BoostedTreesJson
}

/** How many answers' worth of everyone's answerer mix smooths each tag's (tag_pu), when the settings say nothing. */
export const DEFAULT_ANSWERER_SMOOTHING = 5

export const DEFAULT_SETTINGS: ExpertiseSettings = { ...learned, trees: boosted }
