/** What to tell a person the identity provider sent back to /login?error=<code>. */
const SSO_MESSAGES: Record<string, string> = {
  sso_no_account:
    'Single sign-on worked, but there is no Wellspring account for that email. Ask an administrator to add you to the roster.',
  sso_account_erased: 'That Wellspring account was erased.',
  sso_email_unverified: 'Your identity provider has not verified your email address, so Wellspring cannot match it to an account.',
  sso_no_email: 'Your identity provider did not share an email address, so Wellspring cannot match you to an account.',
  sso_expired: 'The sign-in took too long or was already used. Please try again.',
  sso_denied: 'The sign-in was cancelled or refused at your identity provider.',
  sso_unavailable: 'The identity provider could not be reached. Try again shortly, or log in with your password.',
  sso_failed: 'Single sign-on did not work. Try again, or log in with your password.',
}

/** The message for an error code in the login page's URL; null when there is none. */
export function ssoErrorMessage(code: string | null): string | null {
  if (!code) return null
  return SSO_MESSAGES[code] ?? SSO_MESSAGES.sso_failed ?? null
}
