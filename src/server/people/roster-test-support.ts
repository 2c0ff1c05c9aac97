// Test support for the roster import tests (unit and durability); not used by the app.
import type { RosterImport } from '../../shared/schemas.js'
import type { Client } from '../../../test/helpers/app.js'

export const HEADER = 'email,name,title,department,manager_email,location,start_date'

/** A CSV from rows of values, quoting where needed. */
export function csvOf(rows: string[][], header = HEADER): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  return [header, ...rows.map((r) => r.map(quote).join(','))].join('\n') + '\n'
}

/**
 * A valid roster of `n` people: person 0 leads, everyone else reports to person ⌊(i−1)/8⌋. Reports come
 * before their managers in the file, so applying it needs the second (manager) pass.
 */
export function bigRosterCsv(n: number, domain = 'big.test'): string {
  const rows: string[][] = []
  for (let i = n - 1; i >= 0; i--) {
    const manager = i === 0 ? '' : `p${Math.floor((i - 1) / 8)}@${domain}`
    rows.push([
      `p${i}@${domain}`,
      `Person ${i}`,
      i < 9 ? 'Lead' : 'Engineer',
      `Dept ${i % 8}`,
      manager,
      i % 2 ? 'London' : 'Berlin',
      '2020-01-15',
    ])
  }
  return csvOf(rows)
}

/** Posts an import and waits for its job to end; returns the import as the API shows it. */
export async function runImport(admin: Client, csv: string, mode: 'preview' | 'apply' = 'apply'): Promise<RosterImport> {
  const res = await admin.post('/api/admin/roster/imports', { filename: 'roster.csv', csv, mode })
  if (res.statusCode !== 202) throw new Error(`import refused: ${res.statusCode} ${res.body}`)
  return waitForImport(admin, res.json<RosterImport>().id)
}

/** Polls an import until its job is done or failed, for at most about a minute. */
export async function waitForImport(admin: Client, id: string): Promise<RosterImport> {
  for (let i = 0; i < 1200; i++) {
    const item = (await admin.get(`/api/admin/roster/imports/${id}`)).json<RosterImport>()
    if (item.job.status === 'done' || item.job.status === 'failed') return item
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`roster import ${id} did not finish`)
}
