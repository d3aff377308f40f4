// Repairs an interrupted indicator ledger rebuild (services/indicators/recompute.ts): its run
// marker is still there, so the ledger may be half rewritten (or empty). The rebuild runs again.
import { RunMarker } from '../../models/runMarker';
import { rebuildLedger, REBUILD_MARKER } from '../indicators/recompute';
import type { RepairAction, RepairContext } from './types';

export async function repairIndicators(rc: RepairContext): Promise<RepairAction[]> {
  const marker = await RunMarker.findById(REBUILD_MARKER).lean();
  if (!marker || marker.startedAt >= rc.cutoff) return [];
  const { figures, differences } = await rebuildLedger({ dryRun: false });
  return [
    {
      kind: 'indicators.ledger.rebuilt',
      id: REBUILD_MARKER,
      detail: `a rebuild started ${marker.startedAt.toISOString()} (pid ${marker.pid}) was interrupted; ran it again: ${differences.length} of ${figures} figures corrected`,
    },
  ];
}
