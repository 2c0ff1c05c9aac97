import type { QuestionBank } from './types.js'

// Accessibility: the product's components, the screen readers people use, and the pages they sit on.

export const ACCESSIBILITY_BANK: QuestionBank = {
  slots: {
    widget: [
      'the date picker',
      'the invoice modal',
      'the transactions table',
      'the main navigation menu',
      'the toast notifications',
      'the onboarding carousel',
      'the plan comparison tabs',
      'the search autocomplete',
      'the file upload button',
    ],
    reader: ['VoiceOver on macOS', 'NVDA', 'JAWS', 'TalkBack', 'VoiceOver on iOS'],
    page: ['the checkout page', 'the signup form', 'the billing settings page', 'the dashboard home', 'the pricing page'],
  },
  askBack: [
    'Which browser and screen reader combination did the customer use?',
    'Is there a recording or a screenshot from the audit?',
    'Is this our own component or the one from the design system?',
  ],
  questions: [
    {
      title: 'How should {widget} be announced by {reader}?',
      tags: ['screen-readers', 'aria'],
      bodies: [
        'A customer using {reader} told support that {widget} just reads as "group" with no name. What should it say, and how do we get there?',
        'I am rebuilding {widget} and want to check what {reader} ought to announce before I write the markup.',
      ],
      answers: [
        'Give {widget} its native role and an accessible name: {reader} should say what it is, what it is called and its state, for example "Invoice date, date picker, collapsed".',
        'Run {widget} through {reader} with the rotor or elements list open. If you cannot find it there by its name, neither can the customer.',
        'Fix the label before adding ARIA. Half of what {reader} reads badly on {widget} comes from a visible label that is not tied to the control.',
      ],
    },
    {
      title: 'Can {widget} be used with the keyboard alone?',
      tags: ['keyboard', 'wcag'],
      bodies: [
        'Our audit says {widget} traps keyboard focus. I could not reproduce it with the mouse, obviously. How do I test this properly?',
        'A colleague who only uses the keyboard could not get out of {widget} yesterday. Is there a checklist for keyboard support?',
      ],
      answers: [
        'Unplug the mouse and use Tab, Shift+Tab, Enter, Space, the arrow keys and Escape on {widget}. Every action must be possible, focus must always be visible, and Escape must get you out.',
        'Check the tab order of {widget} against the visual order. Positive `tabindex` values are the usual reason focus jumps somewhere unexpected.',
        'If {widget} is a custom control, compare it with the ARIA Authoring Practices pattern for it: it lists exactly which keys must do what.',
      ],
    },
    {
      title: 'Does our brand colour have enough contrast on {page}?',
      tags: ['contrast', 'wcag'],
      bodies: [
        'Marketing wants the brand teal for the text links on {page}. I think it is too light on white, but I need numbers to argue it.',
        'A customer with low vision said the grey hint text on {page} is unreadable. Is there a rule we can point to?',
      ],
      answers: [
        'WCAG AA needs 4.5:1 for body text and 3:1 for large text and icons. Check the real colours on {page} with a contrast checker; the brand teal on white comes out around 3.1:1, so it fails for links.',
        'Use the darker teal from the design system for text on {page} and keep the brand teal for large headings and illustrations, where 3:1 is enough.',
        'Do not rely on colour alone on {page}: links need an underline or another cue besides the colour.',
      ],
    },
    {
      title: 'Is ARIA the right fix for {widget}?',
      tags: ['aria'],
      bodies: [
        'A pull request adds eight ARIA attributes to {widget} to fix an audit finding. It feels like a lot. Is there a simpler way?',
        'Someone suggested `role="application"` for {widget} to make it work with screen readers. That sounds wrong to me, but I cannot say why.',
      ],
      answers: [
        'No ARIA is better than bad ARIA. If {widget} can be built from native elements (button, select, dialog, details), do that and delete the attributes.',
        'Never use `role="application"` on {widget}: it turns off the screen reader’s own keys, and users lose the shortcuts they rely on.',
        'When ARIA is needed for {widget}, copy the pattern from the ARIA Authoring Practices exactly, including its keyboard behaviour. Half a pattern is worse than none.',
      ],
    },
    {
      title: 'How do we test {widget} with {reader} when none of us are experts?',
      tags: ['screen-readers', 'inclusive-design'],
      bodies: [
        'Nobody on my team uses a screen reader. We want to check {widget} with {reader} before the release, but we do not know what "good" sounds like.',
        'We have no budget for an external audit this quarter. How far can we get testing {widget} with {reader} ourselves?',
      ],
      answers: [
        'Learn five commands for {reader} (start, stop, next item, next heading, activate) and complete the main task on {widget} with the screen off. You will find the worst problems in twenty minutes.',
        'Book a session with someone who uses {reader} every day; we pay them through the research panel. One hour with a real user beats a week of guessing about {widget}.',
        'Automated checks (axe in the test suite) catch about a third of the problems in {widget}. Run them first, then spend your manual time on what they cannot judge.',
      ],
    },
    {
      title: 'How should the errors on {page} be announced?',
      tags: ['wcag', 'screen-readers'],
      bodies: [
        'When the form on {page} fails validation, the errors appear in red next to the fields, but screen reader users hear nothing at all.',
        'We are redoing the validation on {page}. What is the accessible way to show and announce errors?',
      ],
      code: {
        lang: 'html',
        code: '<label for="email">Work email</label>\n<input id="email" aria-describedby="email-error" aria-invalid="true">\n<p id="email-error">Enter an email address like name@company.com</p>',
      },
      answers: [
        'On submit, move focus to an error summary at the top of {page} that links to each field, and tie each message to its field with `aria-describedby`.',
        'Say what went wrong and how to fix it ("Enter a date after today"), not just "Invalid". The same wording helps everyone on {page}.',
        'Do not announce errors on {page} while people are still typing; validate on blur or submit. Live announcements on every keystroke are exhausting with a screen reader.',
      ],
    },
    {
      title: 'Does {page} work when zoomed to 200%?',
      tags: ['inclusive-design', 'wcag'],
      bodies: [
        'A customer zooms their browser to 200% and says parts of {page} disappear off the side. Is that something we have to support?',
        'Before the redesign of {page} ships, I want to check that it works for people who zoom. What should I test?',
      ],
      answers: [
        'Yes: WCAG asks that {page} works at 200% zoom and reflows at 320 CSS pixels wide without scrolling sideways. Test at a 1280 px window with 400% zoom to see the reflow case.',
        'Fixed heights and widths in pixels are what break {page} when people zoom. Let containers grow with their content and use relative units for text.',
        'Check sticky headers and footers on {page} at high zoom: they can cover half the screen and leave no room for the content.',
      ],
    },
    {
      title: 'What is the accessible way to show motion in {widget}?',
      tags: ['inclusive-design', 'aria'],
      bodies: [
        'Design added animation to {widget}. Some people get dizzy from motion; what do we need to do?',
        '{widget} moves on its own every few seconds. An audit flagged it but I do not know what the fix is.',
      ],
      answers: [
        'Respect `prefers-reduced-motion` in {widget}: when it is set, replace movement with a simple fade or no animation at all.',
        'Anything in {widget} that moves by itself for more than five seconds needs a visible pause button, and it should not start moving again by itself.',
        'Keep motion in {widget} for meaning, not decoration: animate a change the user caused, never something they did not ask for.',
      ],
    },
  ],
}
