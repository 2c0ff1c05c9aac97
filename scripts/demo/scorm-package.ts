import fs from 'node:fs'
import path from 'node:path'
import { zipFiles } from '../zip.js'

// The demo's SCORM package (scripts/demo/scorm/customer-data) as a zip, made at load time so that the package's
// sources stay readable in the repository. Stored entries (no compression): the files are a few kilobytes.

export const DEMO_SCORM_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'scorm', 'customer-data')

/** A zip of the folder's files, sorted (the scripts' one zip writer). */
export function zipFolder(dir: string): Buffer {
  const names = fs
    .readdirSync(dir)
    .filter((n) => fs.statSync(path.join(dir, n)).isFile())
    .sort()
  return zipFiles(new Map(names.map((n) => [n, fs.readFileSync(path.join(dir, n))])))
}
