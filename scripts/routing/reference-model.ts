// The routing model as it was before the learned ranker (features and weights of weights.json at that
// time), kept as the reference that eval:routing prints next to the shipped model: the same code with the
// newer features weighted 0, so the comparison measures what the new features and fit bring.
import { DEFAULT_SETTINGS, type ExpertiseSettings } from '../../src/server/asks/expertise/settings.js'
import previous from './reference-weights.json' with { type: 'json' }
import previousLearned from './previous-weights.json' with { type: 'json' }

/** The settings of the current model kept as the reference. */
export const REFERENCE_SETTINGS: ExpertiseSettings = {
  ...DEFAULT_SETTINGS,
  ...previous,
  trees: undefined,
  // It had no latent index: none is built (its features weigh 0 anyway).
  lsa: { ...DEFAULT_SETTINGS.lsa, minQuestions: Number.MAX_SAFE_INTEGER },
}

/**
 * The linear learned ranker as the fourth ranker shipped it (weights.json before the boosted trees; no trees),
 * printed by eval:routing online next to the shipped model so that each change shows what it gained or lost.
 */
export const PREVIOUS_SETTINGS: ExpertiseSettings = previousLearned
