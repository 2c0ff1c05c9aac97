import type { QuestionBank } from './types.js'

// Testing and Quality: the company's suites, the services they test and the UI parts that are hard to test.

export const TESTING_BANK: QuestionBank = {
  slots: {
    suite: [
      'the checkout suite',
      'the mobile smoke tests',
      'the billing API tests',
      'the onboarding end-to-end suite',
      'the search regression suite',
      'the admin console tests',
      'the invoicing suite',
      'the partner API tests',
      'the signup flow tests',
      'the reporting suite',
    ],
    service: [
      'the billing service',
      'the search service',
      'the identity service',
      'the notifications service',
      'the pricing engine',
      'the ledger',
      'the orders API',
      'the webhooks dispatcher',
      'the export service',
    ],
    widget: [
      'the date picker',
      'the file upload',
      'the embedded payment iframe',
      'the live order status',
      'the drag-and-drop board',
      'the rich text editor',
      'the CSV import dialog',
      'the infinite-scroll activity feed',
      'the two-factor setup screen',
    ],
  },
  askBack: [
    'Does it fail on every CI run, or one in ten?',
    'Which browser does it fail in? We run Chromium and WebKit on CI.',
    'Is there a trace or a video from the failing run?',
    'Who owns that test today, do you know?',
  ],
  questions: [
    {
      title: 'Why is {suite} flaky only on CI?',
      tags: ['flaky-tests', 'test-automation'],
      bodies: [
        '{suite} passes every time on my laptop but fails about one run in five on CI, always in a different test. The pipeline is red for the whole team.',
        'We retried {suite} twice this week before a release because of failures nobody can reproduce locally. I want to fix the cause instead.',
      ],
      code: {
        lang: 'ts',
        code: "// instead of await page.waitForTimeout(2000)\nawait expect(page.getByRole('status')).toHaveText('Saved')",
      },
      answers: [
        'CI machines are slower, so anything in {suite} that waits a fixed time breaks there first. Search for `waitForTimeout` and sleeps and replace them with waits on the state you expect.',
        'Run {suite} locally in a loop with the CPU throttled (`--repeat-each=50` with four workers). It reproduces most CI-only failures within an hour.',
        'Check whether the tests in {suite} share data. On CI they run in parallel, and two tests editing the same account fail in whatever order they happen to run.',
        'Turn on traces for retries (`trace: "on-first-retry"`) and look at the first failure of {suite}, not the last. The trace shows what the page looked like when it failed.',
      ],
    },
    {
      title: 'How do I test {widget} with Playwright?',
      tags: ['playwright', 'test-automation'],
      bodies: [
        'I am writing the first automated test for {widget} and my locators break whenever the markup changes. What works for a component like this?',
        'Our tests skip {widget} entirely because nobody managed to automate it. I would like to change that this sprint.',
      ],
      answers: [
        'Use role-based locators for {widget} (`getByRole` and `getByLabel`). They survive markup changes, and a test that cannot find the control by role has just found an accessibility bug.',
        'Test {widget} through what the user sees: do the action, then wait with `expect(...).toBeVisible()` on the result. Never assert on internal state or class names.',
        'Add a component test for the fiddly behaviour of {widget} and keep a single end-to-end test for the happy path. The component test is ten times faster and far less flaky.',
      ],
    },
    {
      title: 'Where should test data for {service} come from?',
      tags: ['test-data', 'quality'],
      bodies: [
        'Our tests against {service} use a shared staging account that someone keeps changing by hand. Half our failures are really data problems.',
        'I need realistic data to test {service}, but copying production data is not allowed. What do other teams do?',
      ],
      answers: [
        'Each test creates the data it needs in {service} through the API and gives it a unique name. Nothing is shared, so nothing needs cleaning up and nothing collides.',
        'Keep a small set of builders for {service} objects (`buildCustomer({ plan: "pro" })`) with sensible defaults. Tests state only what matters to them.',
        'For realistic volumes of {service} data, use the anonymised nightly snapshot in the test environment; never copy production by hand.',
      ],
    },
    {
      title: 'Do we need contract tests for {service}?',
      tags: ['contract-tests', 'quality'],
      bodies: [
        'Twice this quarter a change to {service} broke one of its consumers in production, and both times the end-to-end tests were green.',
        'My team consumes {service} and we only find out about breaking changes after they ship. Would contract tests help?',
      ],
      answers: [
        'Yes. A consumer-driven contract for each client of {service} runs in seconds in its pipeline and fails the build before a breaking change is deployed.',
        'Start with one contract: the consumer of {service} that broke last. Once the provider pipeline verifies it, the next ones are easy to add.',
        'Contracts check shapes, not behaviour, so keep a few end-to-end tests of {service} too. They answer different questions.',
      ],
    },
    {
      title: 'How do I plan an exploratory session for {widget}?',
      tags: ['exploratory-testing'],
      bodies: [
        'We are redesigning {widget} and I want to explore it before we write any automation. I have never run a structured session.',
        'The automated tests of {widget} pass, but customers still find bugs in it. I would like to spend a morning exploring it properly.',
      ],
      answers: [
        'Write a one-line charter ("explore {widget} with slow networks to discover what the user sees when a save fails"), set a 45-minute timer and take notes as you go.',
        'Pair with someone from support for the session on {widget}: they know what customers actually do, which is never what the spec says.',
        'After the session, turn each bug about {widget} into a ticket and each surprise into a question for the team. The questions are often worth more than the bugs.',
      ],
    },
    {
      title: 'How long should {suite} take before we split it?',
      tags: ['test-automation', 'quality'],
      bodies: [
        '{suite} now takes 38 minutes and people have started merging without waiting for it. At what point do we split it, and how?',
        'Every pull request waits for {suite}. It keeps getting slower and I want to propose a change with numbers behind it.',
      ],
      answers: [
        'If {suite} takes more than about ten minutes, people stop waiting for it. Shard it across four runners first; that is a config change, not a rewrite.',
        'Tag the tests in {suite} that guard money and logins as smoke tests and run only those on each pull request; run the rest on merge and every night.',
        'Measure before you split: the ten slowest tests in {suite} are usually a third of the time, and most of them log in through the UI when they could use an API call.',
      ],
    },
    {
      title: 'Should this bug in {service} get a regression test?',
      tags: ['quality', 'test-automation'],
      bodies: [
        'We fixed a bug in {service} where a retry sent the same request twice. Is it worth writing a regression test, and at which level?',
        'A customer found a bug in {service} last week. My lead says every bug gets a test; I am not sure what the test should check.',
      ],
      answers: [
        'Yes, and at the lowest level that can reproduce it. For a retry bug in {service} that is a unit or integration test, not an end-to-end one.',
        'Write the test for {service} first, watch it fail on the old code, then fix. A regression test that never failed proves nothing.',
        'Name the test after the behaviour ("charges once when the request is retried"), not the ticket number, so whoever breaks it understands what they broke in {service}.',
      ],
    },
    {
      title: 'What should we do with the quarantined tests in {suite}?',
      tags: ['flaky-tests', 'quality'],
      bodies: [
        '{suite} has fourteen tests in quarantine, some since last year. Nobody looks at them, and I suspect some cover things that really broke.',
        'We keep adding flaky tests from {suite} to quarantine and never take them out. How do other teams keep quarantine from becoming a graveyard?',
      ],
      answers: [
        'Every quarantined test in {suite} gets an owner and a date. On the date it is fixed or deleted; a test that stays quarantined for months is only noise.',
        'Run the quarantined tests of {suite} nightly and report their pass rate. Those at 100% for two weeks come back; those below that get a ticket with the failure attached.',
        'Before deleting a quarantined test in {suite}, check what it covered. We found a real bug in refunds that way: the test was flaky because the feature was.',
      ],
    },
    {
      title: 'Which tests in {suite} should cover {service}?',
      tags: ['test-automation', 'contract-tests'],
      bodies: [
        '{service} is changing a lot this quarter and {suite} touches it in dozens of places. I would like fewer, better tests of it there.',
        'When {service} is down on staging, half of {suite} fails with unhelpful errors. How much of {service} should {suite} really exercise?',
      ],
      answers: [
        'Let {suite} cover the two or three journeys through {service} that make money, end to end, and leave the rest to the contract and API tests of {service}.',
        'Stub {service} in most of {suite} and keep one test that talks to the real thing. When {service} is down you get one clear failure instead of forty.',
        'Ask the owners of {service} what they already test. {suite} should not repeat their checks; it should check that our screens use {service} correctly.',
      ],
    },
    {
      title: 'How do I test {widget} in {suite} without slowing it down?',
      tags: ['playwright', 'quality'],
      bodies: [
        'I want {suite} to cover {widget}, but every test I write through the whole UI adds a minute to a suite that is already slow.',
        '{widget} keeps breaking in releases and is not covered by {suite}. Adding end-to-end tests for it feels expensive; is there a cheaper way?',
      ],
      answers: [
        'Open the page with {widget} directly with a logged-in storage state instead of clicking through the app. Most of the minute is login and navigation, not {widget}.',
        'Cover the edge cases of {widget} in component tests and add a single check in {suite} that it is wired up. That adds seconds, not minutes.',
        'Use an API call to set up the data {widget} needs before the test opens the page; {suite} only needs to click what the user clicks.',
      ],
    },
  ],
}
