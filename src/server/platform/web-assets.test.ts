import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/helpers/app.js'

// How the built web app is served: compressed when the browser accepts it, fingerprinted assets cached for
// good, source maps never public (issue 10, item 9).
describe('web assets', () => {
  let t: TestApp
  let webDir: string
  const script = `console.log(${JSON.stringify('wellspring '.repeat(400))})\n`

  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-web-'))
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Wellspring</title><div id="root"></div>')
    fs.writeFileSync(path.join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
    const assets = path.join(webDir, 'assets')
    fs.mkdirSync(assets)
    fs.writeFileSync(path.join(assets, 'index-AbC123.js'), script)
    fs.writeFileSync(path.join(assets, 'index-AbC123.js.gz'), zlib.gzipSync(script))
    fs.writeFileSync(path.join(assets, 'index-AbC123.js.br'), zlib.brotliCompressSync(script))
    fs.writeFileSync(path.join(assets, 'index-AbC123.js.map'), '{"version":3,"sources":["secret.ts"]}')
    t = await createTestApp('sqlite', { webDir })
  })
  afterAll(async () => {
    await t?.close()
    fs.rmSync(webDir, { recursive: true, force: true })
  })

  it('sends gzip or Brotli to browsers that accept them, and the plain file to others', async () => {
    const gz = await t.app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip' } })
    expect(gz.statusCode).toBe(200)
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(String(gz.headers.vary)).toMatch(/accept-encoding/i)
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script)

    const br = await t.app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(br.headers['content-encoding']).toBe('br')
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script)

    const plain = await t.app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'identity' } })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe(script)
  })

  it('caches fingerprinted assets immutably and other files for an hour', async () => {
    const asset = await t.app.inject({ url: '/assets/index-AbC123.js' })
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    const icon = await t.app.inject({ url: '/favicon.svg' })
    expect(icon.statusCode).toBe(200)
    expect(icon.headers['cache-control']).toBe('public, max-age=3600')
    const page = await t.app.inject({ url: '/communities' })
    expect(page.headers['cache-control']).toBe('no-cache')
  })

  it('never serves a source map', async () => {
    const map = await t.app.inject({ url: '/assets/index-AbC123.js.map' })
    expect(map.statusCode).not.toBe(200)
    expect(map.body).not.toContain('secret.ts')
  })
})
