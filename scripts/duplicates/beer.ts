// The Beer, Wine & Spirits dump (../shared/data/stackexchange/beer-2020-06), imported into a fresh SQLite
// database by the product's own importer, for eval:duplicates and train:duplicates.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { findOrCreateImportCommunity } from '../../src/server/communities/service.js'
import { importStackExchange } from '../../src/server/imports/se-import.js'
import { extract7z } from '../../src/server/imports/seven-zip.js'
import { openDatabase } from '../../src/server/platform/db/database.js'

export const BEER_DUMP = path.resolve(import.meta.dirname, '../../../shared/data/stackexchange/beer-2020-06/beer.stackexchange.com.7z')

/** The dump's path: the first argument not starting with --, BEER_DUMP, or the shipped one; exits if missing. */
export function beerArchive(args: string[]): string {
  const archive = args.find((a) => !a.startsWith('--')) ?? process.env.BEER_DUMP ?? BEER_DUMP
  if (!fs.existsSync(archive)) {
    console.error(`The Beer dump is not here: ${archive}. Give its path (or set BEER_DUMP); it ships in ../shared/data/stackexchange/.`)
    process.exit(2)
  }
  return archive
}

/** Unpacks and imports the dump; `close` closes the database and removes the files. */
export async function importBeer(archive: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-beer-'))
  const dump = path.join(dir, 'dump')
  await extract7z(archive, dump)
  const database = await openDatabase({ dataDir: path.join(dir, 'data'), databaseUrl: undefined })
  const site = 'beer.stackexchange.com'
  const communityId = await findOrCreateImportCommunity(database.db, 'beer', site, 'Beer, wine and spirits')
  const report = await importStackExchange(database.db, { dir: dump, site, communityId })
  console.log(`imported ${report.questions} questions, ${report.answers} answers in ${report.seconds} s`)
  const close = async () => {
    await database.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
  return { ...database, close }
}

/** Links between two questions of the dump, of one kind, by id: `from` links to `to`. */
export async function questionLinks(db: Awaited<ReturnType<typeof importBeer>>['db'], kind: 'duplicate' | 'related') {
  const rows = await db
    .selectFrom('post_link as l')
    .innerJoin('post as d', 'd.id', 'l.post_id')
    .innerJoin('post as o', 'o.id', 'l.target_id')
    .select(['d.id as from', 'd.title as title', 'o.id as to'])
    .where('l.kind', '=', kind)
    .where('d.kind', '=', 'question')
    .where('o.kind', '=', 'question')
    .execute()
  return rows.map((r) => ({ from: Number(r.from), title: r.title, to: Number(r.to) }))
}
