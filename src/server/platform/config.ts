import path from 'node:path'

/** Runtime configuration, read once from the environment at start-up. */
export interface Config {
  port: number
  host: string
  /** Public base URL, used in links sent by mail and as the OIDC redirect base. */
  baseUrl: string
  dataDir: string
  /** When set, PostgreSQL mode; otherwise SQLite in `dataDir`. */
  databaseUrl: string | undefined
  logLevel: string
  sessionTtlHours: number
  /** Requests per minute per IP on authentication routes. */
  authRateLimit: number
  /** Votes and flags per person per minute. */
  writeRateLimit: number
  /** Largest JSON body accepted, in bytes. */
  bodyLimit: number
  /** Largest roster CSV accepted, in bytes. */
  csvLimit: number
  /** Largest media upload (image, audio, video) accepted, in bytes. */
  mediaMaxBytes: number
  smtp: SmtpConfig | undefined
  mailFrom: string
  oidc: OidcConfig | undefined
  /** Where the built web app lives; served as static files when present. */
  webDir: string
  /** Run the job worker in this process. */
  runWorker: boolean
  /** Job lease length in ms (how soon a crashed worker's job is picked up again); the queue's default when unset. */
  jobLeaseMs: number | undefined
  /** Smallest group that aggregates may describe (DESIGN.md: never below 3). */
  minAggregate: number
  /** Signs unsubscribe links in mail. When unset, a secret generated once is kept in the database for every node. */
  notifySecret: string | undefined
  /** Uploaded files go to this S3-compatible store (STORAGE=s3); when unset, to `dataDir/files`. */
  s3: S3Config | undefined
}

export interface S3Config {
  /** Base URL of the S3 API, e.g. https://s3.eu-west-1.amazonaws.com or http://minio.internal:9000. */
  endpoint: string
  bucket: string
  region: string
  accessKeyId: string
  secretAccessKey: string
  /** For temporary credentials. */
  sessionToken: string | undefined
  /** Address the bucket in the path (endpoint/bucket/key), as most self-hosted stores need, not in the host name. */
  forcePathStyle: boolean
}

export interface SmtpConfig {
  host: string
  port: number
  secure: boolean
  user: string | undefined
  pass: string | undefined
}

export interface OidcConfig {
  issuer: string
  clientId: string
  clientSecret: string | undefined
  /** Label on the login button. */
  name: string
}

function intFrom(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n)) throw new Error(`expected an integer, got ${value}`)
  return n
}

/** The S3 settings when STORAGE=s3, refusing to start without the ones that have no default. */
function s3From(env: NodeJS.ProcessEnv): S3Config | undefined {
  const kind = env.STORAGE || 'disk'
  if (kind === 'disk') return undefined
  if (kind !== 's3') throw new Error(`STORAGE must be disk or s3, not ${kind}`)
  const need = (name: string): string => {
    const value = env[name]
    if (!value) throw new Error(`STORAGE=s3 needs ${name}`)
    return value
  }
  const region = env.S3_REGION || 'us-east-1'
  return {
    endpoint: (env.S3_ENDPOINT || `https://s3.${region}.amazonaws.com`).replace(/\/$/, ''),
    bucket: need('S3_BUCKET'),
    region,
    accessKeyId: need('S3_ACCESS_KEY_ID'),
    secretAccessKey: need('S3_SECRET_ACCESS_KEY'),
    sessionToken: env.S3_SESSION_TOKEN || undefined,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
  }
}

/** Builds the configuration from environment variables, with defaults for local use. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = intFrom(env.PORT, 3000)
  const dataDir = path.resolve(env.DATA_DIR ?? 'data')
  const smtp: SmtpConfig | undefined = env.SMTP_HOST
    ? {
        host: env.SMTP_HOST,
        port: intFrom(env.SMTP_PORT, 587),
        secure: env.SMTP_SECURE === 'true',
        user: env.SMTP_USER || undefined,
        pass: env.SMTP_PASS || undefined,
      }
    : undefined
  const oidc: OidcConfig | undefined =
    env.OIDC_ISSUER && env.OIDC_CLIENT_ID
      ? {
          issuer: env.OIDC_ISSUER,
          clientId: env.OIDC_CLIENT_ID,
          clientSecret: env.OIDC_CLIENT_SECRET || undefined,
          name: env.OIDC_NAME ?? 'Single sign-on',
        }
      : undefined
  const minAggregate = Math.max(3, intFrom(env.MIN_AGGREGATE, 5))
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    baseUrl: (env.BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionTtlHours: intFrom(env.SESSION_TTL_HOURS, 24 * 14),
    authRateLimit: intFrom(env.AUTH_RATE_LIMIT, 20),
    writeRateLimit: intFrom(env.WRITE_RATE_LIMIT, 120),
    bodyLimit: intFrom(env.BODY_LIMIT, 256 * 1024),
    csvLimit: intFrom(env.CSV_LIMIT, 20 * 1024 * 1024),
    mediaMaxBytes: intFrom(env.MEDIA_MAX_BYTES, 200 * 1024 * 1024),
    smtp,
    mailFrom: env.MAIL_FROM ?? 'Wellspring <wellspring@localhost>',
    oidc,
    webDir: path.resolve(env.WEB_DIR ?? 'dist/web'),
    runWorker: env.RUN_WORKER !== 'false',
    jobLeaseMs: env.JOB_LEASE_MS ? intFrom(env.JOB_LEASE_MS, 15_000) : undefined,
    minAggregate,
    notifySecret: env.NOTIFY_SECRET || undefined,
    s3: s3From(env),
    ...overrides,
  }
}
