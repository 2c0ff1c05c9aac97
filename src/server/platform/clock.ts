/**
 * Where the app reads the time. Jobs, schedules and the services that decide by time take it from a Clock
 * rather than from Date.now(), so a test can move time forward by weeks without waiting for it.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
}

/** The real time. */
export const systemClock: Clock = { now: () => Date.now() }

/**
 * A clock that moves only when told to, for tests. Timers (the job worker's polls, leases being renewed) still
 * run on real time: moving the clock changes what they see when they look, not when they look.
 */
export class ManualClock implements Clock {
  private ms: number

  constructor(startMs: number = Date.now()) {
    this.ms = startMs
  }

  now(): number {
    return this.ms
  }

  /** Moves the clock forward (or back, with a negative `ms`). */
  advance(ms: number): void {
    this.ms += ms
  }

  set(ms: number): void {
    this.ms = ms
  }
}

/** The clock's time plus `offsetMs`, as ISO-8601 UTC: the format of every timestamp column. */
export function clockIso(clock: Clock, offsetMs = 0): string {
  return new Date(clock.now() + offsetMs).toISOString()
}
