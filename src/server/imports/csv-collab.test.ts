import { describe, expect, it } from 'vitest'
import { csvEvents, MAX_RECIPIENTS, parseAddresses, parseCsvTable, suggestMapping, type CsvTable } from './csv-collab.js'

function table(text: string): CsvTable {
  const t = parseCsvTable(text)
  if ('error' in t) throw new Error(t.error.message)
  return t
}

describe('parseCsvTable', () => {
  it('reads quotes, CRLF, embedded newlines and a BOM, and counts lines from the header', () => {
    const t = table(
      '\uFEFFfrom,to,"at"\r\n"a@x.example","b@x.example",2026-01-01\r\n\r\n"c@x.example","multi\r\nline ""quoted""",2026-01-02\r\nlast@x.example,z@x.example,2026-01-03',
    )
    expect(t.headers).toEqual(['from', 'to', 'at'])
    expect(t.rows.map((r) => r.line)).toEqual([2, 4, 6])
    expect(t.rows[1]?.fields[1]).toBe('multi\nline "quoted"')
  })

  it('names the line of an unclosed quote, and refuses an empty file', () => {
    const bad = parseCsvTable('from,to\n"a@x.example,b')
    expect('error' in bad && bad.error.message).toMatch(/never closed/)
    expect('error' in parseCsvTable('')).toBe(true)
  })
})

describe('suggestMapping and parseAddresses', () => {
  it('guesses columns from common header names', () => {
    expect(suggestMapping('email', ['From', 'To', 'Cc', 'Date', 'Message-ID', 'Subject'])).toEqual({
      sender: 'From',
      recipients: 'To',
      cc: 'Cc',
      date: 'Date',
      message_id: 'Message-ID',
    })
    expect(suggestMapping('csv', ['actor', 'target', 'timestamp', 'type', 'channel', 'weight'])).toEqual({
      from: 'actor',
      to: 'target',
      at: 'timestamp',
      kind: 'type',
      topic: 'channel',
      weight: 'weight',
    })
  })
  it('reads lists of addresses, bare or named', () => {
    expect(parseAddresses('Ana <Ana@X.example>; b@x.example, "Cai C" <c@x.example>')).toEqual([
      'ana@x.example',
      'b@x.example',
      'c@x.example',
    ])
  })
})

describe('csvEvents', () => {
  it('turns email metadata into one event per recipient, shared by their number, and skips announcements', () => {
    const many = Array.from({ length: MAX_RECIPIENTS + 1 }, (_, i) => `p${i}@x.example`).join(';')
    const t = table(
      `from,to,cc,date\na@x.example,"b@x.example; c@x.example",d@x.example,"Tue, 3 Nov 2026 10:00:00 +0000"\na@x.example,"${many}",,2026-11-03\n`,
    )
    const found = csvEvents('email', t, { sender: 'from', recipients: 'to', cc: 'cc', date: 'date' })
    expect(found.errors).toEqual([])
    expect(found.events.map((e) => [e.actor, e.target, e.weight])).toEqual([
      ['email:a@x.example', 'email:b@x.example', 1 / 3],
      ['email:a@x.example', 'email:c@x.example', 1 / 3],
      ['email:a@x.example', 'email:d@x.example', 1 / 3],
    ])
    expect(found.events[0]?.at).toBe('2026-11-03T10:00:00.000Z')
    expect(found.broadcasts).toBe(1)
    // The same file read again keys the same events.
    expect(csvEvents('email', t, { sender: 'from', recipients: 'to', cc: 'cc', date: 'date' }).events.map((e) => e.ref)).toEqual(
      found.events.map((e) => e.ref),
    )
  })

  it('reads the generic layout with defaults, and keeps identical rows apart', () => {
    const t = table(
      'from,to,at,kind,topic,weight\na@x.example,b@x.example,2026-10-01T09:00:00Z,call,Kubernetes,2\na@x.example,b@x.example,2026-10-01T09:00:00Z,call,Kubernetes,2\nb@x.example,c@x.example,2026-10-02,,,\n',
    )
    const found = csvEvents('csv', t, { from: 'from', to: 'to', at: 'at', kind: 'kind', topic: 'topic', weight: 'weight' })
    expect(found.errors).toEqual([])
    expect(found.events.map((e) => [e.kind, e.topics, e.weight])).toEqual([
      ['call', ['Kubernetes'], 2],
      ['call', ['Kubernetes'], 2],
      ['interaction', [], 1],
    ])
    expect(new Set(found.events.map((e) => e.ref)).size).toBe(3)
    expect(found.accounts.map((a) => a.claimKey).sort()).toEqual(['email:a@x.example', 'email:b@x.example', 'email:c@x.example'])
  })

  it('lists every bad row with its line and field, and makes no events then', () => {
    const t = table(
      'from,to,at,weight\na@x.example,b@x.example,2026-10-01,1\nnot-an-address,b@x.example,yesterday,1\n\n"a@x.example","a@x.example",2026-10-01,-3\n',
    )
    const found = csvEvents('csv', t, { from: 'from', to: 'to', at: 'at', weight: 'weight' })
    expect(found.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'from'],
      [3, 'at'],
      [5, 'to'],
      [5, 'weight'],
    ])
    const unmapped = csvEvents('csv', t, { from: 'from', to: 'nope' })
    expect(unmapped.errors.map((e) => [e.line, e.field])).toEqual([
      [1, 'to'],
      [1, 'at'],
    ])
    expect(unmapped.events).toEqual([])
  })
})
