import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * Checkpoints a SQLite database in WAL mode from a thread of its own. By default the connection that commits
 * runs a checkpoint whenever the WAL passes 1,000 pages: it copies those pages into the database file and
 * fsyncs it, on the event loop, while every request waits. Under a burst of writes that blocked the server
 * about half of the time (bench:knowledge, post creation). A PASSIVE checkpoint from another connection
 * does the same work beside the writer without blocking it, and the main connection keeps a high
 * wal_autocheckpoint only as a backstop. Durability is unchanged: a commit is safe in the WAL either way.
 *
 * The thread's code is inline (eval) so that it runs the same from TypeScript sources and from a bundle.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 1000')
const checkpoint = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch (err) { parentPort.postMessage(String(err)) }
}
const timer = setInterval(checkpoint, workerData.intervalMs)
parentPort.on('message', () => {
  clearInterval(timer)
  checkpoint()
  db.close()
  parentPort.close()
})
`

export interface Checkpointer {
  /** Runs a last checkpoint and ends the thread. */
  stop(): Promise<void>
}

/** Starts checkpointing `file` every `intervalMs`; `onError` hears about failed checkpoints (they are retried). */
export function startCheckpointer(file: string, intervalMs: number, onError: (message: string) => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs } })
  worker.on('message', (m: string) => onError(m))
  worker.on('error', (err) => onError(String(err)))
  // The thread must not keep a process alive that is otherwise done (tests, CLI tools).
  worker.unref()
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  let stopped: Promise<void> | undefined
  return {
    stop() {
      stopped ??= (async () => {
        // Waiting on an unref'd thread would let the process end here, with the caller's work undone.
        worker.ref()
        worker.postMessage('stop')
        const timeout = new Promise((resolve) => setTimeout(resolve, 5000).unref())
        if ((await Promise.race([exited.then(() => 'exited'), timeout])) !== 'exited') await worker.terminate()
      })()
      return stopped
    },
  }
}
