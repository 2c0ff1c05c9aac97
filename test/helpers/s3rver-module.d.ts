// The few parts of npm `@20minutes/s3rver` (v4, a maintained fork of s3rver) that test/helpers/s3-server.ts
// uses. The package ships no types, so these are declared by hand from its source (lib/s3rver.js).
declare module '@20minutes/s3rver' {
  import type { AddressInfo } from 'node:net'

  export interface S3rverOptions {
    address?: string
    port?: number
    silent?: boolean
    /** Where objects are kept, as files. */
    directory?: string
    /** Address buckets by host name too; off, only by path. */
    vhostBuckets?: boolean
    /** Accept requests whose SigV4 or V2 signature does not match (default false). */
    allowMismatchedSignatures?: boolean
    configureBuckets?: { name: string }[]
  }

  /** A fake S3 server on Koa. Its one account has the access key and secret S3RVER. */
  export default class S3rver {
    constructor(options?: S3rverOptions)
    run(): Promise<AddressInfo>
    close(): Promise<void>
  }
}
