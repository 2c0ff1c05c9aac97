/**
 * The away period is chosen as whole days in the person's own time zone ("first day away", "last day away",
 * both included) and stored as an instant range [from, until) in ISO form.
 */

const pad = (n: number) => String(n).padStart(2, '0')

/** yyyy-mm-dd of an instant, in local time. */
function localDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** The start of a local day (yyyy-mm-dd), as an ISO instant; null for an empty field. */
export function dayStartIso(day: string): string | null {
  if (!day) return null
  const d = new Date(`${day}T00:00:00`)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

/** The end of a local day (the start of the next one), as an ISO instant; null for an empty field. */
export function dayEndIso(day: string): string | null {
  const start = dayStartIso(day)
  if (!start) return null
  const d = new Date(start)
  d.setDate(d.getDate() + 1)
  return d.toISOString()
}

/** The local day an away period starts on. */
export function firstDayOf(iso: string | null): string {
  return iso ? localDay(new Date(iso)) : ''
}

/** The last local day inside an away period that ends (exclusively) at `iso`. */
export function lastDayOf(iso: string | null): string {
  return iso ? localDay(new Date(new Date(iso).getTime() - 1)) : ''
}

/** "12 May 2025" in the reader's locale, for a yyyy-mm-dd day. */
export function formatDay(day: string): string {
  const d = new Date(`${day}T00:00:00`)
  return Number.isNaN(d.getTime()) ? day : d.toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' })
}
