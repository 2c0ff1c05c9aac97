import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

const children = new Set<ChildProcess>()
const cleanups: (() => void)[] = []

/** Remembers a child so it is killed when the benchmark exits, however it exits. */
export function track(child: ChildProcess): ChildProcess {
  children.add(child)
  child.on('exit', () => children.delete(child))
  return child
}

/** Runs `fn` on exit (after children are killed), e.g. to stop PostgreSQL or remove a temp directory. */
export function onExit(fn: () => void): void {
  cleanups.push(fn)
}

function killAll(): void {
  for (const child of children) child.kill('SIGKILL')
  children.clear()
  while (cleanups.length) {
    try {
      cleanups.pop()?.()
    } catch (err) {
      console.error('cleanup failed:', err)
    }
  }
}
process.on('exit', killAll)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll()
    process.exit(130)
  })
}

let niceness: number | undefined

/**
 * Runs later benchmark processes (servers and wrk) at this nice value, in a session of their own. On a machine
 * shared with other work, a negative value (root only) keeps that work from taking the measured cores; it
 * applies to the reference and the app alike. Linux groups processes by session for scheduling (autogroup),
 * so the group's nice is set too: a process's own nice only counts against its session's other processes.
 */
export function setBenchNiceness(value: number | undefined): void {
  niceness = value
}

/** Spawns `cmd args` pinned to `cpus` with taskset (when set) and at the bench niceness (when set); tracked. */
export function spawnPinned(cpus: string | undefined, cmd: string, args: string[], options: SpawnOptions): ChildProcess {
  let line = [cmd, ...args]
  // taskset and nice exec their command, so the pid stays the measured process's.
  if (cpus) line = ['taskset', '-c', cpus, ...line]
  if (niceness !== undefined) line = ['nice', '-n', String(niceness), ...line]
  // A session of its own through `detached` (setsid in the forked child, done before spawn returns), not the
  // setsid command: that one calls setsid only once it runs, so the autogroup write below could land first, on
  // the benchmark's own session, and leave the measured server at autogroup nice 0 beside other work.
  const child = track(spawn(line[0] as string, line.slice(1), niceness === undefined ? options : { ...options, detached: true }))
  if (niceness !== undefined && child.pid !== undefined) {
    try {
      fs.writeFileSync(`/proc/${child.pid}/autogroup`, String(niceness))
    } catch {
      // No autogroup scheduling here (or not permitted): the process nice still applies.
    }
  }
  return child
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

export interface ServerProcess {
  url: string
  /** CPU time (user + system) the server has used so far, in ms; undefined where /proc is missing. */
  cpuMs(): number | undefined
  /** SIGTERM, then SIGKILL after `graceMs` (5 s; longer when the server writes a CPU profile on exit). */
  stop(graceMs?: number): Promise<void>
}

const TICKS_PER_S = 100 // Linux USER_HZ: /proc reports CPU time in 1/100 s on every common configuration.

/** CPU time of a process from /proc/PID/stat (fields 14 and 15: utime and stime, in ticks). */
function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S
  } catch {
    return undefined
  }
}

/**
 * Starts `node <args>` pinned to `cpus` (when set), waits until `readyPath` answers 200, and returns its
 * base URL. Fails after `timeoutMs` and shows the child's output.
 */
export async function startNodeServer(opts: {
  args: string[]
  env: NodeJS.ProcessEnv
  port: number
  cpus: string | undefined
  readyPath: string
  cwd: string
  timeoutMs?: number
}): Promise<ServerProcess> {
  const child = spawnPinned(opts.cpus, process.execPath, opts.args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  let exited: number | null | undefined
  child.on('exit', (code) => (exited = code))
  const url = `http://127.0.0.1:${opts.port}`
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000)
  for (;;) {
    if (exited !== undefined) throw new Error(`server exited with ${exited} before it was ready:\n${output}`)
    if (Date.now() > deadline) throw new Error(`server not ready after ${opts.timeoutMs ?? 60_000} ms:\n${output}`)
    try {
      const res = await fetch(url + opts.readyPath, { signal: AbortSignal.timeout(1000) })
      if (res.status === 200) break
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    // taskset and nice exec node, so the child's pid is the server's.
    cpuMs: () => cpuMsOf(child.pid),
    async stop(graceMs = 5000) {
      if (exited !== undefined) return
      const gone = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      await gone
      clearTimeout(timer)
      if (output.trim()) process.stderr.write(`[server output, last lines]\n${output.trim().split('\n').slice(-10).join('\n')}\n`)
    },
  }
}

/**
 * Bundles the server entry with esbuild (dependencies stay external, resolved from the repository's
 * node_modules) so the server runs as plain JavaScript without the tsx loader. Returns the bundle's path.
 */
export async function bundleServer(root: string, entry: string): Promise<string> {
  const esbuild = await import('esbuild')
  const outDir = path.join(root, '.tmp', 'bench')
  fs.mkdirSync(outDir, { recursive: true })
  const outfile = path.join(outDir, `${path.basename(entry, '.ts')}.mjs`)
  await esbuild.build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: false,
    logLevel: 'error',
  })
  return outfile
}

/** How to start a TypeScript entry: bundled to plain JS (`bundle`), or through the tsx loader (`tsx`), as `--runner` says. */
export async function nodeArgsFor(root: string, runner: string | undefined, entry: string): Promise<string[]> {
  if (runner === 'tsx') return ['--import', 'tsx', path.join(root, entry)]
  if (runner !== 'bundle') throw new Error(`--runner must be bundle or tsx, not ${runner}`)
  return [await bundleServer(root, entry)]
}
