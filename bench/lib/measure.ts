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
  const hasCpu = cpuBefore !== undefined && cpuAfter !== undefined
  const cpuUsPerRequest = hasCpu ? ((cpuAfter - cpuBefore) * 1000) / result.requests : undefined
  // Busy below ~90% means the server was starved of its core (other load on the machine) or wrk was the limit.
  const busyPct = hasCpu ? (100 * (cpuAfter - cpuBefore)) / (s.durationS * 1000) : undefined
  const run = { ...result, cpuUsPerRequest, busyPct }
  console.log(describeRun(label, run, s.labelWidth))
  return run
}

/** One run (or the medians of several) as the benchmarks print it. */
export function describeRun(label: string, m: Measured, labelWidth: number): string {
  const cpu = m.cpuUsPerRequest !== undefined ? `   server CPU ${m.cpuUsPerRequest.toFixed(0)} us/req, busy ${m.busyPct?.toFixed(0)}%` : ''
  const failed = m.socketErrors ? `   ${m.socketErrors} socket errors/timeouts` : ''
  return `${label.padEnd(labelWidth)} ${m.rps.toFixed(0).padStart(8)} req/s   p50 ${m.p50Ms.toFixed(2)} ms   p99 ${m.p99Ms.toFixed(2)} ms${cpu}${failed}`
}

/** The median of each figure over the rounds: other load on a shared machine comes and goes. */
export function median(runs: Measured[]): Measured {
  const mid = <T>(xs: T[], key: (x: T) => number) => {
    const sorted = xs.map(key).sort((a, b) => a - b)
    const n = sorted.length
    return n % 2 ? (sorted[(n - 1) / 2] as number) : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2
  }
  const cpu = runs.filter((r) => r.cpuUsPerRequest !== undefined)
  return {
    rps: mid(runs, (r) => r.rps),
    p50Ms: mid(runs, (r) => r.p50Ms),
    p99Ms: mid(runs, (r) => r.p99Ms),
    requests: mid(runs, (r) => r.requests),
    non2xx: 0,
    socketErrors: runs.reduce((sum, r) => sum + r.socketErrors, 0),
    cpuUsPerRequest: cpu.length ? mid(cpu, (r) => r.cpuUsPerRequest as number) : undefined,
    busyPct: cpu.length ? mid(cpu, (r) => r.busyPct as number) : undefined,
  }
}
