import { Type, type Static } from '@sinclair/typebox'

// Onboarding: where each person is in joining, and the admin's day-zero checklist. No imports from
// schemas.ts, which imports this file.

/**
 * Where a person is in joining, from what they did rather than from their account status:
 * `active` has signed in at least once; `invited` has not, but was invited (the link may have expired);
 * `not_invited` has neither signed in nor been invited (as a roster import leaves everyone);
 * `no_login` has a password but no recorded sign-in (an account older than sign-in records).
 */
export const OnboardingState = Type.Union([
  Type.Literal('active'),
  Type.Literal('invited'),
  Type.Literal('not_invited'),
  Type.Literal('no_login'),
])
export type OnboardingState = Static<typeof OnboardingState>

export const ChecklistStepId = Type.Union([
  Type.Literal('roster'),
  Type.Literal('invitations'),
  Type.Literal('sso'),
  Type.Literal('communities'),
  Type.Literal('content'),
])
export type ChecklistStepId = Static<typeof ChecklistStepId>

export const ChecklistStep = Type.Object({
  id: ChecklistStepId,
  title: Type.String(),
  done: Type.Boolean(),
  /** Not needed to finish setting up (single sign-on, where it is not configured). */
  optional: Type.Boolean(),
  /** What the data says now, in words ("12 of 40 joined"). */
  detail: Type.String(),
  /** Where to do it (an app path), or null where it is done outside the app (SSO is server configuration). */
  link: Type.Union([Type.String(), Type.Null()]),
  linkLabel: Type.String(),
})
export type ChecklistStep = Static<typeof ChecklistStep>

export const SetupChecklist = Type.Object({
  steps: Type.Array(ChecklistStep),
  done: Type.Integer(),
  total: Type.Integer(),
  /** Every step that is not optional is done: an admin may dismiss the checklist. */
  complete: Type.Boolean(),
  /** An admin dismissed it once complete; the home page then leaves it out (Admin → Setup still shows it). */
  dismissed: Type.Boolean(),
})
export type SetupChecklist = Static<typeof SetupChecklist>
