import { describe, expect, it } from 'vitest'
import { cookieFromHeader, cookieFromRawHeaders, setCookieValue } from './cookies.js'

describe('reading the session cookie', () => {
  it('finds a cookie among others, with or without spaces, and misses names it only contains', () => {
    expect(cookieFromHeader('a=1; ws_session=tok; b=2', 'ws_session')).toBe('tok')
    expect(cookieFromHeader('ws_session=tok', 'ws_session')).toBe('tok')
    expect(cookieFromHeader('a=1;ws_session = tok ;b=2', 'ws_session')).toBe('tok')
    expect(cookieFromHeader('xws_session=no; ws_sessionx=no', 'ws_session')).toBeUndefined()
    expect(cookieFromHeader('', 'ws_session')).toBeUndefined()
    expect(cookieFromHeader('ws_session', 'ws_session')).toBeUndefined()
  })

  it('takes the first of two, strips one pair of quotes and decodes %-escapes as the cookie package does', () => {
    expect(cookieFromHeader('ws_session=first; ws_session=second', 'ws_session')).toBe('first')
    expect(cookieFromHeader('ws_session="quoted"', 'ws_session')).toBe('quoted')
    expect(cookieFromHeader('ws_session=a%20b', 'ws_session')).toBe('a b')
    expect(cookieFromHeader('ws_session=bad%zz', 'ws_session')).toBe('bad%zz')
    expect(cookieFromHeader('ws_session=', 'ws_session')).toBe('')
  })

  it('reads Cookie raw header lines in any case and skips other headers', () => {
    expect(cookieFromRawHeaders(['Host', 'x', 'Cookie', 'ws_session=abc'], 'ws_session')).toBe('abc')
    expect(cookieFromRawHeaders(['cookie', 'a=1', 'COOKIE', 'ws_session=abc'], 'ws_session')).toBe('abc')
    expect(cookieFromRawHeaders(['X-Cookie', 'ws_session=abc', 'Cookies', 'ws_session=abc'], 'ws_session')).toBeUndefined()
    expect(cookieFromRawHeaders([], 'ws_session')).toBeUndefined()
  })
})

describe('writing the session cookie', () => {
  it('sets an HttpOnly SameSite=Lax cookie on the whole site, Secure when asked', () => {
    expect(setCookieValue('ws_session', 'abc_-1', { maxAgeS: 86_400, secure: false })).toBe(
      'ws_session=abc_-1; Max-Age=86400; Path=/; HttpOnly; SameSite=Lax',
    )
    expect(setCookieValue('ws_session', 'abc', { maxAgeS: 60.9, secure: true })).toBe(
      'ws_session=abc; Max-Age=60; Path=/; HttpOnly; SameSite=Lax; Secure',
    )
  })

  it('clears with an empty value, Max-Age=0 and an expiry in the past', () => {
    expect(setCookieValue('ws_session', '', { maxAgeS: 0, secure: false })).toBe(
      'ws_session=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
    )
  })

  it('refuses a value that is not a cookie-safe token', () => {
    expect(() => setCookieValue('ws_session', 'a;b', { maxAgeS: 1, secure: false })).toThrow(/not a base64url token/)
    expect(() => setCookieValue('ws_session', 'a b', { maxAgeS: 1, secure: false })).toThrow()
  })
})
