import fs from 'node:fs/promises'
import path from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import nodemailer from 'nodemailer'
import type { Config } from '../config.js'
import { AppError } from '../errors.js'
import { newId } from '../time.js'

export interface MailMessage {
  to: string
  subject: string
  text: string
  /** An iCalendar invite (text/calendar; method=…), which mail clients show as an invitation. */
  calendar?: { method: string; content: string }
  /** A stable Message-ID (`<id@host>`): a message sent again after a crash is then the same message. */
  messageId?: string
}

/** The SMTP server refused or could not be reached; the cause is logged, the caller may answer 503. */
export class MailUnavailableError extends AppError {
  constructor() {
    super(503, 'mail_unavailable', 'mail cannot be sent right now; try again later')
  }
}

export interface Mailer {
  send(message: MailMessage): Promise<void>
}

/**
 * Sends through SMTP when it is configured. Without SMTP (development), each message is written to
 * `DATA_DIR/outbox` as an .eml file and logged, so links in it can still be followed.
 */
export function createMailer(config: Config, log: FastifyBaseLogger): Mailer {
  if (config.smtp) {
    const transport = nodemailer.createTransport({
      host: config.smtp.host,
      port: config.smtp.port,
      secure: config.smtp.secure,
      auth: config.smtp.user ? { user: config.smtp.user, pass: config.smtp.pass ?? '' } : undefined,
      tls: { rejectUnauthorized: !['127.0.0.1', 'localhost', '::1'].includes(config.smtp.host) },
      // Mail is sent inside requests: a dead relay must fail in seconds, not after nodemailer's minutes.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    })
    return {
      async send(message) {
        try {
          const { calendar, ...rest } = message
          await transport.sendMail({ from: config.mailFrom, ...rest, ...(calendar ? { icalEvent: calendar } : {}) })
        } catch (err) {
          log.error({ err, to: message.to, subject: message.subject }, 'SMTP send failed')
          throw new MailUnavailableError()
        }
      },
    }
  }
  const outbox = path.join(config.dataDir, 'outbox')
  return {
    async send(message) {
      await fs.mkdir(outbox, { recursive: true })
      const file = path.join(outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${newId().slice(0, 8)}.eml`)
      const invite = message.calendar ? `\n--- invite (${message.calendar.method}) ---\n${message.calendar.content}` : ''
      const eml = `From: ${config.mailFrom}\nTo: ${message.to}\nSubject: ${message.subject}\nContent-Type: text/plain; charset=utf-8\n\n${message.text}\n${invite}`
      await fs.writeFile(file, eml)
      log.info({ to: message.to, subject: message.subject, file }, 'mail written to outbox (no SMTP configured)')
    },
  }
}
