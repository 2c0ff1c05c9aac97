import fs from 'node:fs/promises'
import path from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import nodemailer from 'nodemailer'
import type { Config } from '../config.js'
import { newId } from '../time.js'

export interface MailMessage {
  to: string
  subject: string
  text: string
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
    })
    return {
      async send(message) {
        await transport.sendMail({ from: config.mailFrom, ...message })
      },
    }
  }
  const outbox = path.join(config.dataDir, 'outbox')
  return {
    async send(message) {
      await fs.mkdir(outbox, { recursive: true })
      const file = path.join(outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${newId().slice(0, 8)}.eml`)
      const eml = `From: ${config.mailFrom}\nTo: ${message.to}\nSubject: ${message.subject}\nContent-Type: text/plain; charset=utf-8\n\n${message.text}\n`
      await fs.writeFile(file, eml)
      log.info({ to: message.to, subject: message.subject, file }, 'mail written to outbox (no SMTP configured)')
    },
  }
}
