// Test fixtures for the plan indicators: assets through the public API, and readers of the figures.
import { patentCheckDigit } from '../../services/rules/patentNumber';
import type { Client } from './client';
import { regulatorFor, verifyAsset } from './verify';

let serial = Math.floor(Math.random() * 4_000_000);

/** A unique, valid 12-digit CN application number of the given year and type digit (1 invention). */
export function uniquePatentNumber(year: number, typeDigit = '1'): string {
  serial = (serial + 1 + Math.floor(Math.random() * 50)) % 10_000_000;
  const digits = `${year}${typeDigit}${String(serial).padStart(7, '0')}`;
  return `${digits}.${patentCheckDigit(digits)}`;
}

/** A unique trademark registration number (9 digits). */
export function uniqueTrademarkNumber(): string {
  serial = (serial + 1 + Math.floor(Math.random() * 50)) % 10_000_000;
  return `${Math.floor(Math.random() * 9) + 1}${String(serial).padStart(7, '0')}${Math.floor(Math.random() * 10)}`;
}

export const CREATE_ASSET = `mutation($input: IpAssetInput!) { createIpAsset(input: $input) { id kind legalStatus expiresOn highValue } }`;

export interface InventionOpts {
  filingDate: string;
  grantDate?: string | null;
  legalStatus?: string;
  strategicEmergingIndustry?: boolean;
  foreignFamily?: boolean;
  chinaPatentAward?: boolean;
  /** Verify as the REGULATOR (default true: only VERIFIED rights count in the indicators). */
  verified?: boolean;
}

const CONFIRM = `mutation($id: ID!, $reason: ConfirmableHighValueReason!, $awardYear: Int) {
  confirmHighValueReason(id: $id, reason: $reason, holds: true, awardYear: $awardYear, note: "confirmed for the test") { id }
}`;

/** Records an invention patent for the client's organization; returns its id. */
export async function createInvention(client: Client, o: InventionOpts): Promise<string> {
  const data = await client.ok(CREATE_ASSET, {
    input: {
      kind: 'INVENTION_PATENT',
      number: uniquePatentNumber(Number(o.filingDate.slice(0, 4))),
      title: '一种高纯石墨烯的制备方法',
      filingDate: o.filingDate,
      grantDate: o.grantDate === undefined ? null : o.grantDate,
      legalStatus: o.legalStatus ?? 'VALID',
      // STRATEGIC_EMERGING_INDUSTRY follows the IPC classes (services/rules/seiConcordance.ts):
      // graphene (C01B 32/184) is in the concordance, a cooking vessel (A47J 27/00) is not.
      classes: o.strategicEmergingIndustry ? ['C01B 32/184'] : ['A47J 27/00'],
      industries: ['GRAPHITE'],
    },
  });
  const id: string = data.createIpAsset.id;
  // FOREIGN_FAMILY and CHINA_PATENT_AWARD are confirmed by the REGULATOR, not ticked by the owner.
  if (o.foreignFamily) await (await regulatorFor(client)).ok(CONFIRM, { id, reason: 'FOREIGN_FAMILY' });
  if (o.chinaPatentAward) await (await regulatorFor(client)).ok(CONFIRM, { id, reason: 'CHINA_PATENT_AWARD', awardYear: 2023 });
  return o.verified === false ? id : verifyAsset(client, id);
}

/** Records a trademark registered on `grantDate` (filed a year earlier); returns its id. */
export async function createTrademark(client: Client, grantDate: string, legalStatus = 'VALID', verified = true): Promise<string> {
  const filed = `${Number(grantDate.slice(0, 4)) - 1}${grantDate.slice(4)}`.replace(/-02-29$/, '-02-28');
  const data = await client.ok(CREATE_ASSET, {
    input: {
      kind: 'TRADEMARK',
      number: uniqueTrademarkNumber(),
      title: '云山石墨',
      filingDate: filed,
      grantDate,
      legalStatus,
      classes: ['1'],
      industries: ['GRAPHITE'],
    },
  });
  return verified ? verifyAsset(client, data.createIpAsset.id) : data.createIpAsset.id;
}

export const PLAN_INDICATORS = `query($year: Int!, $county: County) {
  planIndicators(year: $year, county: $county) {
    code name nameEn unit baseline target year county value platformValue officialValue progress source
    expectedValue onTrack yearComplete population populationYear note
    series { year value platformValue officialValue source expectedValue onTrack progress }
  }
}`;

export type IndicatorRow = {
  code: string;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  year: number;
  county: string | null;
  value: number;
  platformValue: number;
  officialValue: number | null;
  progress: number;
  source: string;
  expectedValue: number;
  onTrack: boolean;
  yearComplete: boolean;
  population: number | null;
  populationYear: number | null;
  note: string | null;
  series: { year: number; value: number; platformValue: number; source: string; expectedValue: number; onTrack: boolean; progress: number }[];
};

/** planIndicators as an array (plan order) and by code. */
export async function readIndicators(client: Client, year: number, county: string | null = null) {
  const data = await client.ok<{ planIndicators: IndicatorRow[] }>(PLAN_INDICATORS, { year, county });
  const byCode = Object.fromEntries(data.planIndicators.map((r) => [r.code, r])) as Record<string, IndicatorRow>;
  return { list: data.planIndicators, byCode };
}

/** The platform's own figure of one indicator at the end of each year 2020..2030 (city or county), from the series. */
export async function platformSeries(client: Client, code: string, county: string | null = null): Promise<Record<number, number>> {
  const { byCode } = await readIndicators(client, 2030, county);
  return Object.fromEntries(byCode[code]!.series.map((p) => [p.year, p.platformValue]));
}

/** after - before, year by year. */
export function change(before: Record<number, number>, after: Record<number, number>): Record<number, number> {
  return Object.fromEntries(Object.keys(after).map((y) => [y, Number((after[Number(y)]! - before[Number(y)]!).toPrecision(12))]));
}

export const AUDIT = `query($year: Int!) { indicatorAudit(year: $year) { year consistent rows { code county live recomputed consistent } } }`;
