// Checks an IpAssetInput against CNIPA's number, classification and date rules.
import type { Industry } from '../../models/ipAsset';
import type { IpKind, LegalStatus } from '../rules/assetTerms';
import { normalizeIpc, normalizeNiceClass, normalizeTrademarkNumber } from '../rules/classification';
import { parsePatentNumber } from '../rules/patentNumber';
import { todayInShanghai } from '../rules/calendar';
import { badInput } from '../errors';
import * as v from '../validate';
import { isStrategicEmergingIndustry } from '../rules/seiConcordance';

export interface IpAssetInput {
  kind: IpKind;
  number: string;
  title: string;
  abstract?: string | null;
  filingDate: string;
  grantDate?: string | null;
  legalStatus: LegalStatus;
  classes: string[];
  industries: Industry[];
  strategicEmergingIndustry?: boolean | null;
  foreignFamily?: boolean | null;
  chinaPatentAward?: boolean | null;
}

const KIND_NAMES: Record<IpKind, string> = {
  INVENTION_PATENT: 'an invention patent',
  UTILITY_MODEL: 'a utility model',
  DESIGN_PATENT: 'a design patent',
  TRADEMARK: 'a trademark',
};

export function normalizeNumber(field: string, kind: IpKind, raw: string): string {
  if (kind === 'TRADEMARK') {
    const n = normalizeTrademarkNumber(raw);
    if (!n) throw badInput(field, 'must be a trademark registration number (up to 9 digits, or G + digits for a Madrid registration)');
    return n;
  }
  const parsed = parsePatentNumber(raw);
  if (!parsed.ok) throw badInput(field, parsed.problem);
  if (parsed.value.kind !== kind) {
    throw badInput(field, `type digit says ${KIND_NAMES[parsed.value.kind]}, but kind is ${kind}`);
  }
  return parsed.value.normalized;
}

const LOCARNO_RE = /^\d{2}-\d{2}$/; // design patents are classified by Locarno class-subclass, e.g. 12-08

export function normalizeClasses(field: string, kind: IpKind, classes: string[]): string[] {
  if (classes.length > 20) throw badInput(field, 'at most 20 classes');
  const out = classes.map((c, i) => {
    const f = `${field}[${i}]`;
    if (kind === 'TRADEMARK') {
      const n = normalizeNiceClass(c);
      if (!n) throw badInput(f, `"${c}" is not a Nice class (1-45)`);
      return n;
    }
    if (kind === 'DESIGN_PATENT' && LOCARNO_RE.test(c.trim())) return c.trim();
    const ipc = normalizeIpc(c);
    if (!ipc) throw badInput(f, `"${c}" is not an IPC symbol such as "C01B 32/20"${kind === 'DESIGN_PATENT' ? ' or a Locarno class such as "12-08"' : ''}`);
    return ipc;
  });
  return [...new Set(out)];
}

/**
 * Validated, normalized fields for a new asset (owner not included). STRATEGIC_EMERGING_INDUSTRY is
 * derived from the IPC classes (services/rules/seiConcordance.ts); FOREIGN_FAMILY and
 * CHINA_PATENT_AWARD come from an import or a REGULATOR confirmation, so an owner's input may not
 * set them (`trusted`: the demo seed and imports, whose flags are confirmed).
 */
export function validateAssetInput(input: IpAssetInput, opts: { trusted?: boolean } = {}) {
  const today = todayInShanghai();
  const number = normalizeNumber('input.number', input.kind, input.number);
  const title = v.text('input.title', input.title, { max: 300 });
  const abstract = v.optionalText('input.abstract', input.abstract, 5000);
  const filingDate = v.calendarDate('input.filingDate', input.filingDate);
  if (filingDate > today) throw badInput('input.filingDate', 'must not be in the future');
  const grantDate = input.grantDate ?? null;
  if (grantDate !== null) {
    v.calendarDate('input.grantDate', grantDate);
    if (grantDate < filingDate) throw badInput('input.grantDate', 'must not be before the filing date');
    if (grantDate > today) throw badInput('input.grantDate', 'must not be in the future');
  }
  if (input.legalStatus === 'VALID' && grantDate === null) {
    throw badInput('input.grantDate', `is required for a VALID ${input.kind === 'TRADEMARK' ? 'trademark (its registration date)' : 'patent'}`);
  }
  if (input.kind !== 'TRADEMARK') {
    // The number carries the year the application reached CNIPA: never before the filing date
    // (PCT national-phase and divisional applications get a later year, never an earlier one).
    const numberYear = (parsePatentNumber(number) as { ok: true; value: { year: number } }).value.year;
    if (numberYear > Number(today.slice(0, 4))) throw badInput('input.number', `carries the year ${numberYear}, which has not come yet`);
    if (Number(filingDate.slice(0, 4)) > numberYear) {
      throw badInput('input.filingDate', `is in ${filingDate.slice(0, 4)}, after the year ${numberYear} in the application number`);
    }
  }
  if (input.kind === 'TRADEMARK' && input.classes.length === 0) throw badInput('input.classes', 'name at least one Nice class (1-45)');
  const classes = normalizeClasses('input.classes', input.kind, input.classes);
  if (input.industries.length > 10) throw badInput('input.industries', 'at most 10 industries');
  for (const flag of ['strategicEmergingIndustry', 'foreignFamily', 'chinaPatentAward'] as const) {
    if (input[flag] && input.kind !== 'INVENTION_PATENT') throw badInput(`input.${flag}`, 'applies to invention patents only');
  }
  if (input.strategicEmergingIndustry && !isStrategicEmergingIndustry(input.kind, classes)) {
    throw badInput('input.strategicEmergingIndustry', 'is derived from the IPC classes through the CNIPA concordance (2021) and cannot be ticked: none of these classes maps to a strategic emerging industry');
  }
  if (!opts.trusted) {
    if (input.foreignFamily) throw badInput('input.foreignFamily', 'comes from the register import or a confirmation by the city IP office (confirmHighValueReason), not from the owner');
    if (input.chinaPatentAward) throw badInput('input.chinaPatentAward', 'comes from the register import or a confirmation by the city IP office (confirmHighValueReason), not from the owner');
  }
  return {
    kind: input.kind,
    number,
    title,
    abstract,
    filingDate,
    grantDate,
    legalStatus: input.legalStatus,
    classes,
    industries: [...new Set(input.industries)],
    strategicEmergingIndustry: isStrategicEmergingIndustry(input.kind, classes),
    foreignFamily: !!input.foreignFamily,
    chinaPatentAward: !!input.chinaPatentAward,
  };
}
