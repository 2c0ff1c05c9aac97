import * as client from 'openid-client'
import type { Config, OidcConfig } from '../config.js'
import type { Db } from '../db/dialect.js'
import { isoIn, nowIso } from '../time.js'
import { insertOidcState, takeOidcState } from './oidc-store.js'

/** A pending sign-on older than this is refused: the person took too long at the provider, or it is a replay. */
const STATE_TTL_MS = 10 * 60_000
const SCOPE = 'openid email profile'
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** Why a sign-on was refused; the login page shows a message for each (`/login?error=<code>`). */
export type SsoErrorCode =
  | 'sso_failed'
  | 'sso_unavailable'
  | 'sso_expired'
  | 'sso_denied'
  | 'sso_no_email'
  | 'sso_email_unverified'
  | 'sso_no_account'
  | 'sso_account_erased'

/** A refused sign-on. Not an AppError: the callback is a browser navigation, so it ends in a redirect, not JSON. */
export class SsoError extends Error {
  constructor(
    readonly code: SsoErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/**
 * The person a verified email belongs to, by the roster's rules: returns their id, or throws an SsoError
 * (sso_no_account, sso_account_erased). Platform knows no domain: the people domain gives this function when
 * the app is built (app.ts).
 */
export type PersonMatcher = (db: Db, email: string) => Promise<string>

/** The callback URL registered at the provider; read per request because tests learn the base URL late. */
export function redirectUriOf(config: Config): string {
  return `${config.baseUrl}/api/auth/oidc/callback`
}

/** Plain http is allowed to a loopback issuer only (local providers in tests and development). */
function isInsecureLoopback(issuer: URL): boolean {
  return issuer.protocol === 'http:' && LOOPBACK_HOSTS.has(issuer.hostname)
}

/** Fails start-up on an issuer that could never work, rather than on the first person who tries to sign in. */
export function assertUsableIssuer(oidc: OidcConfig): void {
  let issuer: URL
  try {
    issuer = new URL(oidc.issuer)
  } catch {
    throw new Error(`OIDC_ISSUER is not a URL: ${oidc.issuer}`)
  }
  if (issuer.protocol !== 'https:' && !isInsecureLoopback(issuer)) {
    throw new Error(`OIDC_ISSUER must use https (plain http is allowed for 127.0.0.1, localhost and ::1 only): ${oidc.issuer}`)
  }
}

/**
 * Where to send the person after signing in: a path on this site, or '/'. Anything that a browser could read
 * as another origin is refused: '//host', '/\host', and control characters that URL parsing strips.
 */
export function safeReturnTo(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//')) return '/'
  if (value.includes('\\') || [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return '/'
  const base = 'http://wellspring.invalid'
  const parsed = new URL(value, base)
  return parsed.origin === base ? `${parsed.pathname}${parsed.search}${parsed.hash}` : '/'
}

// Discovery is cached per process: the metadata rarely changes, and openid-client refetches the provider's keys
// itself when it sees an unknown key id. A failed discovery is forgotten so the next sign-in retries.
const configurations = new Map<string, Promise<client.Configuration>>()

function providerConfiguration(oidc: OidcConfig): Promise<client.Configuration> {
  const key = JSON.stringify([oidc.issuer, oidc.clientId, oidc.clientSecret ?? null])
  let pending = configurations.get(key)
  if (!pending) {
    pending = discover(oidc)
    configurations.set(key, pending)
    pending.catch(() => configurations.delete(key))
  }
  return pending
}

async function discover(oidc: OidcConfig): Promise<client.Configuration> {
  const issuer = new URL(oidc.issuer)
  const insecure = isInsecureLoopback(issuer)
  const found = await client.discovery(
    issuer,
    oidc.clientId,
    undefined,
    client.None(),
    insecure ? { execute: [client.allowInsecureRequests] } : {},
  )
  // Without a secret this is a public client, protected by PKCE alone.
  if (!oidc.clientSecret) return found
  // client_secret_basic is the OIDC default and what most providers expect; use post only when basic is missing.
  const methods = found.serverMetadata().token_endpoint_auth_methods_supported
  const auth =
    methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')
      ? client.ClientSecretPost(oidc.clientSecret)
      : client.ClientSecretBasic(oidc.clientSecret)
  const configuration = new client.Configuration({ ...found.serverMetadata() }, oidc.clientId, oidc.clientSecret, auth)
  if (insecure) client.allowInsecureRequests(configuration)
  return configuration
}

/**
 * Starts a sign-on: stores state, nonce and PKCE verifier in the database (any app node may receive the
 * callback) and returns the provider's authorization URL to redirect the browser to.
 */
export async function beginSso(db: Db, config: Config, returnTo: string | undefined): Promise<string> {
  if (!config.oidc) throw new SsoError('sso_unavailable', 'single sign-on is not configured')
  let configuration: client.Configuration
  try {
    configuration = await providerConfiguration(config.oidc)
  } catch (err) {
    throw new SsoError('sso_unavailable', `discovery at ${config.oidc.issuer} failed`, { cause: err })
  }
  const state = client.randomState()
  const nonce = client.randomNonce()
  const codeVerifier = client.randomPKCECodeVerifier()
  await insertOidcState(db, { state, nonce, code_verifier: codeVerifier, return_to: safeReturnTo(returnTo), created_at: nowIso() })
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUriOf(config),
    scope: SCOPE,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  })
  return url.href
}

interface Identity {
  email: unknown
  emailVerified: unknown
}

/**
 * Finishes a sign-on from the provider's redirect: the state is used up whatever happens next, the code is
 * exchanged with the PKCE verifier, the ID token and its nonce are checked, and the verified email is matched
 * to a person by `matchPerson`. Returns who signed in and where to send them.
 */
export async function finishSso(
  db: Db,
  config: Config,
  query: URLSearchParams,
  matchPerson: PersonMatcher,
): Promise<{ personId: string; returnTo: string }> {
  if (!config.oidc) throw new SsoError('sso_unavailable', 'single sign-on is not configured')
  const state = query.get('state')
  if (!state) throw new SsoError('sso_failed', 'the provider sent no state')
  const pending = await takeOidcState(db, state)
  if (!pending) throw new SsoError('sso_expired', 'unknown or already used state')
  if (pending.created_at <= isoIn(-STATE_TTL_MS)) throw new SsoError('sso_expired', 'the sign-on took longer than 10 minutes')
  const providerError = query.get('error')
  if (providerError)
    throw new SsoError('sso_denied', `the provider refused: ${providerError} ${query.get('error_description') ?? ''}`.trim())
  if (!query.get('code')) throw new SsoError('sso_failed', 'the provider sent no code')

  let configuration: client.Configuration
  try {
    configuration = await providerConfiguration(config.oidc)
  } catch (err) {
    throw new SsoError('sso_unavailable', `discovery at ${config.oidc.issuer} failed`, { cause: err })
  }
  const identity = await exchangeCode(configuration, config, query, pending)
  if (typeof identity.email !== 'string' || !identity.email.includes('@'))
    throw new SsoError('sso_no_email', 'the provider did not share an email address')
  // Only an explicit "not verified" is refused: many providers never send the flag, and some send it as a string.
  if (identity.emailVerified === false || identity.emailVerified === 'false') {
    throw new SsoError('sso_email_unverified', `the provider says ${identity.email} is not verified`)
  }
  const personId = await matchPerson(db, identity.email)
  return { personId, returnTo: safeReturnTo(pending.return_to) }
}

async function exchangeCode(
  configuration: client.Configuration,
  config: Config,
  query: URLSearchParams,
  pending: { state: string; nonce: string; code_verifier: string },
): Promise<Identity> {
  // The URL is rebuilt on the configured base so the redirect_uri sent to the token endpoint is the registered one.
  const currentUrl = new URL(redirectUriOf(config))
  currentUrl.search = query.toString()
  try {
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedNonce: pending.nonce,
      expectedState: pending.state,
    })
    const claims = tokens.claims()
    if (!claims) throw new Error('no ID token')
    if (claims.email !== undefined) return { email: claims.email, emailVerified: claims.email_verified }
    // Conforming providers put scope claims in UserInfo, not the ID token, when an access token is issued too.
    const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub)
    return { email: info.email, emailVerified: info.email_verified }
  } catch (err) {
    throw new SsoError('sso_failed', 'the code exchange or token validation failed', { cause: err })
  }
}
