// GraphQL documents and fixtures for technology needs (issue 18; test/api/needs*.test.ts).
import type { Client } from './client';

export const NEED_FIELDS = `id nameHidden owner { id name } title description industries ipcPrefixes dealTypes budgetMin budgetMax county deadline
  status closeReason publishedAt history { from to reason by { id name organization { id name } } }`;
export const CREATE_NEED = `mutation($input: TechnologyNeedInput!) { createTechnologyNeed(input: $input) { ${NEED_FIELDS} } }`;
export const PUBLISH_NEED = `mutation($id: ID!) { publishTechnologyNeed(id: $id) { ${NEED_FIELDS} } }`;
export const CLOSE_NEED = `mutation($id: ID!, $reason: NeedCloseReason!, $note: String) { closeTechnologyNeed(id: $id, reason: $reason, note: $note) { ${NEED_FIELDS} } }`;
export const GET_NEED = `query($id: ID!) { technologyNeed(id: $id) { ${NEED_FIELDS} } }`;
export const ANSWER = `mutation($needId: ID!, $listingId: ID!, $message: String!, $dealType: DealType) {
  answerTechnologyNeed(needId: $needId, listingId: $listingId, message: $message, dealType: $dealType) {
    id dealType from { id name } listing { id holder { id } } messages { author { id name } body } needs { id title owner { id name } }
  }
}`;
export const SEARCH_NEEDS = `query($filter: TechnologyNeedFilter, $sort: TechnologyNeedSort, $first: Int, $after: String) {
  technologyNeeds(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id title status deadline nameHidden owner { id name } } }
    facets { industries { value count } counties { value count } dealTypes { value count } ipcSubclasses { value count } ownerKinds { value count } }
  }
}`;

export function needInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '寻求锂离子电池石墨负极材料的量产技术',
    description: '我公司拥有鳞片石墨资源，希望引进球形化与包覆技术，用于动力电池负极材料。',
    industries: ['GRAPHITE', 'ENERGY'],
    ipcPrefixes: ['H01M 4/58', 'c01b32'],
    dealTypes: ['LICENSE', 'TRANSFER'],
    budgetMin: '500000.00',
    budgetMax: '3000000.00',
    county: 'LUOBEI',
    deadline: '2099-12-31',
    hideName: false,
    ...overrides,
  };
}

export async function openNeed(client: Client, overrides: Record<string, unknown> = {}): Promise<any> {
  const need = (await client.ok(CREATE_NEED, { input: needInput(overrides) })).createTechnologyNeed;
  return (await client.ok(PUBLISH_NEED, { id: need.id })).publishTechnologyNeed;
}
