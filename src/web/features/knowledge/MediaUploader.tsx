import { useId, useState } from 'react'
import type { MediaItem } from '../../../shared/knowledge'
import { ErrorAlert, StatusMessage } from '../../components/Alerts'
import { TextArea } from '../../components/Fields'
import { api } from '../../lib/api'
import { formatBytes, uploadWithProgress } from '../../lib/upload'
import { MediaPlayer } from './MediaPlayer'

interface Uploading {
  name: string
  loaded: number
  total: number
}

/** Transcript and captions of one uploaded file: saved on the media item before the story is posted. */
function MediaText({ item, onSaved }: { item: MediaItem; onSaved: (item: MediaItem) => void }) {
  const [transcript, setTranscript] = useState(item.transcript)
  const [captions, setCaptions] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [saved, setSaved] = useState('')
  const [busy, setBusy] = useState(false)
  const image = item.kind === 'image'
  async function save() {
    setBusy(true)
    setError(null)
    setSaved('')
    try {
      const patch = { transcript, ...(captions.trim() ? { captions } : {}) }
      onSaved(await api<MediaItem>(`/api/media/${encodeURIComponent(item.id)}`, { method: 'PATCH', json: patch }))
      setSaved(`Saved the text of ${item.filename}.`)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="stack media-text">
      <TextArea
        label={image ? `Description of ${item.filename}` : `Transcript of ${item.filename}`}
        hint={image ? 'What the image shows, for people who cannot see it.' : 'What is said, for people who cannot listen.'}
        rows={3}
        value={transcript}
        onChange={(e) => setTranscript(e.target.value)}
      />
      {!image && (
        <>
          <TextArea
            label={`Captions of ${item.filename} (WebVTT)`}
            hint={
              item.captionsUrl
                ? 'Captions are saved. Paste new WebVTT text to replace them.'
                : 'Paste WebVTT text starting with WEBVTT, or choose a .vtt file below.'
            }
            rows={3}
            value={captions}
            onChange={(e) => setCaptions(e.target.value)}
          />
          <div className="field">
            <label htmlFor={`vtt-${item.id}`}>Captions file for {item.filename}</label>
            <input
              id={`vtt-${item.id}`}
              type="file"
              accept=".vtt,text/vtt"
              onChange={(e) => void e.target.files?.[0]?.text().then(setCaptions)}
            />
          </div>
        </>
      )}
      <div className="button-row">
        <button type="button" className="button" disabled={busy} onClick={() => void save()}>
          {image ? 'Save description' : 'Save transcript and captions'}
        </button>
      </div>
      <ErrorAlert error={error} />
      <StatusMessage>{saved}</StatusMessage>
    </div>
  )
}

/**
 * Uploads images, audio and video for a story, one file after another, each with a real progress bar
 * (XMLHttpRequest reports the bytes sent). Uploaded files are attached when the story is posted.
 */
export function MediaUploader({ items, onChange }: { items: MediaItem[]; onChange: (items: MediaItem[]) => void }) {
  const id = useId()
  const [uploading, setUploading] = useState<Uploading | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [done, setDone] = useState('')

  async function upload(files: FileList | null) {
    if (!files || files.length === 0) return
    setError(null)
    setDone('')
    let current = items
    for (const file of Array.from(files)) {
      setUploading({ name: file.name, loaded: 0, total: file.size })
      try {
        const item = await uploadWithProgress<MediaItem>('/api/media', {
          body: file,
          contentType: file.type || 'application/octet-stream',
          headers: { 'x-filename': encodeURIComponent(file.name) },
          onProgress: (p) => setUploading({ name: file.name, loaded: p.loaded, total: p.total }),
        })
        current = [...current, item]
        onChange(current)
        setDone(`${file.name} is uploaded.`)
      } catch (err) {
        setError(err)
        break
      }
    }
    setUploading(null)
  }

  const percent = uploading && uploading.total > 0 ? Math.round((uploading.loaded / uploading.total) * 100) : 0
  return (
    <fieldset className="fieldset stack">
      <legend>Images, audio and video</legend>
      <div className="field">
        <label htmlFor={id}>Add files</label>
        <p className="hint" id={`${id}-hint`}>
          PNG, JPEG, WebP or GIF images; MP3, M4A, Ogg, WebM or WAV audio; MP4, WebM or Ogg video.
        </p>
        <input
          id={id}
          type="file"
          multiple
          accept="image/*,audio/*,video/*"
          aria-describedby={`${id}-hint`}
          disabled={uploading !== null}
          onChange={(e) => void upload(e.target.files)}
        />
      </div>
      {uploading && (
        <div className="progress-block">
          <p id={`${id}-progress`}>
            Uploading {uploading.name}: {percent}% ({formatBytes(uploading.loaded)} of {formatBytes(uploading.total)})
          </p>
          <progress aria-labelledby={`${id}-progress`} value={uploading.loaded} max={Math.max(1, uploading.total)} />
        </div>
      )}
      <ErrorAlert error={error} title="The upload failed." />
      <StatusMessage>{done}</StatusMessage>
      {items.length > 0 && (
        <ul className="media-uploads" aria-label="Uploaded files">
          {items.map((item) => (
            <li key={item.id} className="media-upload">
              <MediaPlayer item={item} />
              <p className="muted">
                {item.kind} · {formatBytes(item.size)}{' '}
                <button type="button" className="button button-small" onClick={() => onChange(items.filter((m) => m.id !== item.id))}>
                  Remove {item.filename}
                </button>
              </p>
              <MediaText item={item} onSaved={(saved) => onChange(items.map((m) => (m.id === saved.id ? saved : m)))} />
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  )
}
