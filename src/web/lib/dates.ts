// The app's one way of writing dates, so every page says "12 Mar 2025" and never "3/12/2025".

const DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' }

/** "12 Mar 2025" in the reader's locale (the text itself when it is not a date). */
export function formatDate(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(undefined, DATE)
}

/** "12 Mar 2025, 14:30" in the reader's locale and time zone, for things that happen at a time (meetings). */
export function formatDateTime(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { ...DATE, hour: '2-digit', minute: '2-digit' })
}
