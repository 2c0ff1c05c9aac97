import { useQuery } from '@tanstack/react-query'
import type { Static } from '@sinclair/typebox'
import { useState } from 'react'
import type { CollabImport, CollabUploadResult } from '../../../shared/collab-imports'
import { ErrorAlert } from '../../components/Alerts'
import { Counts, type CountItem } from '../../components/Counts'
import { api } from '../../lib/api'
import { formatBytes, uploadWithProgress } from '../../lib/upload'

export const isFinished = (item: CollabImport | undefined) => item?.job.status === 'done' || item?.job.status === 'failed'

/** Follows one collaboration import's job until it is done or failed. */
export function useCollabJob(id: string | null) {
  return useQuery({
    queryKey: ['admin', 'collab-import', id],
    queryFn: ({ signal }) => api<CollabImport>(`/api/admin/imports/collab/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: id !== null,
    refetchInterval: (q) => (isFinished(q.state.data) ? false : 400),
  })
}

/** Uploads one file with a progress bar's state; returns where it was stored. */
export function useUpload() {
  const [upload, setUpload] = useState<{ name: string; loaded: number; total: number } | null>(null)
  async function send(file: File, contentType: string): Promise<Static<typeof CollabUploadResult>> {
    try {
      return await uploadWithProgress<Static<typeof CollabUploadResult>>('/api/admin/imports/collab/files', {
        body: file,
        contentType,
        headers: { 'x-filename': encodeURIComponent(file.name) },
        onProgress: (p) => setUpload({ name: file.name, loaded: Math.min(p.loaded, file.size), total: file.size }),
      })
    } finally {
      setUpload(null)
    }
  }
  return { upload, send }
}

export function UploadProgressBar({ upload, id }: { upload: { name: string; loaded: number; total: number }; id: string }) {
  return (
    <div className="progress-block">
      <p id={id}>
        Uploading {upload.name}: {Math.round((upload.loaded / Math.max(1, upload.total)) * 100)}% ({formatBytes(upload.loaded)} of{' '}
        {formatBytes(upload.total)})
      </p>
      <progress aria-labelledby={id} value={upload.loaded} max={Math.max(1, upload.total)} />
    </div>
  )
}

/** The job's progress bar while it runs. */
export function CollabProgress({ item }: { item: CollabImport }) {
  const { job } = item
  const label = `Importing ${item.label}${job.progressTotal > 0 ? `: step ${job.progress} of ${job.progressTotal}` : '…'}${job.progressLabel ? ` (${job.progressLabel})` : ''}`
  return (
    <div className="progress-block">
      <p id={`collab-job-${item.id}`}>{label}</p>
      {job.progressTotal > 0 ? (
        <progress aria-labelledby={`collab-job-${item.id}`} value={job.progress} max={job.progressTotal} />
      ) : (
        <progress aria-labelledby={`collab-job-${item.id}`} />
      )}
    </div>
  )
}

/** What an import did, or why it failed. */
export function CollabReport({ item }: { item: CollabImport }) {
  if (item.job.status === 'failed') return <ErrorAlert title="The import failed." error={new Error(item.job.error ?? 'unknown error')} />
  const r = item.report
  if (!r) return null
  const counts: CountItem[] = [
    ...(item.kind === 'slack'
      ? ([
          ['Conversations', r.channels ?? 0],
          ['Messages', r.messages ?? 0],
          ['Replies', r.replies ?? 0],
          ['Reactions', r.reactions ?? 0],
        ] as CountItem[])
      : ([['Rows', r.rows ?? 0]] as CountItem[])),
    ['People', r.people],
    ['Matched by email', r.matched],
    ['New placeholders', r.placeholders],
    ['Interactions', r.interactions],
    ['New interactions', r.new_interactions],
    ['Left out (opted out)', r.opted_out],
  ]
  return (
    <section className="report" aria-labelledby={`collab-report-${item.id}`}>
      <h3 id={`collab-report-${item.id}`}>Imported {item.label}</h3>
      <Counts items={counts} />
    </section>
  )
}
