import type { NewSimulation } from '../../src/shared/simulation.js'

/**
 * A small hard conversation: apologising opens a workaround (needs a score of 2), blaming the vendor can be
 * mended; going back is allowed after the apology and from the bad ending, not elsewhere.
 */
export const SAMPLE_SIMULATION: NewSimulation = {
  title: 'The release slipped',
  description: 'Tell a customer their release is late.',
  showScore: true,
  start: 'call',
  situations: [
    { key: 'call', title: 'The call', body: 'Dana from **Acme** asks where the release is.', ending: false, allowBack: false },
    { key: 'sorry', title: 'Dana listens', body: 'She is calmer.', ending: false, allowBack: true },
    { key: 'blame', title: 'Dana is angry', body: 'She does not care whose fault it is.', ending: false, allowBack: false },
    { key: 'good', title: 'A plan together', body: '', ending: true, outcome: 'Dana agrees to the workaround.', allowBack: false },
    { key: 'bad', title: 'An escalation', body: '', ending: true, outcome: 'Dana calls your director.', allowBack: true },
  ],
  choices: [
    { key: 'apologise', from: 'call', to: 'sorry', label: 'Apologise and explain', feedback: 'Owning it helps.', score: 2 },
    { key: 'vendor', from: 'call', to: 'blame', label: 'Blame the vendor', feedback: 'Excuses sound like excuses.', score: -1 },
    { key: 'mend', from: 'blame', to: 'sorry', label: 'Take responsibility', feedback: 'Better late than never.', score: 1 },
    { key: 'workaround', from: 'sorry', to: 'good', label: 'Offer a workaround', feedback: 'She can ship.', score: 1, minScore: 2 },
    { key: 'promise', from: 'sorry', to: 'bad', label: 'Promise a new date', feedback: 'Another promise.', score: 0 },
  ],
}
