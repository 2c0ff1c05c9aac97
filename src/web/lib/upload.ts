import { ApiError, getCsrfToken } from './api'

export interface UploadProgress {
  loaded: number
  total: number
}

export interface UploadOptions {
  body: Blob
  contentType: string
  /** Extra request headers, e.g. x-filename. */
  headers?: Record<string, string>
  onProgress?: (progress: UploadProgress) => void
  signal?: AbortSignal
}

/**
 * Sends a file with XMLHttpRequest rather than fetch, because only XHR reports upload progress
 * (upload.onprogress) in every browser. The session cookie and the CSRF header go with it, and an error
 * answer becomes the same ApiError that `api` throws.
 */
export function uploadWithProgress<T>(url: string, options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.withCredentials = true
    xhr.setRequestHeader('content-type', options.contentType)
    xhr.setRequestHeader('accept', 'application/json')
    const token = getCsrfToken()
    if (token) xhr.setRequestHeader('x-csrf-token', token)
    for (const [name, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (event) => {
      options.onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : options.body.size })
    }
    xhr.onload = () => {
      let data: unknown
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined
      } catch {
        data = undefined
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.({ loaded: options.body.size, total: options.body.size })
        resolve(data as T)
        return
      }
      const error = (data as { error?: { code?: string; message?: string } } | undefined)?.error
      reject(
        new ApiError(xhr.status, error?.code ?? 'http_error', error?.message ?? `The server answered ${xhr.status}. Please try again.`),
      )
    }
    xhr.onerror = () =>
      reject(new ApiError(0, 'network_error', 'The upload did not reach Wellspring. Check your connection and try again.'))
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'))
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true })
    xhr.send(options.body)
  })
}

/** "3.2 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
