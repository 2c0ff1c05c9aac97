import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { PackageError } from './zip.js'

/** What a SCORM manifest says: its version, title, launchable items (SCOs and assets) and first launch. */
export interface ScormManifest {
  title: string
  identifier: string
  version: '1.2' | '2004'
  /** The manifest's own words for its version, e.g. "2004 3rd Edition". */
  schemaVersion: string
  items: ScormItem[]
  launch: string
}

/** A launchable item of the default organisation, in the order a learner meets them. */
export interface ScormItem {
  identifier: string
  title: string
  /** Path within the package, with the item's parameters; this is what the player opens. */
  href: string
  /** The file the href names, without query or fragment, to check it exists. */
  file: string
  /** SCOs talk to the run-time API; assets are plain pages. */
  sco: boolean
}

type Node = Record<string, unknown>

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  // Every element that may repeat comes back as an array, so one item and many look the same.
  isArray: (name) => ['organization', 'item', 'resource', 'file', 'dependency'].includes(name),
  processEntities: true,
  trimValues: true,
})

const text = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'number'
      ? String(v)
      : v && typeof v === 'object' && '#text' in v
        ? String((v as Node)['#text'])
        : ''
const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : [])
/** An attribute regardless of case: SCORM 1.2 says `scormtype`, 2004 says `scormType`. */
const attr = (n: Node, name: string): string => {
  const key = Object.keys(n).find((k) => k.toLowerCase() === `@${name.toLowerCase()}`)
  return key ? String(n[key]) : ''
}

/** Joins xml:base prefixes and an href the way the content-packaging spec resolves them. */
function joinHref(...parts: string[]): string {
  return parts.filter(Boolean).join('').replace(/^\.\//, '')
}

/** Tells SCORM 1.2 from 2004 by schemaversion, falling back on the namespaces the manifest declares. */
function versionOf(schemaVersion: string, xml: string): '1.2' | '2004' | undefined {
  if (/^\s*1\.2\s*$/.test(schemaVersion)) return '1.2'
  if (/2004|CAM 1\.3/i.test(schemaVersion)) return '2004'
  if (/adlcp_rootv1p2/.test(xml)) return '1.2'
  if (/adlcp_v1p3/.test(xml)) return '2004'
  return undefined
}

/** Parses and checks `imsmanifest.xml`. Throws PackageError naming what is wrong. */
export function parseManifest(xml: string): ScormManifest {
  if (xml.trim() === '' || XMLValidator.validate(xml) !== true) {
    throw new PackageError('bad_manifest', 'imsmanifest.xml is not well-formed XML')
  }
  const doc = parser.parse(xml) as Node
  const manifest = doc.manifest as Node | undefined
  if (!manifest || typeof manifest !== 'object') throw new PackageError('bad_manifest', 'imsmanifest.xml has no <manifest> element')
  const metadata = (manifest.metadata ?? {}) as Node
  const schemaVersion = text(metadata.schemaversion).trim()
  const version = versionOf(schemaVersion, xml)
  if (!version) throw new PackageError('unknown_version', 'the manifest declares neither SCORM 1.2 nor SCORM 2004')

  const organizations = (manifest.organizations ?? {}) as Node
  const orgs = list(organizations.organization)
  const defaultId = attr(organizations, 'default')
  const org = orgs.find((o) => attr(o, 'identifier') === defaultId) ?? orgs[0]
  if (!org) throw new PackageError('no_organization', 'the manifest has no organisation, so there is nothing to launch')

  const resourcesNode = (manifest.resources ?? {}) as Node
  const resourcesBase = attr(resourcesNode, 'xml:base') || attr(resourcesNode, 'base')
  const resources = new Map(list(resourcesNode.resource).map((r) => [attr(r, 'identifier'), r]))
  const manifestBase = attr(manifest, 'xml:base') || attr(manifest, 'base')

  const items: ScormItem[] = []
  const walk = (nodes: Node[]): void => {
    for (const item of nodes) {
      const ref = attr(item, 'identifierref')
      if (ref && attr(item, 'isvisible') !== 'false') {
        const resource = resources.get(ref)
        if (!resource)
          throw new PackageError(
            'bad_manifest',
            `item "${attr(item, 'identifier')}" points to a resource "${ref}" that the manifest does not list`,
          )
        const href = attr(resource, 'href')
        if (!href) throw new PackageError('bad_manifest', `resource "${ref}" has no href to launch`)
        const file = joinHref(manifestBase, resourcesBase, attr(resource, 'xml:base') || attr(resource, 'base'), href).split(/[?#]/)[0]!
        const parameters = attr(item, 'parameters')
        items.push({
          identifier: attr(item, 'identifier'),
          title: text(item.title).trim() || attr(item, 'identifier'),
          href: parameters ? `${file}${parameters.startsWith('?') || parameters.startsWith('#') ? '' : '?'}${parameters}` : file,
          file,
          sco: attr(resource, 'scormtype').toLowerCase() === 'sco',
        })
      }
      walk(list(item.item))
    }
  }
  walk(list(org.item))
  if (items.length === 0) throw new PackageError('no_launch', 'the default organisation has no item to launch')
  return {
    title: text(org.title).trim() || attr(manifest, 'identifier') || 'Untitled package',
    identifier: attr(manifest, 'identifier'),
    version,
    schemaVersion: schemaVersion || (version === '1.2' ? '1.2' : '2004'),
    items,
    launch: items[0]!.href,
  }
}
