// Shared test helpers, re-exported for the notifications tests that have always found them here; tests of other
// domains import them from test/helpers.
export { eventually, jobsSettled } from '../../../test/helpers/jobs.js'
export { notificationsOf } from '../../../test/helpers/notifications.js'
