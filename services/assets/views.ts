// Read-time facts of an asset, computed from its stored fields and today's date.
import type { IpAssetDoc } from '../../models/ipAsset';
import { effectiveStatus, highValueReasons, remainingYears, type IpKind, type LegalStatus } from '../rules/assetTerms';
import { todayInShanghai } from '../rules/calendar';

export function assetStatus(a: IpAssetDoc, today = todayInShanghai()): LegalStatus {
  return effectiveStatus(a.legalStatus as LegalStatus, a.expiresOn ?? null, today);
}

export function assetHighValueReasons(a: IpAssetDoc, today = todayInShanghai()) {
  return highValueReasons(
    {
      kind: a.kind as IpKind,
      filingDate: a.filingDate,
      status: assetStatus(a, today),
      strategicEmergingIndustry: a.strategicEmergingIndustry,
      foreignFamily: a.foreignFamily,
      chinaPatentAward: a.chinaPatentAward,
      highPledgeFinancing: a.highPledgeFinancing,
      highPledgeFinancingSince: a.highPledgeFinancingSince ?? null,
    },
    today,
  );
}

export function assetRemainingYears(a: IpAssetDoc, today = todayInShanghai()): number {
  return assetStatus(a, today) === 'VALID' || assetStatus(a, today) === 'PENDING' ? remainingYears(a.expiresOn ?? null, today) : 0;
}
