// Fixtures for the assets and listings domain: unique valid numbers, assets, listings, search.
import { verifyAsset } from './verify';
import { patentCheckDigit } from '../../services/rules/patentNumber';
import type { Client } from './client';

let serial = Math.floor(Math.random() * 5_000_000);

/** A fresh, valid CN application number, e.g. patentNumber('1', 2020) -> "202010xxxxxx.d". */
export function patentNumber(typeDigit: '1' | '2' | '3' | '8' | '9' = '1', year = 2020): string {
  serial = (serial + 1) % 10_000_000;
  const digits = `${year}${typeDigit}${String(serial).padStart(7, '0')}`;
  return `${digits}.${patentCheckDigit(digits)}`;
}

/** The same digits with a wrong check digit. */
export function withWrongCheckDigit(number: string): string {
  const [digits, check] = number.split('.') as [string, string];
  return `${digits}.${check === '0' ? '1' : '0'}`;
}

let tm = Math.floor(Math.random() * 50_000_000);
export function trademarkNumber(): string {
  tm = (tm + 1) % 100_000_000;
  return String(10_000_000 + tm);
}

/** A word no other test uses: put it in texts and queries to search only this test's listings. */
export function marker(): string {
  const letters = 'bcdfghjklmnpqrtvwxz';
  let w = 'zq';
  for (let i = 0; i < 8; i++) w += letters[Math.floor(Math.random() * letters.length)];
  return w;
}

export const ASSET_FIELDS = `id kind number title abstract filingDate grantDate expiresOn legalStatus classes industries
  highValue highValueReasons remainingYears owner { id name }`;

export const CREATE_ASSET = `mutation($input: IpAssetInput!) { createIpAsset(input: $input) { ${ASSET_FIELDS} } }`;

export const LISTING_FIELDS = `id status modes licenseTypes askingPrice negotiable description publishedAt updatedAt
  holder { id name kind county } asset { id number title kind } history { from to at by { id } reason }`;

export const CREATE_LISTING = `mutation($input: ListingInput!) { createListing(input: $input) { ${LISTING_FIELDS} } }`;
export const PUBLISH = `mutation($id: ID!) { publishListing(id: $id) { ${LISTING_FIELDS} } }`;
export const WITHDRAW = `mutation($id: ID!) { withdrawListing(id: $id) { ${LISTING_FIELDS} } }`;
export const GET_LISTING = `query($id: ID!) { listing(id: $id) { ${LISTING_FIELDS} } }`;

export const SEARCH = `query($filter: ListingFilter, $sort: ListingSort, $first: Int, $after: String) {
  listings(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id askingPrice publishedAt status modes holder { id county kind } asset { id title number kind classes industries } } }
    facets { kinds { value count } modes { value count } industries { value count } counties { value count } }
  }
}`;

export function inventionInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'INVENTION_PATENT',
    number: patentNumber('1', 2020),
    title: '一种高纯石墨的提纯方法',
    abstract: '本发明公开了一种高纯石墨的提纯方法。',
    filingDate: '2020-03-15',
    grantDate: '2022-06-10',
    legalStatus: 'VALID',
    classes: ['C01B 32/215'],
    industries: ['GRAPHITE'],
    ...overrides,
  };
}

export async function createAsset(client: Client, overrides: Record<string, unknown> = {}): Promise<any> {
  return (await client.ok(CREATE_ASSET, { input: inventionInput(overrides) })).createIpAsset;
}

export async function createListing(client: Client, assetId: string, overrides: Record<string, unknown> = {}): Promise<any> {
  const input = { assetId, modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'], askingPrice: '500000.00', ...overrides };
  return (await client.ok(CREATE_LISTING, { input })).createListing;
}

export async function publish(client: Client, listingId: string): Promise<any> {
  return (await client.ok(PUBLISH, { id: listingId })).publishListing;
}

/** Asset + listing + publish in one go; returns the published listing. */
/** A listing published on a VERIFIED asset (verified as the REGULATOR), so every mode is available. */
export async function publishedListing(client: Client, asset: Record<string, unknown> = {}, listing: Record<string, unknown> = {}): Promise<any> {
  const a = await createAsset(client, asset);
  await verifyAsset(client, a.id);
  const l = await createListing(client, a.id, listing);
  return publish(client, l.id);
}

/** Every node of a search, paging with `first` per page; also returns the pages' sizes. */
export async function pageThrough(client: Client, filter: Record<string, unknown>, sort: string, first: number, between?: (page: number) => Promise<void>): Promise<{ ids: string[]; pages: number[] }> {
  const ids: string[] = [];
  const pages: number[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res: any = (await client.ok(SEARCH, { filter, sort, first, after })).listings;
    ids.push(...res.edges.map((e: any) => e.node.id));
    pages.push(res.edges.length);
    if (!res.pageInfo.hasNextPage) return { ids, pages };
    after = res.pageInfo.endCursor;
    if (between) await between(page);
  }
  throw new Error('more than 100 pages');
}
