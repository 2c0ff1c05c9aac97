import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useState } from 'react'
import type { Person } from '../../../shared/schemas'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { Avatar } from '../../components/Avatar'
import { api } from '../../lib/api'
import { personKey } from '../../lib/people'
import { bumpPhotoVersion } from '../../lib/photos'

const TYPES = ['image/png', 'image/jpeg', 'image/webp']
const MAX_BYTES = 2 * 1024 * 1024

/** Choose a photo, see it before uploading, upload it; or remove the current one. */
export function PhotoEditor({ person }: { person: Person }) {
  const client = useQueryClient()
  const inputId = useId()
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [done, setDone] = useState('')

  useEffect(() => {
    if (!file) return setPreview(null)
    const url = URL.createObjectURL(file)
    setPreview(url)
    return () => URL.revokeObjectURL(url)
  }, [file])

  const afterChange = async (message: string) => {
    bumpPhotoVersion(person.id)
    setFile(null)
    setDone(message)
    await client.invalidateQueries({ queryKey: personKey(person.id) })
  }
  const upload = useMutation({
    mutationFn: (f: File) => api('/api/me/photo', { method: 'PUT', raw: f, contentType: f.type }),
    onSuccess: () => afterChange('Your new photo is saved.'),
  })
  const remove = useMutation({
    mutationFn: () => api('/api/me/photo', { method: 'DELETE' }),
    onSuccess: () => afterChange('Your photo was removed.'),
  })

  function choose(f: File | undefined) {
    setDone('')
    setProblem(null)
    if (!f) return setFile(null)
    if (!TYPES.includes(f.type)) return setProblem('Choose a PNG, JPEG or WebP image.')
    if (f.size > MAX_BYTES) return setProblem('That image is larger than 2 MB; choose a smaller one.')
    setFile(f)
  }

  return (
    <section className="card photo-editor" aria-labelledby="photo-heading">
      <h2 id="photo-heading">Photo</h2>
      <div className="photo-row">
        {preview ? (
          <img className="avatar avatar-large" src={preview} alt="Preview of the chosen photo" />
        ) : (
          <Avatar person={person} size="large" />
        )}
        <div className="stack">
          <div className="field">
            <label htmlFor={inputId}>Choose a photo</label>
            <p id={`${inputId}-hint`} className="hint">
              PNG, JPEG or WebP, up to 2 MB.
            </p>
            <input
              id={inputId}
              type="file"
              accept={TYPES.join(',')}
              aria-describedby={`${inputId}-hint`}
              onChange={(e) => choose(e.target.files?.[0])}
            />
          </div>
          <div className="button-row">
            <button
              type="button"
              className="button button-primary"
              disabled={!file || upload.isPending}
              onClick={() => file && upload.mutate(file)}
            >
              {upload.isPending ? 'Uploading…' : 'Upload photo'}
            </button>
            {person.hasPhoto && (
              <button type="button" className="button" disabled={remove.isPending} onClick={() => remove.mutate()}>
                Remove photo
              </button>
            )}
          </div>
        </div>
      </div>
      {problem && (
        <div role="alert" className="alert alert-error">
          {problem}
        </div>
      )}
      <ErrorAlert error={upload.error ?? remove.error} />
      <StatusMessage>{done}</StatusMessage>
    </section>
  )
}
