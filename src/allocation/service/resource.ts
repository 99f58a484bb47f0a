import type { Actor, Resource } from '../../access/model/index.ts';

/** The access policy's resource for allocation in these teams (with the child and the worker, for a write). */
export const allocationResource = (actor: Actor, teamIds: readonly string[], extra: Partial<Extract<Resource, { kind: 'allocation' }>> = {}): Resource =>
  ({ kind: 'allocation', councilId: actor.councilId, teamIds, ...extra });
