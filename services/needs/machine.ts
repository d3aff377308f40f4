import type { Machine } from '../workflow';

export type NeedStatus = 'DRAFT' | 'OPEN' | 'CLOSED';

/** DRAFT -> OPEN -> CLOSED (found or withdrawn); a draft may be withdrawn (CLOSED) without opening. */
export const NEED_MACHINE: Machine<NeedStatus> = {
  DRAFT: ['OPEN', 'CLOSED'],
  OPEN: ['CLOSED'],
  CLOSED: [],
};
