// Who gets a round's offers, once the model has ranked the candidates. Pure: routing.ts reads the database and
// calls it. The rule people can trust: an offer goes to someone with evidence for the question, as the model
// defines it (hasEvidence in expertise/features.ts: answers to similar questions, or answers on its topics);
// the load discount may reorder those people but never lets someone without evidence pass one of them.
// Someone new to the topic is offered a question only in an explicit explore slot, at most one per round,
// and only when the experts do not fill the round.
import type { Evidence } from './expertise/types.js'
import type { OfferSlot } from './rows.js'

export interface RankedCandidate {
  personId: string
  score: number
  /** The model's verdict (hasEvidence in expertise/features.ts), for every candidate. */
  hasEvidence: boolean
  /** What the reasons show: non-empty exactly when hasEvidence (for the candidates it was collected for). */
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

/**
 * The round's offers, best first: the experts by score discounted for load, then, if the round is not full
 * and exploring is on, the least loaded person without evidence in one explore slot.
 */
export function pickRound(ranked: readonly RankedCandidate[], load: ReadonlyMap<string, number>, policy: RoundPolicy): PickedOffer[] {
  const experts: RankedCandidate[] = []
  const strangers: RankedCandidate[] = []
  // The model says who has evidence: the gate does not judge it again, so the gate and the reasons agree.
  for (const r of ranked) (r.hasEvidence ? experts : strangers).push(r)
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
