// Reading an official register extract (CSV, UTF-8 with or without BOM, header row) into validated
// rows, each with its problems named by column. Pure: no database. Parsing by csv-parse (quoted
// fields with commas, quotes and line breaks, BOM, CRLF), validation by the asset rules.
import { parse } from 'csv-parse/sync';
import { IP_KINDS, LEGAL_STATUSES } from '../../models/ipAsset';
import { DomainError } from '../errors';
import { creditCodeProblem, normalizeCreditCode } from '../rules/creditCode';
import { isCalendarDate } from '../rules/calendar';
import { validateAssetInput, type IpAssetInput } from './validateAsset';

export const REQUIRED_COLUMNS = [
  'kind', 'number', 'title', 'holder_name', 'holder_credit_code', 'filing_date', 'grant_date', 'legal_status', 'classes',
] as const;
export const OPTIONAL_COLUMNS = ['lapsed_on', 'foreign_family', 'china_patent_award_year'] as const;
export const MAX_ROWS = 100_000;

const ALIASES: Record<string, string> = { registration_date: 'grant_date', grant_registration_date: 'grant_date', credit_code: 'holder_credit_code' };

export type AssetFields = ReturnType<typeof validateAssetInput> & { lapsedOn: string | null; chinaPatentAwardYear: number | null };

export interface ParsedRow {
  line: number;
  kind: string | null;
  number: string | null;
  holderName: string;
  holderCreditCode: string;
  fields: AssetFields | null;
  error: { column: string; reason: string } | null;
}

/** The header problem, or null. */
function columnsOf(header: string[]): { map: Map<string, number> } | { problem: string } {
  const map = new Map<string, number>();
  header.forEach((h, i) => {
    const key = h.trim().toLowerCase().replace(/[\s/-]+/g, '_');
    map.set(ALIASES[key] ?? key, i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !map.has(c));
  if (missing.length > 0) return { problem: `missing column(s): ${missing.join(', ')} (expected ${REQUIRED_COLUMNS.join(', ')})` };
  const unknown = [...map.keys()].filter((c) => !(REQUIRED_COLUMNS as readonly string[]).includes(c) && !(OPTIONAL_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) return { problem: `unknown column(s): ${unknown.join(', ')}` };
  return { map };
}

const FIELD_TO_COLUMN: Record<string, string> = {
  'input.number': 'number', 'input.title': 'title', 'input.filingDate': 'filing_date', 'input.grantDate': 'grant_date',
  'input.classes': 'classes', 'input.legalStatus': 'legal_status', 'input.foreignFamily': 'foreign_family', 'input.chinaPatentAward': 'china_patent_award_year',
};

/** Throws a DomainError(BAD_USER_INPUT, field 'csv') when the file as a whole cannot be read. */
export function parseRegisterCsv(text: string): ParsedRow[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, max_record_size: 20_000 }) as string[][];
  } catch (err) {
    throw new DomainError('BAD_USER_INPUT', `csv: not a readable CSV file (${(err as Error).message.split('\n')[0]})`, 'csv');
  }
  if (records.length === 0) throw new DomainError('BAD_USER_INPUT', 'csv: the file is empty (a header row is required)', 'csv');
  if (records.length - 1 > MAX_ROWS) throw new DomainError('BAD_USER_INPUT', `csv: at most ${MAX_ROWS} rows per file`, 'csv');
  const cols = columnsOf(records[0]!);
  if ('problem' in cols) throw new DomainError('BAD_USER_INPUT', `csv: ${cols.problem}`, 'csv');
  const seen = new Map<string, number>();
  return records.slice(1).map((rec, i) => {
    const line = i + 2;
    const get = (c: string) => (cols.map.has(c) ? (rec[cols.map.get(c)!] ?? '').trim() : '');
    const row: ParsedRow = { line, kind: null, number: null, holderName: get('holder_name'), holderCreditCode: '', fields: null, error: null };
    const fail = (column: string, reason: string) => ({ ...row, error: { column, reason } });
    if (rec.length !== cols.map.size) return fail('*', `has ${rec.length} values, the header ${cols.map.size}`);
    const kind = get('kind').toUpperCase();
    if (!(IP_KINDS as readonly string[]).includes(kind)) return fail('kind', `must be one of ${IP_KINDS.join(', ')}`);
    row.kind = kind;
    const status = get('legal_status').toUpperCase();
    if (!(LEGAL_STATUSES as readonly string[]).includes(status)) return fail('legal_status', `must be one of ${LEGAL_STATUSES.join(', ')}`);
    for (const c of ['filing_date', 'grant_date', 'lapsed_on']) {
      const d = get(c);
      if (d !== '' && !isCalendarDate(d)) return fail(c, `"${d}" is not a date (YYYY-MM-DD)`);
    }
    if (!row.holderName) return fail('holder_name', 'is required');
    const code = normalizeCreditCode(get('holder_credit_code'));
    const problem = creditCodeProblem(code);
    if (problem) return fail('holder_credit_code', `is not a valid unified social credit code: ${problem}`);
    row.holderCreditCode = code;
    const ff = get('foreign_family').toUpperCase();
    if (ff !== '' && !['Y', 'N', 'TRUE', 'FALSE', '1', '0'].includes(ff)) return fail('foreign_family', 'must be Y or N');
    const awardText = get('china_patent_award_year');
    const awardYear = awardText === '' ? null : Number(awardText);
    if (awardYear !== null && !(Number.isInteger(awardYear) && awardYear >= 1989 && awardYear <= 2100)) return fail('china_patent_award_year', 'must be a year');
    const input: IpAssetInput = {
      kind: kind as IpAssetInput['kind'],
      number: get('number'),
      title: get('title'),
      filingDate: get('filing_date'),
      grantDate: get('grant_date') || null,
      legalStatus: status as IpAssetInput['legalStatus'],
      classes: get('classes').split(/[;；]/).map((c) => c.trim()).filter((c) => c !== ''),
      industries: [],
      foreignFamily: ['Y', 'TRUE', '1'].includes(ff),
      chinaPatentAward: awardYear !== null,
    };
    let fields: ReturnType<typeof validateAssetInput>;
    try {
      fields = validateAssetInput(input, { trusted: true });
    } catch (err) {
      if (err instanceof DomainError && err.field) {
        const base = err.field.replace(/\[\d+\]$/, '');
        return fail(FIELD_TO_COLUMN[base] ?? base, err.message.replace(/^[\w.[\]]+: /, ''));
      }
      throw err;
    }
    row.number = fields.number;
    const lapsedOn = get('lapsed_on') || null;
    if (status === 'LAPSED' && !lapsedOn) return fail('lapsed_on', 'is required for a LAPSED right (the due date of the unpaid annual fee)');
    if (status !== 'LAPSED' && lapsedOn) return fail('lapsed_on', 'applies to LAPSED rights only');
    const key = `${kind}:${fields.number}`;
    const first = seen.get(key);
    if (first !== undefined) return fail('number', `duplicates line ${first}`);
    seen.set(key, line);
    return { ...row, fields: { ...fields, lapsedOn, chinaPatentAwardYear: awardYear } };
  });
}
