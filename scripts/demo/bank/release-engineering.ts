import type { QuestionBank } from './types.js'

// Release Engineering: the company's deployable services, its flags and the stages of its pipeline.

export const RELEASE_ENGINEERING_BANK: QuestionBank = {
  slots: {
    service: [
      'checkout-api',
      'billing-worker',
      'search-indexer',
      'the iOS app',
      'the Android app',
      'web-frontend',
      'identity-service',
      'notifications-service',
      'pricing-engine',
      'ledger-service',
    ],
    flag: [
      'new-checkout',
      'instant-payouts',
      'search-v2-ranking',
      'dark-mode',
      'bulk-invoice-export',
      'sso-enforcement',
      'smart-reminders',
    ],
    stage: ['the canary stage', 'the staging deploy', 'the database migration step', 'the smoke tests', 'the security scan'],
  },
  askBack: [
    'Which version was running before, do you know the commit?',
    'Is there an incident ticket for this already?',
    'Was the flag on for everyone or only for a percentage?',
    'Did the pipeline log say why, or did it just stop?',
  ],
  questions: [
    {
      title: 'How do we roll back {service} without losing data?',
      tags: ['rollbacks', 'deploys'],
      bodies: [
        'The last release of {service} included a database migration, and I am on call this weekend. If it goes wrong, can I simply deploy the previous version?',
        'I need to write the rollback plan for the next release of {service}. It adds a table and changes a column; what does a safe rollback look like?',
      ],
      answers: [
        'Only if every migration of {service} is backwards compatible: the old code must run against the new schema. Then rolling back is just redeploying the previous image, and no data is touched.',
        'Split the change: this release of {service} adds the new column and writes both; the next one reads the new column; the one after drops the old. Every step can be rolled back alone.',
        'Practise it: deploy {service} to staging, then roll back while traffic runs. If that is not boring, it will not be boring at 3am either.',
      ],
    },
    {
      title: 'When can we remove the {flag} flag?',
      tags: ['feature-flags'],
      bodies: [
        'The {flag} flag has been at 100% for two months. Nobody is sure whether it is safe to remove the flag and the old code path.',
        'I found {flag} checked in eleven places in the code. It is on for everyone. What is our rule for cleaning up a flag like this?',
      ],
      answers: [
        'Once {flag} has been at 100% for two full release trains without being turned off, delete the old path and then the flag, in that order and in separate pull requests.',
        'Check the flag service audit log for {flag}: if anyone switched it off in the last month, ask them why before you remove it. Sometimes it is an unofficial kill switch.',
        'Every flag should have an owner and an expiry date; {flag} clearly has not. Give it both now, and the flag service will remind the owner when the date comes.',
      ],
    },
    {
      title: 'Why did the pipeline stop at {stage} for {service}?',
      tags: ['ci-cd', 'deploys'],
      bodies: [
        'My change to {service} merged an hour ago and the pipeline is stuck at {stage}. Nothing in the logs says why.',
        'The deploy of {service} stopped at {stage} twice today, and a retry got it through both times. I would like to know what is going on before the release.',
      ],
      answers: [
        'When {stage} stops without an error it is usually waiting for a lock: another deploy of {service} holds it. The pipeline page shows who holds the lock and since when.',
        'Open the job log of {stage} for {service} and search for "timeout". A retry that passes means a dependency was slow, and a slow dependency is worth a ticket even if it passes.',
        'Do not keep retrying {stage}: if it fails a third time, ask in #release with the pipeline link. Someone from the platform team is always watching that channel during the day.',
      ],
    },
    {
      title: 'Who decides whether {service} misses this release train?',
      tags: ['release-trains'],
      bodies: [
        'The change to {service} will not be ready by the cut-off on Tuesday, but the product launch is on Thursday. Who makes the call?',
        'Our change to {service} is finished, but QA has not signed it off, and the train leaves in two hours. Can it go anyway?',
      ],
      answers: [
        'The train leaves on time. What misses the cut-off takes the next train, and the release captain of the week has the final word. Launches plan around trains, not the other way round.',
        'If the change to {service} is behind a flag, ship the code on this train with the flag off and turn it on when it is ready. That is what flags are for.',
        'For real emergencies there is a hotfix path for {service}, but it needs the release captain and the service owner to agree, and it is not for features.',
      ],
    },
    {
      title: 'What should I post in the incident channel while {service} is down?',
      tags: ['incident-response', 'on-call'],
      bodies: [
        'I am on call for {service} for the first time next week. When something breaks, what are people expecting to read in the incident channel?',
        'During the last outage of {service}, the channel filled with guesses and nobody knew who was doing what. I want to do better next time.',
      ],
      answers: [
        'Post what users see, what you know, what you are doing and when you will post next, every 15 minutes, even if nothing changed. For {service} incidents the support team reads every word.',
        'Name a coordinator and a scribe first. The coordinator decides, the scribe writes the timeline, and everyone else works on {service} without being asked for updates.',
        'Keep guesses out of the channel until you have checked them; use a thread for theories. Customers hear about {service} outages from support, and support reads the channel.',
      ],
    },
    {
      title: 'Can I deploy {service} on a Friday afternoon?',
      tags: ['deploys', 'release-trains'],
      bodies: [
        'A small fix to {service} is ready and it is Friday at 3pm. Some people say never deploy on Fridays, others say our pipeline makes it safe.',
        'My team wants a written rule for Friday deploys of {service}. What do other teams do?',
      ],
      answers: [
        'Deploy a small change to {service} on Friday only if you will watch it for an hour and you could roll it back alone. If either answer is no, wait until Monday.',
        'Risky changes to {service}, such as migrations or anything touching payments, never go out on Friday. Small fixes behind a flag can.',
        'The better question is why a Friday deploy of {service} feels risky. If rollback takes one click and you get alerts within minutes, any day is fine.',
      ],
    },
    {
      title: 'How do we roll out {flag} to a percentage of users?',
      tags: ['feature-flags', 'deploys'],
      bodies: [
        'Product wants {flag} on for 5% of customers next week and then more if the numbers hold. I have only ever switched flags on for everyone.',
        'We are about to turn on {flag}, and I would like a gradual rollout with a clear way back if errors climb.',
      ],
      code: {
        lang: 'yaml',
        code: 'flag: {flag}\nowner: team-checkout\nexpires: 2025-09-30\nrules:\n  - match: { account_id: hash }\n    rollout: 5',
      },
      answers: [
        'Use a percentage rule on {flag} keyed by account id, not user id, so everyone in a company sees the same thing. Start at 5%, and double each day the dashboards stay flat.',
        'Write the stop condition before you start: for example, switch {flag} off if the error rate of the new path is twice the old one for ten minutes.',
        'Announce each step of the {flag} rollout in #release with the percentage. When support gets a strange ticket, they can check whether that customer is in it.',
      ],
    },
    {
      title: 'What should the postmortem for the {service} outage cover?',
      tags: ['incident-response', 'rollbacks'],
      bodies: [
        'I have been asked to write the postmortem for last week’s {service} outage. I have never written one and want it to be useful rather than a blame document.',
        'The {service} incident is over and the postmortem meeting is on Thursday. What do people here expect in the document?',
      ],
      answers: [
        'A timeline, the impact in numbers, what made {service} fail, what made it slow to detect and fix, and three or four actions with owners. Nothing about who pressed which button.',
        'Ask "what made this the reasonable thing to do at the time?" about every step. The answers show what to fix in {service} and in the process, not in the people.',
        'Share the draft with everyone who was in the incident before the meeting. The best parts of a {service} postmortem come from people correcting the timeline.',
      ],
    },
  ],
}
