import type { Vocabulary } from './vocabulary.js'
import { ACCESSIBILITY, DATA_ENGINEERING, RELEASE_ENGINEERING, TESTING } from './vocab-tech.js'

// Word lists of the communities of practice outside engineering. Pure data.

export const VOICE_OF_THE_CUSTOMER: Vocabulary = {
  purpose: 'Bringing customers into every decision: interviews, churn signals and closing the feedback loop.',
  tags: ['customer-interviews', 'churn', 'feedback-loops', 'nps', 'research'],
  stories: [
    {
      title: 'The customer who saved our roadmap',
      tags: ['customer-interviews'],
      body: 'One interview with an unhappy customer turned into a whole quarter of work, and a reference account a year later.',
    },
    {
      title: 'What we heard on 40 churn calls',
      tags: ['churn'],
      body: 'We called every customer who left in Q3. Price came up less than we thought; onboarding came up in almost every call.',
    },
  ],
  practices: [
    {
      title: 'Close the loop in two weeks',
      tags: ['feedback-loops'],
      summary: 'Every piece of customer feedback gets an answer within two weeks.',
      context: 'Feedback from calls, tickets and surveys.',
      steps: '1. Log it with the account.\n2. Route it to the owning product team.\n3. Reply to the customer with what happens next.',
      evidence: 'Customers who got a reply renewed 9 points more often.',
    },
  ],
  lessons: [
    {
      title: 'We asked leading questions for a year',
      tags: ['customer-interviews'],
      whatHappened: 'Our interview script asked "would you use X?" and everyone said yes.',
      whatWeLearned: 'People are polite; ask about past behaviour.',
      whatWeWouldDoDifferently: 'Review interview scripts together before using them.',
    },
  ],
  thanksNotes: [
    'Thanks for letting me shadow your customer call.',
    'Your interview tips made my first call go well.',
    'Thanks for sharing the churn call notes.',
  ],
}

export const WRITING: Vocabulary = {
  purpose: 'Writing that people read: documentation, release notes and stories.',
  tags: ['technical-writing', 'documentation', 'storytelling', 'style-guide', 'release-notes'],
  stories: [
    {
      title: 'The release note nobody read',
      tags: ['release-notes', 'storytelling'],
      body: 'We wrote 2,000 words about a feature. Then we wrote 80 and a screenshot, and support tickets halved.',
    },
  ],
  practices: [
    {
      title: 'Two readers before publishing',
      tags: ['documentation', 'style-guide'],
      summary: 'Every doc gets one expert and one newcomer reader.',
      context: 'Public documentation and internal runbooks.',
      steps: '1. Ask an expert to check it is right.\n2. Ask a newcomer to check it is clear.\n3. Fix what both found.',
      evidence: 'Follow-up questions on new docs fell by half.',
    },
  ],
  lessons: [],
  thanksNotes: [
    'Thanks for editing my draft.',
    'Your feedback made the guide so much clearer.',
    'Thanks for teaching me to cut the first paragraph.',
  ],
}

export const DEAL_CRAFT: Vocabulary = {
  purpose: 'The craft of complex deals: discovery, pricing conversations and negotiation.',
  tags: ['negotiation', 'pricing', 'discovery-calls', 'procurement', 'forecasting'],
  stories: [
    {
      title: 'The deal we won by walking away',
      tags: ['negotiation'],
      body: 'We said no to a discount that would have set a price for the whole region. Two weeks later they signed at list.',
    },
  ],
  practices: [
    {
      title: 'Give-get discounting',
      tags: ['negotiation', 'pricing'],
      summary: 'Every concession is traded for something of value.',
      context: 'Any deal where the customer asks for a discount.',
      steps: '1. Ask what the discount is for.\n2. Name what you need in return.\n3. Put both in writing.',
      evidence: 'Average discount fell from 22% to 14% with no drop in win rate.',
    },
  ],
  lessons: [
    {
      title: 'We forecast a deal we had never spoken to the buyer about',
      tags: ['forecasting'],
      whatHappened: 'A big deal slipped three quarters because the person who signs had never heard of us.',
      whatWeLearned: 'A champion is not a buyer.',
      whatWeWouldDoDifferently: 'Do not forecast before meeting the economic buyer.',
    },
  ],
  thanksNotes: [
    'Thanks for role-playing the pricing call with me.',
    'Your discovery question list won me the deal.',
    'Thanks for joining the procurement call.',
  ],
}

/** The vocabulary of each planted community, by its slug. */
export const VOCABULARIES: Readonly<Record<string, Vocabulary>> = {
  'data-engineering': DATA_ENGINEERING,
  testing: TESTING,
  'release-engineering': RELEASE_ENGINEERING,
  accessibility: ACCESSIBILITY,
  'voice-of-the-customer': VOICE_OF_THE_CUSTOMER,
  writing: WRITING,
  'deal-craft': DEAL_CRAFT,
}
