// The one way an instalment changes: under the deal's payment lock, a conditional single-document
// update of the deal on its scheduleVersion, that checks the instalment machine and pushes the
// instalment's history entry in the same write.
import { Deal, type DealDoc, type InstalmentDoc } from '../../../models/deal';
import type { ServiceContext } from '../../context';
import { updateOneDoc } from '../../atomic';
import { conflict, notFound } from '../../errors';
import { parseId } from '../../ids';
import { canMove, historyEntry } from '../../workflow';
import { INSTALMENT_MACHINE, type InstalmentStatus } from './rules';

export const plainInstalment = (i: InstalmentDoc) => i.toObject() as Record<string, any>;

/** The instalment `instalmentId` of the deal (NOT_FOUND otherwise). */
export function instalmentOf(deal: DealDoc, instalmentId: string): InstalmentDoc {
  const id = parseId('instalmentId', instalmentId);
  const found = deal.instalments.find((i) => String(i._id) === String(id));
  if (!found) throw notFound('Instalment', instalmentId);
  return found;
}

/** Writes the deal's instalments (and `extra` fields) if nobody changed them since `deal` was read; CONFLICT otherwise. */
export async function saveInstalments(deal: DealDoc, instalments: Record<string, any>[], extra: Record<string, unknown> = {}): Promise<DealDoc> {
  const next = await updateOneDoc<DealDoc>(
    Deal,
    { _id: deal._id, scheduleVersion: deal.scheduleVersion },
    { $set: { instalments, scheduleVersion: deal.scheduleVersion + 1, ...extra } },
  );
  if (!next) throw conflict('The deal’s instalments changed while you were acting on them; reload and try again');
  return next;
}

/** Moves one instalment `to` (the machine must allow it), setting `set` on it, with a history entry. */
export async function moveInstalment(
  ctx: ServiceContext | null,
  deal: DealDoc,
  inst: InstalmentDoc,
  to: InstalmentStatus,
  set: Record<string, unknown>,
  reason: string,
): Promise<DealDoc> {
  const from = inst.status as InstalmentStatus;
  if (!canMove(INSTALMENT_MACHINE, from, to)) throw conflict(`Instalment is ${from} and cannot become ${to}`, { status: from });
  const instalments = deal.instalments.map((i) => {
    const o = plainInstalment(i);
    if (String(i._id) !== String(inst._id)) return o;
    return { ...o, ...set, status: to, history: [...o.history, historyEntry(ctx, from, to, reason)] };
  });
  return saveInstalments(deal, instalments);
}
