/** What the catalogue keeps of a SCORM run-time data model: a status, a score, where to resume. */
export interface TrackingSummary {
  status: string
  score: number | null
  suspendData: string
  location: string
  completed: boolean
}

const num = (v: string | undefined): number | null => {
  if (v === undefined || v.trim() === '') return null
  const n = Number(v)
  return Number.isFinite(n) ? n : null
}

/**
 * Reads the elements that matter from a SCORM 1.2 (`cmi.core.*`) or 2004 (`cmi.*`) data model. In 2004 the
 * status is the success status when the content set one (passed/failed), else the completion status; the score
 * is the scaled score as a percentage when present, else the raw score.
 */
export function summarise(version: '1.2' | '2004', cmi: Record<string, string>): TrackingSummary {
  if (version === '1.2') {
    const status = cmi['cmi.core.lesson_status'] || 'not attempted'
    return {
      status,
      score: num(cmi['cmi.core.score.raw']),
      suspendData: cmi['cmi.suspend_data'] ?? '',
      location: cmi['cmi.core.lesson_location'] ?? '',
      completed: ['completed', 'passed'].includes(status),
    }
  }
  const success = cmi['cmi.success_status']
  const completion = cmi['cmi.completion_status'] || 'not attempted'
  const status = success === 'passed' || success === 'failed' ? success : completion
  const scaled = num(cmi['cmi.score.scaled'])
  return {
    status,
    score: scaled !== null ? Math.round(scaled * 10_000) / 100 : num(cmi['cmi.score.raw']),
    suspendData: cmi['cmi.suspend_data'] ?? '',
    location: cmi['cmi.location'] ?? '',
    completed: completion === 'completed' || success === 'passed',
  }
}

/** SCORM 1.2 caps suspend_data at 4,096 characters; 2004 at 64,000. Longer data is the content's bug: refuse it. */
export const SUSPEND_LIMIT = { '1.2': 4_096, '2004': 64_000 } as const
