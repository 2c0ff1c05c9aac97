import { describe, expect, it } from 'vitest'
import { EMPTY_SHA256, encodeRfc3986, sha256Hex, signRequest } from './sigv4.js'

describe('SigV4 signing', () => {
  it('signs the GET Object example of the S3 documentation to its published signature', () => {
    // "Signature Calculations for the Authorization Header", Example: GET Object (the first 10 bytes of test.txt).
    const headers = signRequest(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { Range: 'bytes=0-9' },
        payloadHash: EMPTY_SHA256,
      },
      { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      'us-east-1',
      new Date('2013-05-24T00:00:00Z'),
    )
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    )
    expect(headers['x-amz-date']).toBe('20130524T000000Z')
    expect(headers.range).toBe('bytes=0-9')
    // fetch sets Host from the URL itself.
    expect(headers.host).toBeUndefined()
  })

  it('signs the session token of temporary credentials', () => {
    const headers = signRequest(
      { method: 'HEAD', url: new URL('http://127.0.0.1:9000/b/k'), headers: {}, payloadHash: EMPTY_SHA256 },
      { accessKeyId: 'A', secretAccessKey: 'S', sessionToken: 'token' },
      'eu-west-1',
    )
    expect(headers['x-amz-security-token']).toBe('token')
    expect(headers.authorization).toContain('SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,')
  })

  it('encodes as RFC 3986 and hashes bodies', () => {
    expect(encodeRfc3986("a b!'()*~/")).toBe('a%20b%21%27%28%29%2A~%2F')
    expect(sha256Hex('')).toBe(EMPTY_SHA256)
  })
})
