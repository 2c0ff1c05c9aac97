/**
 * The reference for bench/http.ts: the same Fastify version as Wellspring, logger off, one GET route that
 * returns a small JSON object through a response schema (so it uses fast-json-stringify, as our routes do).
 * Usage: node bench/bare-server.ts PORT (bundled by bench/http.ts) or `tsx bench/bare-server.ts PORT`.
 */
import Fastify from 'fastify'
import { exitWithUsageOnHelp } from '../scripts/usage.js'

exitWithUsageOnHelp(import.meta.url)

const port = Number(process.argv[2] ?? process.env.PORT ?? 3999)
const app = Fastify({ logger: false })

app.get(
  '/bare',
  {
    schema: {
      response: {
        200: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            department: { type: 'string' },
            reportCount: { type: 'integer' },
          },
        },
      },
    },
  },
  async () => ({ id: 'p000123', name: 'Priya Patel', department: 'Engineering', reportCount: 7 }),
)

app.listen({ port, host: '127.0.0.1' }).catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void app.close().then(() => process.exit(0)))
