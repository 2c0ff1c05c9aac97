import { parseManifest, type ScormManifest } from './manifest.js'
import { openZip, PackageError, type OpenZip } from './zip.js'

/** A SCORM package that passed every check, still open so that its files can be copied. */
export interface ScormPackage {
  manifest: ScormManifest
  zip: OpenZip
}

const AICC_FILES = /\.(crs|au|des|cst|ort|pre|cmp)$/i

/**
 * Opens and checks a SCORM 1.2 or 2004 package: a safe zip (see zip.ts), `imsmanifest.xml` at its root, a
 * manifest that names its version and launchable items, and every launched file present. Nothing is written:
 * a refused package changes nothing. Throws PackageError with a message for the person who uploaded it.
 */
export async function readScormPackage(file: string): Promise<ScormPackage> {
  const zip = await openZip(file)
  try {
    const manifestFile = zip.files.find((f) => f.path === 'imsmanifest.xml')
    if (!manifestFile) throw missingManifest(zip)
    const manifest = parseManifest(await zip.readText(manifestFile, 5 * 1024 * 1024))
    const paths = new Set(zip.files.map((f) => f.path))
    for (const item of manifest.items) {
      const file = safeDecode(item.file)
      if (!paths.has(file))
        throw new PackageError('launch_missing', `item "${item.title}" launches ${item.file}, which is not in the package`)
    }
    return { manifest, zip }
  } catch (err) {
    zip.close()
    throw err
  }
}

/** Why there is no manifest at the root, in words that say what to do. */
function missingManifest(zip: OpenZip): PackageError {
  const nested = zip.files.find((f) => f.path.toLowerCase().endsWith('/imsmanifest.xml'))
  if (nested) {
    const folder = nested.path.slice(0, -'imsmanifest.xml'.length)
    return new PackageError(
      'manifest_not_at_root',
      `imsmanifest.xml is inside the folder "${folder}", not at the root of the zip: zip the folder's contents, not the folder`,
    )
  }
  const aicc = zip.files.find((f) => AICC_FILES.test(f.path))
  if (aicc) {
    return new PackageError(
      'aicc_not_supported',
      `this is an AICC course (it has ${aicc.path}), not a SCORM package: export it as SCORM 1.2 or 2004`,
    )
  }
  return new PackageError('no_manifest', 'this zip has no imsmanifest.xml, so it is not a SCORM package')
}

/** Manifest hrefs are URLs: `a%20b.html` names the file `a b.html`. */
function safeDecode(href: string): string {
  try {
    return decodeURIComponent(href)
  } catch {
    return href
  }
}
