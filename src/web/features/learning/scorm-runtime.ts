import type { ScormAttempt } from '../../../shared/learning'

/** The run-time API a SCORM package looks for on window.parent: `API` (1.2) or `API_1484_11` (2004). */
export interface RuntimeApi {
  on(event: string, callback: (...args: unknown[]) => void): void
  loadFromFlattenedJSON(json: Record<string, unknown>, element?: string): void
  getFlattenedCMI(): Record<string, unknown>
}

declare global {
  interface Window {
    API?: RuntimeApi
    API_1484_11?: RuntimeApi
  }
}

/** Element names the server stores (the API's own `_children`, `_count` and `_version` are not data). */
const STORED = /^(cmi|adl)\.[A-Za-z0-9_.]{1,200}$/
const META = /\._(children|count|version)$/

/** The data model as the server keeps it: flat names to string values. */
export function flatCmi(api: RuntimeApi): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(api.getFlattenedCMI())) {
    if (!STORED.test(name) || META.test(name)) continue
    if (typeof value === 'string') out[name] = value
    else if (typeof value === 'number' || typeof value === 'boolean') out[name] = String(value)
  }
  return out
}

type RuntimeClass = new (settings: object) => RuntimeApi

/** scorm-again's ES modules export the class by name, though its types declare a default export. */
function exported(module: object, name: string): RuntimeClass {
  const found = (module as Record<string, unknown>)[name] ?? (module as { default?: unknown }).default
  if (typeof found !== 'function') throw new Error(`scorm-again has no ${name}`)
  return found as RuntimeClass
}

/**
 * Creates the run-time API for a package's version, loaded with the learner's saved data so the content resumes
 * where they left it, and installs it where the content looks for it. scorm-again is loaded only here, so the
 * rest of the app does not carry it. Commits are not sent by scorm-again: the player saves on its events.
 */
export async function createRuntime(
  version: '1.2' | '2004',
  attempt: ScormAttempt,
  learner: { id: string; name: string },
): Promise<RuntimeApi> {
  const settings = { lmsCommitUrl: false as const, autocommit: false, logLevel: 5 }
  const resuming = attempt.suspendData !== '' || attempt.location !== ''
  if (version === '1.2') {
    const Scorm12API = exported(await import('scorm-again/scorm12'), 'Scorm12API')
    const api = new Scorm12API(settings)
    if (Object.keys(attempt.cmi).length > 0) api.loadFromFlattenedJSON(attempt.cmi, '')
    api.loadFromFlattenedJSON(
      { 'cmi.core.student_id': learner.id, 'cmi.core.student_name': learner.name, 'cmi.core.entry': resuming ? 'resume' : 'ab-initio' },
      '',
    )
    window.API = api
    return api
  }
  const Scorm2004API = exported(await import('scorm-again/scorm2004'), 'Scorm2004API')
  const api = new Scorm2004API(settings)
  if (Object.keys(attempt.cmi).length > 0) api.loadFromFlattenedJSON(attempt.cmi, '')
  api.loadFromFlattenedJSON(
    { 'cmi.learner_id': learner.id, 'cmi.learner_name': learner.name, 'cmi.entry': resuming ? 'resume' : 'ab-initio' },
    '',
  )
  window.API_1484_11 = api
  return api
}

/** The events after which the content's data is worth keeping: its commits and its end. */
export const SAVE_EVENTS = { '1.2': ['LMSCommit', 'LMSFinish'], '2004': ['Commit', 'Terminate'] } as const
