// State machines as data, and the one way any workflow document changes state: a conditional
// single-document update that checks the current status and pushes the history entry with it.
import type { Model, Types } from 'mongoose';
import type { ServiceContext } from './context';
import { conflict } from './errors';
import { updateOneDoc } from './atomic';

/** For each status, the statuses it may move to. */
export type Machine<S extends string> = Record<S, readonly S[]>;

export function canMove<S extends string>(machine: Machine<S>, from: S, to: S): boolean {
  return machine[from]?.includes(to) ?? false;
}

export interface HistoryEntry {
  from: string | null;
  to: string;
  at: Date;
  by: Types.ObjectId | null;
  reason: string | null;
}

export function historyEntry(ctx: ServiceContext | null, from: string | null, to: string, reason?: string | null): HistoryEntry {
  return { from, to, at: new Date(), by: ctx?.viewer ? (ctx.viewer.userId as unknown as Types.ObjectId) : null, reason: reason ?? null };
}

/** Called after every successful transition of a model's documents (e.g. a cache's shared stamp). */
const afterTransitionHooks = new Map<string, ((updated: unknown) => Promise<void>)[]>();
export function onTransition(modelName: string, hook: (updated: unknown) => Promise<void>): void {
  afterTransitionHooks.set(modelName, [...(afterTransitionHooks.get(modelName) ?? []), hook]);
}

export interface TransitionArgs<S extends string> {
  model: Model<any>;
  id: Types.ObjectId;
  machine: Machine<S>;
  current: S; // the status the caller read
  to: S;
  what: string; // e.g. "Listing"
  set?: Record<string, unknown>;
  /** Counters moved with the status (e.g. a loan's summaryMoves). */
  inc?: Record<string, number>;
  extraCondition?: Record<string, unknown>;
  reason?: string | null;
}

/**
 * Moves a document from `current` to `to` if the machine allows it and nobody changed it since it
 * was read. Returns the updated document; throws CONFLICT otherwise (nothing is written).
 */
export async function transition<S extends string, D>(ctx: ServiceContext | null, args: TransitionArgs<S>): Promise<D> {
  if (!canMove(args.machine, args.current, args.to)) {
    throw conflict(`${args.what} is ${args.current} and cannot become ${args.to}`, { status: args.current });
  }
  const updated = await updateOneDoc<D>(
    args.model,
    { _id: args.id, status: args.current, ...(args.extraCondition ?? {}) },
    {
      $set: { status: args.to, ...(args.set ?? {}) },
      $push: { history: historyEntry(ctx, args.current, args.to, args.reason) },
      ...(args.inc ? { $inc: args.inc } : {}),
    },
  );
  if (!updated) throw conflict(`${args.what} changed while you were acting on it (it is no longer ${args.current}); reload and try again`);
  for (const hook of afterTransitionHooks.get(args.model.modelName) ?? []) await hook(updated);
  return updated;
}
