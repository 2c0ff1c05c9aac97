import crypto from 'node:crypto'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Provider, type Interaction } from 'oidc-provider'

/** A person the test identity provider knows. Undefined fields are left out of the claims. */
export interface OidcTestAccount {
  email?: string
  name: string
  email_verified?: boolean
}

export const OIDC_CLIENT_ID = 'wellspring'
export const OIDC_CLIENT_SECRET = 'wellspring-test-secret'
/** A second client with no secret (token_endpoint_auth_method none), for the public-client-with-PKCE path. */
export const OIDC_PUBLIC_CLIENT_ID = 'wellspring-public'

export interface TestOidcProvider {
  /** http://127.0.0.1:<port>, the issuer identifier. */
  issuer: string
  /** accountId -> account; tests may add, change or remove accounts at any time. */
  accounts: Map<string, OidcTestAccount>
  /** When set, the login step signs this accountId in without showing the form. */
  autoLogin: string | null
  /** (Re)builds the provider with clients allowed to redirect to `uri`; needed when the app's port is known late. */
  setRedirectUri(uri: string): void
  /**
   * Plays the browser from the authorization URL: follows the provider's redirects with a cookie jar, fills the
   * login form with `login` (an email or accountId), and returns the URL the provider finally sends the browser
   * to outside itself (the app's callback with code and state, or with an error).
   */
  signIn(authorizationUrl: string, login: string): Promise<URL>
  close(): Promise<void>
}

/**
 * Starts a real OpenID Provider (npm `oidc-provider`) on 127.0.0.1 with a random port. Its login page is a small
 * form with one field (the browser test fills it); consent is granted automatically, as a company IdP would for
 * a first-party app. PKCE is required for every client.
 */
export async function startOidcProvider(
  options: { redirectUri?: string; accounts?: Record<string, OidcTestAccount> } = {},
): Promise<TestOidcProvider> {
  const accounts = new Map(Object.entries(options.accounts ?? {}))
  // One signing key and cookie key for the provider's whole life, so rebuilding it keeps ID tokens verifiable.
  const signingKey = {
    ...crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
    kid: 'test-key',
    use: 'sig',
    alg: 'RS256',
  }
  const cookieKey = crypto.randomBytes(32).toString('base64url')
  let provider: Provider | undefined
  let handleProvider: ((req: IncomingMessage, res: ServerResponse) => void) | undefined

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (!provider || !handleProvider) {
      res.writeHead(503).end('provider not configured: call setRedirectUri first')
      return
    }
    if (url.pathname.startsWith('/interaction/')) {
      handleInteraction(provider, req, res, url).catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err))
      })
      return
    }
    handleProvider(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const handle: TestOidcProvider = {
    issuer,
    accounts,
    autoLogin: null,
    setRedirectUri(uri) {
      provider = buildProvider(issuer, uri, accounts, signingKey, cookieKey)
      handleProvider = provider.callback()
    },
    signIn: (authorizationUrl, login) => signInAtProvider(issuer, authorizationUrl, login),
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }

  async function handleInteraction(p: Provider, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const details = await p.interactionDetails(req, res)
    if (details.prompt.name === 'consent') return grantConsent(p, req, res, details)
    if (req.method === 'POST' && url.pathname.endsWith('/login')) {
      const login = new URLSearchParams(await readBody(req)).get('login')?.trim() ?? ''
      const accountId = findAccountId(accounts, login)
      if (!accountId) return sendLoginForm(res, details.uid, `No account for ${login}`)
      return p.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false })
    }
    if (handle.autoLogin)
      return p.interactionFinished(req, res, { login: { accountId: handle.autoLogin } }, { mergeWithLastSubmission: false })
    return sendLoginForm(res, details.uid, '')
  }

  if (options.redirectUri) handle.setRedirectUri(options.redirectUri)
  return handle
}

function buildProvider(
  issuer: string,
  redirectUri: string,
  accounts: Map<string, OidcTestAccount>,
  signingKey: object,
  cookieKey: string,
): Provider {
  const client = { redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }
  return new Provider(issuer, {
    clients: [
      { ...client, client_id: OIDC_CLIENT_ID, client_secret: OIDC_CLIENT_SECRET, token_endpoint_auth_method: 'client_secret_basic' },
      { ...client, client_id: OIDC_PUBLIC_CLIENT_ID, token_endpoint_auth_method: 'none' },
    ],
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub)
      if (!account) return undefined
      return {
        accountId: sub,
        claims: () => ({
          sub,
          name: account.name,
          ...(account.email === undefined ? {} : { email: account.email }),
          ...(account.email_verified === undefined ? {} : { email_verified: account.email_verified }),
        }),
      }
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    clientBasedCORS: () => false,
    // Fixed lifetimes (seconds): the defaults are functions that print a notice on every use.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    cookies: { keys: [cookieKey] },
    jwks: { keys: [signingKey] },
  })
}

/** Grants what the request asked for: the test provider plays a company IdP trusting its first-party app. */
async function grantConsent(p: Provider, req: IncomingMessage, res: ServerResponse, details: Interaction): Promise<void> {
  const accountId = details.session?.accountId
  const clientId = details.params.client_id
  if (!accountId || !clientId) throw new Error('consent without a logged-in account or client')
  const grant = (details.grantId ? await p.Grant.find(details.grantId) : undefined) ?? new p.Grant({ accountId, clientId })
  const missing = details.prompt.details as {
    missingOIDCScope?: string[]
    missingOIDCClaims?: string[]
    missingResourceScopes?: Record<string, string[]>
  }
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '))
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims)
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '))
  const grantId = await grant.save()
  await p.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true })
}

function findAccountId(accounts: Map<string, OidcTestAccount>, login: string): string | undefined {
  if (accounts.has(login)) return login
  for (const [id, account] of accounts) if (account.email?.toLowerCase() === login.toLowerCase()) return id
  return undefined
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function sendLoginForm(res: ServerResponse, uid: string, error: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head><body>
<main><h1>Test identity provider</h1>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${encodeURIComponent(uid)}/login">
<label for="login">Email</label> <input id="login" name="login" autocomplete="username" required>
<button type="submit">Sign in</button></form></main></body></html>`
  res.writeHead(error ? 401 : 200, { 'content-type': 'text/html; charset=utf-8' }).end(html)
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => resolve(body))
    req.on('error', reject)
  })
}

async function signInAtProvider(issuer: string, authorizationUrl: string, login: string): Promise<URL> {
  const origin = new URL(issuer).origin
  const jar = new Map<string, string>()
  let url = new URL(authorizationUrl)
  let init: { method: string; body?: string; contentType?: string } = { method: 'GET' }
  let loginPosted = false
  for (let hop = 0; hop < 20; hop++) {
    if (url.origin !== origin) return url
    const headers: Record<string, string> = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') }
    if (init.contentType) headers['content-type'] = init.contentType
    const res = await fetch(url, { method: init.method, body: init.body, headers, redirect: 'manual' })
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name)
      else jar.set(name, value)
    }
    const location = res.headers.get('location')
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url)
      init = { method: 'GET' }
      continue
    }
    const body = await res.text()
    const action = /<form method="post" action="([^"]+)"/.exec(body)?.[1]
    if (res.status === 200 && action && !loginPosted) {
      loginPosted = true
      url = new URL(action, url)
      init = { method: 'POST', body: new URLSearchParams({ login }).toString(), contentType: 'application/x-www-form-urlencoded' }
      continue
    }
    throw new Error(`the provider answered ${res.status} at ${url.pathname}: ${body.slice(0, 500)}`)
  }
  throw new Error('too many redirects at the provider')
}
