import { describe, expect, it } from 'vitest'
import { loadConfig } from './config.js'

describe('storage settings', () => {
  const s3 = { STORAGE: 's3', S3_BUCKET: 'uploads', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' }

  it('keeps files on disk unless STORAGE=s3', () => {
    expect(loadConfig({}).s3).toBeUndefined()
    expect(loadConfig({ STORAGE: 'disk', S3_BUCKET: 'ignored' }).s3).toBeUndefined()
  })

  it('reads the S3 settings, with AWS defaults for the endpoint and region', () => {
    expect(loadConfig(s3).s3).toEqual({
      endpoint: 'https://s3.us-east-1.amazonaws.com',
      bucket: 'uploads',
      region: 'us-east-1',
      accessKeyId: 'id',
      secretAccessKey: 'secret',
      sessionToken: undefined,
      forcePathStyle: false,
    })
    const minio = loadConfig({ ...s3, S3_ENDPOINT: 'http://minio:9000/', S3_REGION: 'eu-west-1', S3_FORCE_PATH_STYLE: 'true' }).s3
    expect(minio).toMatchObject({ endpoint: 'http://minio:9000', region: 'eu-west-1', forcePathStyle: true })
  })

  it('refuses to start with STORAGE=s3 but no bucket or keys, or an unknown STORAGE', () => {
    for (const missing of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) {
      expect(() => loadConfig({ ...s3, [missing]: '' })).toThrow(missing)
    }
    expect(() => loadConfig({ STORAGE: 'ftp' })).toThrow(/STORAGE/)
  })
})
