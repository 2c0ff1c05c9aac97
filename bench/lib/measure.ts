import type { ServerProcess } from './processes.js'
import { runWrk, type WrkResult } from './wrk.js'

/** A wrk run with the CPU time the server spent per request, which other load on the machine barely moves. */
export interface Measured extends WrkResult {
  cpuUsPerRequest: number | undefined
  /** Percent of one core the server used during the run. */
  busyPct: number | undefined
}

export interface MeasureSettings {
  connections: number
  threads: number
  /** CPUs wrk is pinned to (taskset list), or undefined for any. */
  wrkCpus: string | undefined
  warmupS: number
  durationS: number
  /** Width of the label column in the printed line. */
  labelWidth: number
}

/** Warm up, then measure and print one line. Any non-2xx response fails the benchmark; timeouts are reported. */
export async function measure(
  label: string,
  server: ServerProcess,
  urlPath: string,
  script: string | undefined,
  s: MeasureSettings,
): Promise<Measured> {
  const base = { url: server.url + urlPath, script, connections: s.connections, threads: s.threads, cpus: s.wrkCpus }
  if (s.warmupS > 0) await runWrk({ ...base, durationS: s.warmupS })
  const cpuBefore = server.cpuMs()
  const result = await runWrk({ ...base, durationS: s.durationS })
  const cpuAfter = server.cpuMs()
  if (result.non2xx > 0) throw new Error(`${label}: ${result.non2xx} of ${result.requests} responses were not 2xx`)
  const measured = cpuBefore !== undefined && cpuAfter !== undefined
  const cpuUsPerRequest = measured ? ((cpuAfter - cpuBefore) * 1000) / result.requests : undefined
  // Busy below ~90% means the server was starved of its core (other load on the machine) or wrk was the limit.
  const busyPct = measured ? (100 * (cpuAfter - cpuBefore)) / (s.durationS * 1000) : undefined
  const cpu = cpuUsPerRequest !== undefined ? `   server CPU ${cpuUsPerRequest.toFixed(0)} us/req, busy ${busyPct?.toFixed(0)}%` : ''
  const failed = result.socketErrors ? `   ${result.socketErrors} socket errors/timeouts` : ''
  console.log(
    `${label.padEnd(s.labelWidth)} ${result.rps.toFixed(0).padStart(8)} req/s   p50 ${result.p50Ms.toFixed(2)} ms   p99 ${result.p99Ms.toFixed(2)} ms${cpu}${failed}`,
  )
  return { ...result, cpuUsPerRequest, busyPct }
}
