import type { QuestionBank } from './types.js'

// Deal Craft: the accounts the sales team works on, what buyers ask for, and the stages of a deal.

export const DEAL_CRAFT_BANK: QuestionBank = {
  slots: {
    account: [
      'Hallmark Bank',
      'Nordvik Retail',
      'the University of Leeds',
      'Brightwell Logistics',
      'Carrow Health',
      'Pinecrest Insurance',
      'the City of Lisbon',
      'Tamsin Foods',
      'Orbital Freight',
      'Kestrel Energy',
    ],
    ask: [
      'a 40% discount',
      'a three-year price lock',
      'unlimited seats',
      'their own contract paper',
      'net-90 payment terms',
      'a free pilot',
    ],
  },
  askBack: [
    'Who is the economic buyer, do we know yet?',
    'What is the close date in the CRM, and is it real?',
    'Have they seen the security pack already?',
  ],
  questions: [
    {
      title: 'How do I respond when {account} asks for {ask}?',
      tags: ['negotiation', 'pricing'],
      bodies: [
        '{account} came back after the proposal asking for {ask}. My manager says do not cave, but I do not want to lose the deal either. The call is on Thursday.',
        'Procurement at {account} opened the call with {ask}. I said I would come back to them. What would you offer?',
      ],
      answers: [
        'Never give {ask} for nothing. Ask what it is for, then trade: a longer term, more volume, a case study or a faster signature. Put both sides in the same email to {account}.',
        'Ask {account} what happens if they do not get {ask}. Often it is a budget line that ends in June, and a different payment schedule solves it without touching the price.',
        'Talk to the deal desk before you answer {account}. {ask} may need approval, and you do not want to offer something you later have to take back.',
      ],
    },
    {
      title: 'What should I ask in the discovery call with {account}?',
      tags: ['discovery-calls'],
      bodies: [
        'I have my first discovery call with {account} next week. I usually end up demoing too early; what questions actually move a deal like this forward?',
        '{account} booked a call after the webinar. I want to find out whether there is a real project behind it before I spend weeks on it.',
      ],
      answers: [
        'Ask {account} what made them look now, what happens if they do nothing, and who else cares about the problem. Those three answers tell you if there is a deal.',
        'Get {account} to describe how they work today, step by step, before you show anything. The demo then shows their process, not ours.',
        'Close the call by agreeing the next step with a date, and ask who else from {account} should join it. A deal without a next meeting is not a deal.',
      ],
    },
    {
      title: 'How do I get {account} through procurement before quarter end?',
      tags: ['procurement', 'forecasting'],
      bodies: [
        'The champion at {account} has said yes, but procurement says their process takes eight weeks and the quarter ends in five.',
        'This is my first deal with a procurement team as big as {account}’s. What usually slows it down, and what can I do ahead of time?',
      ],
      answers: [
        'Send the security pack and our standard DPA to {account} before they ask; the security review is the usual long pole. Ask the champion for the procurement checklist now.',
        'Ask procurement at {account} for their steps and dates in writing, then put them in a shared plan with the champion. Deals slip on steps nobody knew about.',
        'If {account} will not make the quarter, say so in the forecast now. A deal that slips quietly costs you more trust than one you moved early.',
      ],
    },
    {
      title: 'Should the {account} deal be in commit this quarter?',
      tags: ['forecasting'],
      bodies: [
        'My manager wants to know whether {account} is commit or best case. The champion is positive, but I have not met anyone who signs.',
        'Forecast call is tomorrow. {account} says "end of the month" but there is no paper yet. How do I call it?',
      ],
      answers: [
        'Commit means you know who signs at {account}, what they need to sign, and the date, and they have agreed to it. Missing any of the three makes it best case.',
        'Ask the champion at {account} to walk you through their signing steps. If they cannot, you do not have a commit, you have hope.',
        'Write down what would make {account} commit and ask for it this week: a meeting with the economic buyer usually settles it one way or the other.',
      ],
    },
    {
      title: 'How do I price the {account} renewal now that usage has doubled?',
      tags: ['pricing', 'negotiation'],
      bodies: [
        '{account} renews next quarter and their usage has doubled since they signed. I want to price it fairly without shocking them.',
        'The renewal for {account} is coming up and they are far above their plan. Do we charge for it all at once?',
      ],
      answers: [
        'Show {account} the usage first, with the value it brought, then the price. A jump they see coming is a conversation; one they find on the invoice is an escalation.',
        'Offer {account} a step-up over two years instead of the full jump at once, in exchange for a longer term. Both sides get what they need.',
        'Bring customer success into the {account} renewal early; they know which teams use the product and who will defend the budget.',
      ],
    },
    {
      title: 'Can we accept {ask} from {account}?',
      tags: ['procurement', 'pricing'],
      bodies: [
        'Legal at {account} insists on {ask} as a condition for signing. Do we ever accept that, and who decides?',
        '{account} says {ask} is standard for them and not negotiable. Before I escalate: has anyone been here before?',
      ],
      answers: [
        'Check the deal desk page: {ask} has a standard answer and an approval path. If it is on the list, the approval takes a day; if not, bring finance and legal in now.',
        'Ask {account} which part of {ask} really matters to them. Usually it is one clause or one number, and that one can be met without the rest.',
        'If you accept {ask} for {account}, write down what you got in return. Next year someone will ask why this customer has different terms.',
      ],
    },
    {
      title: 'Who should be in the room for the {account} executive meeting?',
      tags: ['negotiation', 'discovery-calls'],
      bodies: [
        'The sponsor at {account} offered a meeting with their COO next week. I have never run an executive meeting and want to bring the right people.',
        'We finally have a date with the leadership of {account}. Do I bring my VP, the sales engineer, or keep it small?',
      ],
      answers: [
        'Match levels: if the COO of {account} comes, bring our VP, and brief them on one page beforehand. Keep it to three people on our side.',
        'Leave the demo out of the {account} executive meeting. Bring their problem in their words, the outcome they want, and one customer like them who got there.',
        'Agree with your champion at {account} what the meeting must decide, and ask them to open it. An executive trusts their own people more than us.',
      ],
    },
    {
      title: 'How do I win back {account} after they went quiet?',
      tags: ['discovery-calls', 'forecasting'],
      bodies: [
        '{account} was keen after the demo, and now my champion has not answered two emails in three weeks.',
        'The deal with {account} stalled after the pricing call. Is it worth chasing, and how without sounding desperate?',
      ],
      answers: [
        'Send {account} one short email that makes it easy to say no: "Should I close this for now?" Silence after that usually gets an honest answer.',
        'Go around, not over: someone else at {account} who was in the demo may tell you what changed. A reorganisation explains most quiet deals.',
        'Move {account} out of the forecast while it is quiet. If it comes back, it comes back as upside, and your manager will thank you.',
      ],
    },
  ],
}
