import type { Vocabulary } from './vocabulary.js'
import { ACCESSIBILITY, DATA_ENGINEERING, RELEASE_ENGINEERING, TESTING } from './vocab-tech.js'

// Word lists of the communities of practice outside engineering. Pure data.

export const VOICE_OF_THE_CUSTOMER: Vocabulary = {
  purpose: 'Bringing customers into every decision: interviews, churn signals and closing the feedback loop.',
  tags: ['customer-interviews', 'churn', 'feedback-loops', 'nps', 'research'],
  slots: {
    segment: ['enterprise customers', 'new trial users', 'customers in APAC', 'accounts up for renewal', 'small agencies'],
    signal: ['a drop in logins', 'a spike in tickets', 'a low NPS score', 'a cancelled onboarding call'],
  },
  questions: [
    { title: 'How do I recruit {segment} for interviews?', tags: ['customer-interviews', 'research'] },
    { title: 'Is {signal} an early churn signal?', tags: ['churn'] },
    { title: 'How do we tell {segment} what we did with their feedback?', tags: ['feedback-loops'] },
    { title: 'What should I ask {segment} in a first interview?', tags: ['customer-interviews'] },
    { title: 'Who follows up when {segment} show {signal}?', tags: ['churn', 'feedback-loops'] },
  ],
  contexts: [
    'I have a renewal call next week and I want to go in prepared.',
    'Product asked me what customers think about the new plan.',
    'We have a pile of feedback and no idea what to do with it.',
  ],
  advice: [
    'Ask about the last time it happened, not what they would do in general.',
    'Three interviews teach you more than a survey of three hundred.',
    'Close the loop within two weeks, even if the answer is "not now".',
    'Tag every ticket with the account health score so patterns show up.',
    'Bring a product manager to the call; hearing it first-hand changes minds.',
  ],
  code: [],
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
  slots: {
    doc: ['the API reference', 'our onboarding guide', 'the release notes', 'a runbook', 'the help centre article'],
    reader: ['new customers', 'developers', 'support agents', 'executives'],
  },
  questions: [
    { title: 'How long should {doc} be for {reader}?', tags: ['technical-writing', 'documentation'] },
    { title: 'Who reviews {doc} before it goes out?', tags: ['documentation', 'style-guide'] },
    { title: 'How do I turn {doc} into a story {reader} remember?', tags: ['storytelling'] },
    { title: 'Do we have a style guide for {doc}?', tags: ['style-guide'] },
  ],
  contexts: ['I have a draft and it feels too long.', 'Nobody reads what we publish.', 'I am writing for a new audience.'],
  advice: [
    'Start with what the reader wants to do, not with what the product does.',
    'Cut the first paragraph; it is usually you warming up.',
    'One idea per paragraph, and a heading every few paragraphs.',
    'Read it aloud; you will hear what is wrong.',
  ],
  code: [],
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
  slots: {
    account: ['a bank in Frankfurt', 'a retailer with 300 stores', 'a university', 'a public sector buyer', 'a fast-growing startup'],
    ask: ['a 40% discount', 'a three-year price lock', 'unlimited seats', 'custom legal terms'],
  },
  questions: [
    { title: 'How do I respond when {account} asks for {ask}?', tags: ['negotiation', 'pricing'] },
    { title: 'What discovery questions work for {account}?', tags: ['discovery-calls'] },
    { title: 'How do I get through procurement at {account}?', tags: ['procurement'] },
    { title: 'Should I forecast the deal with {account} this quarter?', tags: ['forecasting'] },
  ],
  contexts: ['I have the call on Thursday.', 'This is my biggest deal so far.', 'The champion went quiet after the demo.'],
  advice: [
    'Never give a discount without getting something back: term, volume or a case study.',
    'Ask what happens if they do nothing; that is the real competitor.',
    'Find out who signs, and meet them before the proposal.',
    'Procurement wants a process they can follow; send the security pack before they ask.',
  ],
  code: [],
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
