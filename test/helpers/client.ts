// A small GraphQL-over-HTTP client for tests, and helpers that read like user stories.
import { expect } from 'chai';
import { creditCodeCheckChar } from '../../services/rules/creditCode';

export interface GqlError {
  message: string;
  extensions?: { code?: string; field?: string; [k: string]: unknown };
}
export interface GqlResponse<T = any> {
  status: number;
  data?: T | null;
  errors?: GqlError[];
}

export class Client {
  constructor(
    readonly baseUrl: string,
    public token?: string,
  ) {}

  as(token: string | undefined): Client {
    return new Client(this.baseUrl, token);
  }

  async raw<T = any>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GqlResponse<T>> {
    const res = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as GqlResponse<T>;
    return { ...body, status: res.status };
  }

  /** Runs an operation that must succeed and returns its data. */
  async ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await this.raw<T>(query, variables);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  }

  /** Runs an operation that must fail with this code (and field, when given); returns the error. */
  async fails(query: string, variables: Record<string, unknown>, code: string, field?: string): Promise<GqlError> {
    const res = await this.raw(query, variables);
    expect(res.errors, `expected ${code}, got data ${JSON.stringify(res.data)}`).to.be.an('array').that.is.not.empty;
    const err = res.errors![0]!;
    expect(err.extensions?.code, err.message).to.equal(code);
    if (field !== undefined) expect(err.extensions?.field, err.message).to.equal(field);
    expect(JSON.stringify(res.errors)).not.to.match(/stacktrace|Mongo|mongoose|at \w+ \(/);
    return err;
  }
}

let counter = 0;
/** A unique, valid unified social credit code (check character computed). */
export function uniqueCreditCode(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let n = Date.now() * 1000 + (counter++ % 1000) + Math.floor(Math.random() * 1000) * 7;
  let serial = '';
  for (let i = 0; i < 9; i++) {
    serial = alphabet[n % 31] + serial;
    n = Math.floor(n / 31);
  }
  const first17 = `91230400${serial}`;
  return first17 + creditCodeCheckChar(first17);
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}.${Date.now().toString(36)}.${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}@example.cn`;
}

export const REGISTER = `mutation Register($input: RegisterInput!) {
  register(input: $input) { token user { id email role organization { id name kind creditCode county verified } } }
}`;

export interface Registered {
  token: string;
  userId: string;
  orgId: string;
  email: string;
  client: Client;
  /** Banks only (registerVerified): a second user with the APPROVER role, for the four-eyes rule. */
  approver?: Client;
  approverUserId?: string;
  approverEmail?: string;
}

/** Registers a new organization with its admin and returns a client signed in as that admin. */
export async function registerOrg(
  client: Client,
  kind: string,
  opts: { name?: string; county?: string; password?: string } = {},
): Promise<Registered> {
  const email = uniqueEmail(kind.toLowerCase());
  const data = await client.ok(REGISTER, {
    input: {
      email,
      password: opts.password ?? 'correct-horse-battery',
      name: `${kind} admin`,
      organization: { name: opts.name ?? `测试${kind}机构`, kind, creditCode: uniqueCreditCode(), county: opts.county ?? 'XIANGYANG' },
    },
  });
  const { token, user } = data.register;
  return { token, userId: user.id, orgId: user.organization.id, email, client: client.as(token) };
}

export const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { token user { id email role organization { id kind } } }
}`;

/** A client signed in as the city IP office admin (the stack's bootstrap credentials). */
export async function signInAdmin(client: Client, email: string, password: string): Promise<Client> {
  const data = await client.ok(LOGIN, { email, password });
  return client.as(data.login.token);
}

/** Registers an organization of `kind` and has the regulator verify it (banks and insurers need this). */
export async function registerVerified(client: Client, regulator: Client, kind: string, opts: { county?: string } = {}): Promise<Registered> {
  const reg = await registerOrg(client, kind, opts);
  await regulator.ok(`mutation($id: ID!) { verifyOrganization(id: $id) { id verified } }`, { id: reg.orgId });
  if (kind === 'BANK') {
    const approver = await addMember(reg, 'APPROVER');
    reg.approver = approver.client;
    reg.approverUserId = approver.userId;
    reg.approverEmail = approver.email;
  }
  return reg;
}

export const INVITE = `mutation($email: String!, $role: Role!) { inviteMember(email: $email, role: $role) { id email role token expiresAt organization { id } } }`;
export const ACCEPT = `mutation($token: String!, $name: String!, $password: String!) {
  acceptInvitation(token: $token, name: $name, password: $password) { token user { id email role organization { id } } }
}`;

/** The org's admin invites a colleague with `role`, who accepts: a client signed in as the new member. */
export async function addMember(admin: Registered, role: string, password = 'correct-horse-battery'): Promise<{ client: Client; userId: string; email: string; token: string }> {
  const email = uniqueEmail(role.toLowerCase());
  const invitation = (await admin.client.ok(INVITE, { email, role })).inviteMember;
  const anon = admin.client.as(undefined);
  const accepted = (await anon.ok(ACCEPT, { token: invitation.token, name: `${role} member`, password })).acceptInvitation;
  return { client: anon.as(accepted.token), userId: accepted.user.id, email, token: accepted.token };
}
