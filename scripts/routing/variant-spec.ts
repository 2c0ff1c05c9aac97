// The variant scripts' arguments: `name:key=value;key=value`, one variant each.

/** A variant's name and its settings, as written on the command line. */
export function parseVariantSpec(spec: string): { name: string; kv: Map<string, string> } {
  const [name = '', body = ''] = spec.split(':')
  return {
    name,
    kv: new Map(
      body
        .split(';')
        .filter(Boolean)
        .map((p) => p.split('=') as [string, string]),
    ),
  }
}
