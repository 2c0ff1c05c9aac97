import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { NewSimulation, SimulationForAuthor, SimulationPaths, SimulationPlay } from '../../../shared/simulation'
import { api } from '../../lib/api'

export const simulationUrl = (id: string) => `/api/learning/simulations/${encodeURIComponent(id)}`

/** The whole graph (authors and admins). */
export function useSimulation(id: string | undefined) {
  return useQuery({
    queryKey: ['learning', 'simulation', id],
    queryFn: ({ signal }) => api<SimulationForAuthor>(simulationUrl(id!), { signal }),
    enabled: id !== undefined,
  })
}

/** How many learners took each choice (authors and admins). */
export function useSimulationPaths(id: string | undefined) {
  return useQuery({
    queryKey: ['learning', 'simulation', id, 'paths'],
    queryFn: ({ signal }) => api<SimulationPaths>(`${simulationUrl(id!)}/paths`, { signal }),
    enabled: id !== undefined,
  })
}

/** Writes a new simulation, or rewrites one (with its id). */
export function useSaveSimulation(id: string | undefined) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: NewSimulation) =>
      id
        ? api<SimulationForAuthor>(simulationUrl(id), { method: 'PUT', json: body })
        : api<SimulationForAuthor>('/api/learning/simulations', { json: body }),
    onSuccess: async (sim) => {
      client.setQueryData(['learning', 'simulation', sim.id], sim)
      await client.invalidateQueries({ queryKey: ['learning', 'modules'] })
    },
  })
}

/** Where the viewer stands in a simulation. */
export function useSimulationPlay(id: string) {
  return useQuery({
    queryKey: ['learning', 'simulation', id, 'play'],
    queryFn: ({ signal }) => api<SimulationPlay>(`${simulationUrl(id)}/play`, { signal }),
  })
}

/** A step of play: a choice, going back, or starting over; the answer is the new place. */
export function usePlayStep(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (step: { kind: 'choose'; choice: string } | { kind: 'back' } | { kind: 'restart' }) =>
      api<SimulationPlay>(`${simulationUrl(id)}/play/${step.kind}`, { json: step.kind === 'choose' ? { choice: step.choice } : {} }),
    onSuccess: (play) => client.setQueryData(['learning', 'simulation', id, 'play'], play),
  })
}
