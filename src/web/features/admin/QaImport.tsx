import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { Static } from '@sinclair/typebox'
import { useEffect, useState, type FormEvent } from 'react'
import { Link } from 'react-router-dom'
import type { QaImport as QaImportItem, QaImportReport, UploadResult } from '../../../shared/imports'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { Counts, type CountItem } from '../../components/Counts'
import { TextField } from '../../components/Fields'
import { api, queryString } from '../../lib/api'
import { invalidateCommunities, useCommunities } from '../../lib/communities'
import { formatBytes, uploadWithProgress } from '../../lib/upload'

type Report = Static<typeof QaImportReport>
/** The community choice that starts a new one. */
const NEW = '__new__'
const finished = (item: QaImportItem | undefined) => item?.job.status === 'done' || item?.job.status === 'failed'
const typeOf = (f: File) => (f.name.toLowerCase().endsWith('.7z') ? 'application/x-7z-compressed' : 'application/xml')

function ImportReport({ item }: { item: QaImportItem }) {
  if (item.job.status === 'failed') return <ErrorAlert title="The import failed." error={new Error(item.job.error ?? 'unknown error')} />
  const r: Report | null = item.report
  if (!r) return null
  const counts: CountItem[] = [
    ['Questions', r.questions],
    ['Answers', r.answers],
    ['Accepted', r.accepted],
    ['Comments', r.comments],
    ['Duplicates', r.duplicates],
    ['People matched', r.peopleMatched],
    ['Placeholders', r.placeholders],
    ['Posts created', r.created.posts],
  ]
  return (
    <section className="report" aria-labelledby={`qa-report-${item.id}`}>
      <h3 id={`qa-report-${item.id}`}>
        Imported {r.site} into <Link to={`/communities/${item.community.slug}`}>{item.community.name}</Link> in {r.seconds.toFixed(1)} s
      </h3>
      <Counts items={counts} />
      {r.skipped.length > 0 && <p className="hint">Skipped: {r.skipped.map((s) => `${s.posts} (${s.reason})`).join('; ')}</p>}
    </section>
  )
}

function JobProgress({ item }: { item: QaImportItem }) {
  const { job } = item
  const label = `Importing ${item.site}${job.progressTotal > 0 ? `: ${job.progress} of ${job.progressTotal}` : '…'}${job.progressLabel ? ` (${job.progressLabel})` : ''}`
  return (
    <div className="progress-block">
      <p id={`qa-job-${item.id}`}>{label}</p>
      {job.progressTotal > 0 ? (
        <progress aria-labelledby={`qa-job-${item.id}`} value={job.progress} max={job.progressTotal} />
      ) : (
        <progress aria-labelledby={`qa-job-${item.id}`} />
      )}
    </div>
  )
}

/**
 * Q&A import: upload a Stack Exchange or Stack Overflow for Teams dump (.7z, or its XML files) with a progress
 * bar, import it into a community as a job, follow the job's progress and read its report.
 */
export function QaImport() {
  const client = useQueryClient()
  const communities = useCommunities({ sort: 'name' })
  const [chosen, setChosen] = useState('')
  const [newName, setNewName] = useState('')
  // A fresh installation has no community yet: the import then starts its own, named here.
  const noCommunities = communities.data !== undefined && communities.data.items.length === 0
  const slug = chosen || (noCommunities ? NEW : '')
  const creating = slug === NEW
  const [site, setSite] = useState('')
  const [files, setFiles] = useState<File[]>([])
  const [upload, setUpload] = useState<{ name: string; loaded: number; total: number } | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [jobId, setJobId] = useState<string | null>(null)
  const job = useQuery({
    queryKey: ['admin', 'qa-import', jobId],
    queryFn: ({ signal }) => api<QaImportItem>(`/api/admin/imports/qa/${encodeURIComponent(jobId ?? '')}`, { signal }),
    enabled: jobId !== null,
    refetchInterval: (q) => (finished(q.state.data) ? false : 400),
  })
  const done = job.data?.job.status === 'done'

  async function start(event: FormEvent) {
    event.preventDefault()
    setError(null)
    setJobId(null)
    const total = files.reduce((s, f) => s + f.size, 0)
    let sent = 0
    let uploadId: string | undefined
    const names: string[] = []
    try {
      for (const file of files) {
        const result = await uploadWithProgress<Static<typeof UploadResult>>(`/api/admin/imports/qa/files${queryString({ uploadId })}`, {
          body: file,
          contentType: typeOf(file),
          headers: { 'x-filename': encodeURIComponent(file.name) },
          onProgress: (p) => setUpload({ name: file.name, loaded: sent + Math.min(p.loaded, file.size), total }),
        })
        sent += file.size
        uploadId = result.uploadId
        names.push(result.filename)
      }
      setUpload(null)
      const started = await api<QaImportItem>('/api/admin/imports/qa', {
        json: {
          uploadId,
          files: names,
          ...(creating ? { newCommunity: { name: newName.trim() } } : { communitySlug: slug }),
          ...(site.trim() ? { site: site.trim() } : {}),
        },
      })
      client.setQueryData(['admin', 'qa-import', started.id], started)
      if (creating) {
        // The new community is in the list from now on, and is the one chosen.
        setChosen(started.community.slug)
        setNewName('')
        void invalidateCommunities(client, started.community.slug)
      }
      setJobId(started.id)
    } catch (err) {
      setUpload(null)
      setError(err)
    }
  }

  const busy = upload !== null || (job.data !== undefined && !finished(job.data))
  const importedInto = done ? job.data?.community.slug : undefined
  useEffect(() => {
    // The community has new posts and people now.
    if (importedInto) void invalidateCommunities(client, importedInto)
  }, [importedInto, client])
  return (
    <section className="card stack" aria-labelledby="qa-heading">
      <h2 id="qa-heading">Q&amp;A import</h2>
      <p>
        Import a Stack Exchange data dump or a Stack Overflow for Teams export into a community: questions, answers, accepted answers,
        comments, tags and duplicate links. Upload the <code>.7z</code> archive, or its XML files (<code>Posts.xml</code>,{' '}
        <code>Users.xml</code>, <code>Votes.xml</code>, <code>Comments.xml</code>, <code>PostLinks.xml</code>). Importing again changes
        nothing.
      </p>
      <form className="stack" onSubmit={(e) => void start(e)}>
        <div className="field">
          <label htmlFor="qa-community">Community</label>
          <select id="qa-community" required value={slug} onChange={(e) => setChosen(e.target.value)}>
            {!noCommunities && <option value="">Choose a community</option>}
            {(communities.data?.items ?? []).map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
            <option value={NEW}>New community…</option>
          </select>
        </div>
        {creating && (
          <TextField
            label="Name of the new community"
            hint="An open community, with you as its steward; you can change its purpose and rules afterwards."
            required
            minLength={2}
            maxLength={100}
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
          />
        )}
        <TextField
          label="Site (optional)"
          hint="For example beer.stackexchange.com; taken from the archive name when empty."
          value={site}
          onChange={(e) => setSite(e.target.value)}
        />
        <div className="field">
          <label htmlFor="qa-files">Dump files (.7z or .xml)</label>
          <input
            id="qa-files"
            type="file"
            multiple
            required
            accept=".7z,.xml,application/x-7z-compressed,application/xml,text/xml"
            onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
          />
        </div>
        <div className="button-row">
          <button
            type="submit"
            className="button button-primary"
            disabled={busy || files.length === 0 || !slug || (creating && newName.trim().length < 2)}
          >
            Upload and import
          </button>
        </div>
      </form>
      {upload && (
        <div className="progress-block">
          <p id="qa-upload-label">
            Uploading {upload.name}: {Math.round((upload.loaded / Math.max(1, upload.total)) * 100)}% ({formatBytes(upload.loaded)} of{' '}
            {formatBytes(upload.total)})
          </p>
          <progress aria-labelledby="qa-upload-label" value={upload.loaded} max={Math.max(1, upload.total)} />
        </div>
      )}
      <ErrorAlert error={error ?? job.error} />
      {job.data && !finished(job.data) && <JobProgress item={job.data} />}
      {job.data && finished(job.data) && <ImportReport item={job.data} />}
      <StatusMessage>
        {done && job.data?.report ? `The import is done: ${job.data.report.questions} questions, ${job.data.report.answers} answers.` : ''}
      </StatusMessage>
    </section>
  )
}
