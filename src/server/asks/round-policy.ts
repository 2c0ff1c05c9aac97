// Who gets a round's offers, once the model has ranked the candidates. Pure: routing.ts reads the database and
// calls it. The rule people can trust: an offer goes to someone with evidence for the question (their answers
// to similar questions, or answers on its topics); the load discount may reorder those people but never lets
// someone without evidence pass one of them. Someone new to the topic is offered a question only in an
// explicit explore slot, at most one per round, and only when the experts do not fill the round.
import type { Evidence } from './expertise/types.js'
import type { OfferSlot } from './rows.js'

/** A past answer counts as evidence only if its question is at least this similar (relative to the best match). */
export const MIN_EVIDENCE_SIMILARITY = 0.2

export interface RankedCandidate {
  personId: string
  score: number
  evidence: Evidence[]
}

export interface PickedOffer extends RankedCandidate {
  slot: OfferSlot
}

export interface RoundPolicy {
  /** Offers in the round. */
  count: number
  /** Each recent offer lowers an expert's score by this share of the spread of the experts' scores. */
  loadPenalty: number
  /** Whether the round may hold one explore slot. */
  explore: boolean
}

/** The evidence that really supports a rank: answers to questions that are similar enough, and topics answered on. */
export function supportingEvidence(evidence: readonly Evidence[]): Evidence[] {
  return evidence.filter((e) => e.kind !== 'answer' || e.similarity >= MIN_EVIDENCE_SIMILARITY)
}

/**
 * The round's offers, best first: the experts by score discounted for load, then, if the round is not full
 * and exploring is on, the least loaded person without evidence in one explore slot.
 */
export function pickRound(ranked: readonly RankedCandidate[], load: ReadonlyMap<string, number>, policy: RoundPolicy): PickedOffer[] {
  const experts: RankedCandidate[] = []
  const strangers: RankedCandidate[] = []
  for (const r of ranked) {
    const evidence = supportingEvidence(r.evidence)
    ;(evidence.length > 0 ? experts : strangers).push({ ...r, evidence })
  }
  const loadOf = (id: string) => load.get(id) ?? 0
  // The spread is the experts' own, so strangers' (low) scores never widen the discount.
  const spread = Math.max(1e-9, (experts[0]?.score ?? 0) - (experts[Math.min(9, experts.length - 1)]?.score ?? 0))
  const picked: PickedOffer[] = experts
    .map((r) => ({ r, adjusted: r.score - policy.loadPenalty * spread * loadOf(r.personId) }))
    .sort((a, b) => b.adjusted - a.adjusted || (a.r.personId < b.r.personId ? -1 : 1))
    .slice(0, policy.count)
    .map(({ r }) => ({ ...r, slot: 'expert' as const }))
  if (policy.explore && picked.length < policy.count && strangers.length > 0) {
    const newcomer = [...strangers].sort(
      (a, b) => loadOf(a.personId) - loadOf(b.personId) || b.score - a.score || (a.personId < b.personId ? -1 : 1),
    )[0]!
    picked.push({ ...newcomer, evidence: [], slot: 'explore' })
  }
  return picked
}
