import type { MediaItem } from '../../../shared/knowledge'

/**
 * An image, audio or video file of a story. Video and audio play with the browser's own accessible controls,
 * with captions when they exist (on by default), and the transcript is one click away.
 */
export function MediaPlayer({ item }: { item: MediaItem }) {
  return (
    <figure className="media">
      {item.kind === 'image' && <img src={item.url} alt={item.transcript || item.filename} loading="lazy" />}
      {item.kind === 'video' && (
        <video controls preload="metadata" src={item.url} aria-label={item.filename}>
          {item.captionsUrl && <track kind="captions" src={item.captionsUrl} srcLang="en" label="Captions" default />}
        </video>
      )}
      {item.kind === 'audio' && (
        <audio controls preload="metadata" src={item.url} aria-label={item.filename}>
          {item.captionsUrl && <track kind="captions" src={item.captionsUrl} srcLang="en" label="Captions" default />}
        </audio>
      )}
      <figcaption>
        <span className="muted">{item.filename}</span>
        {item.kind !== 'image' && item.transcript && (
          <details className="transcript">
            <summary>Transcript</summary>
            <p className="prewrap">{item.transcript}</p>
          </details>
        )}
      </figcaption>
    </figure>
  )
}
