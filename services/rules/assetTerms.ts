// Derived facts of an IP asset: expiry, effective legal status, remaining life, high-value reasons.
import { addYears, yearsBetween } from './calendar';

export type IpKind = 'INVENTION_PATENT' | 'UTILITY_MODEL' | 'DESIGN_PATENT' | 'TRADEMARK';
export type LegalStatus = 'PENDING' | 'VALID' | 'EXPIRED' | 'INVALIDATED' | 'LAPSED';
export type HighValueReason =
  | 'STRATEGIC_EMERGING_INDUSTRY'
  | 'FOREIGN_FAMILY'
  | 'MAINTAINED_OVER_10_YEARS'
  | 'HIGH_PLEDGE_FINANCING'
  | 'CHINA_PATENT_AWARD';

/** The 2021 Patent Law amendment (in force 2021-06-01) raised design terms from 10 to 15 years. */
export const DESIGN_15_YEAR_FROM = '2021-06-01';

/**
 * The date protection ends: invention 20 years from filing, utility model 10, design 10 or 15
 * (filed before / from 2021-06-01), trademark 10 years from registration (grantDate).
 * A trademark that is not yet registered has no expiry; each renewal adds 10 years (Trademark Law art. 40).
 */
export function expiresOn(kind: IpKind, filingDate: string, grantDate?: string | null, renewals = 0): string | null {
  switch (kind) {
    case 'INVENTION_PATENT':
      return addYears(filingDate, 20);
    case 'UTILITY_MODEL':
      return addYears(filingDate, 10);
    case 'DESIGN_PATENT':
      return addYears(filingDate, filingDate < DESIGN_15_YEAR_FROM ? 10 : 15);
    case 'TRADEMARK':
      return grantDate ? addYears(grantDate, 10 * (1 + renewals)) : null;
  }
}

/** Whatever was typed in, a right past its expiry is EXPIRED. */
export function effectiveStatus(typed: LegalStatus, expiry: string | null, today: string): LegalStatus {
  if (expiry && expiry <= today && (typed === 'VALID' || typed === 'PENDING')) return 'EXPIRED';
  return typed;
}

export function remainingYears(expiry: string | null, today: string): number {
  if (!expiry) return 0;
  return Math.max(0, yearsBetween(today, expiry));
}

export interface HighValueInput {
  kind: IpKind;
  filingDate: string;
  status: LegalStatus; // effective
  strategicEmergingIndustry?: boolean | null;
  foreignFamily?: boolean | null;
  chinaPatentAward?: boolean | null;
  highPledgeFinancing?: boolean | null;
  highPledgeFinancingSince?: string | null; // the registration date it holds from (null: dateless, older records)
}

/** CNIPA's five reasons an invention patent counts as high-value; empty for other kinds. */
export function highValueReasons(a: HighValueInput, today: string): HighValueReason[] {
  if (a.kind !== 'INVENTION_PATENT') return [];
  const reasons: HighValueReason[] = [];
  if (a.strategicEmergingIndustry) reasons.push('STRATEGIC_EMERGING_INDUSTRY');
  if (a.foreignFamily) reasons.push('FOREIGN_FAMILY');
  // 维持年限超过10年: in force for more than ten years counted from filing.
  if (a.status === 'VALID' && addYears(a.filingDate, 10) < today) reasons.push('MAINTAINED_OVER_10_YEARS');
  // From the date of the registration that secured it, never before (a closed year does not change).
  if (a.highPledgeFinancing && (!a.highPledgeFinancingSince || a.highPledgeFinancingSince <= today)) reasons.push('HIGH_PLEDGE_FINANCING');
  if (a.chinaPatentAward) reasons.push('CHINA_PATENT_AWARD');
  return reasons;
}
