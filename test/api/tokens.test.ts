// Bearer tokens: HS256 only, with issuer, audience and expiry checked on every request.
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { sharedStack } from '../helpers/hooks';
import { JWT_SECRET } from '../helpers/stack';
import { Client, registerOrg, type Registered } from '../helpers/client';

const ISSUER = 'hegang-ip-marketplace';
const AUDIENCE = 'hegang-ip-api';
const ME = `{ me { id email } }`;

const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('tokens', () => {
  let anon: Client;
  let user: Registered;
  let claims: { sub: string; org: string; role: string };

  before(async () => {
    anon = new Client((await sharedStack()).server.url);
    user = await registerOrg(anon, 'ENTERPRISE');
    claims = { sub: user.userId, org: user.orgId, role: 'ORG_ADMIN' };
  });

  /** `me` with this token must be UNAUTHENTICATED, answered 401, with no data. */
  async function rejected(token: string): Promise<string> {
    const res = await anon.as(token).raw(ME);
    expect(res.status).to.equal(401);
    expect(res.data ?? null).to.equal(null);
    expect(res.errors?.[0]?.extensions?.code).to.equal('UNAUTHENTICATED');
    return res.errors![0]!.message;
  }

  it('the issued token is HS256 with issuer, audience, subject and a future expiry', async () => {
    const decoded = jwt.decode(user.token, { complete: true })!;
    expect(decoded.header.alg).to.equal('HS256');
    const payload = decoded.payload as jwt.JwtPayload;
    expect(payload).to.include({ iss: ISSUER, aud: AUDIENCE, sub: user.userId, org: user.orgId });
    expect(payload.exp! * 1000).to.be.greaterThan(Date.now());
  });

  it('a token we sign the same way is accepted (so the rejections below are about the one changed thing)', async () => {
    const token = jwt.sign(claims, JWT_SECRET, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: 300 });
    const { me } = await anon.as(token).ok(ME);
    expect(me).to.deep.equal({ id: user.userId, email: user.email });
  });

  it('a tampered payload (another user id) is rejected', async () => {
    const [header, , signature] = user.token.split('.');
    const other = await registerOrg(anon, 'UNIVERSITY');
    const forged = `${header}.${b64url({ ...(jwt.decode(user.token) as object), sub: other.userId })}.${signature}`;
    await rejected(forged);
  });

  it('a tampered signature is rejected', async () => {
    const [header, payload, signature] = user.token.split('.');
    const flipped = (signature![0] === 'A' ? 'B' : 'A') + signature!.slice(1);
    await rejected(`${header}.${payload}.${flipped}`);
  });

  it('an unsigned token (alg: none) is rejected', async () => {
    const payload = jwt.decode(user.token) as object;
    await rejected(`${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.`);
    await rejected(jwt.sign(payload, '', { algorithm: 'none' }));
  });

  it('another algorithm with the right secret (HS512) is rejected', async () => {
    await rejected(jwt.sign(claims, JWT_SECRET, { algorithm: 'HS512', issuer: ISSUER, audience: AUDIENCE, expiresIn: 300 }));
  });

  it('an expired token is rejected and says so', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = jwt.sign({ ...claims, iat: now - 7200, exp: now - 60 }, JWT_SECRET, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE });
    expect(await rejected(expired)).to.match(/expired/);
  });

  it('a wrong issuer or audience is rejected', async () => {
    await rejected(jwt.sign(claims, JWT_SECRET, { algorithm: 'HS256', issuer: 'someone-else', audience: AUDIENCE, expiresIn: 300 }));
    await rejected(jwt.sign(claims, JWT_SECRET, { algorithm: 'HS256', issuer: ISSUER, audience: 'another-api', expiresIn: 300 }));
    await rejected(jwt.sign(claims, JWT_SECRET, { algorithm: 'HS256', expiresIn: 300 }));
  });

  it('a token signed with another secret is rejected', async () => {
    await rejected(jwt.sign(claims, 'another-secret-0123456789-abcdefghijklmnop', { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: 300 }));
  });

  it('a token without the organization claim is rejected', async () => {
    await rejected(jwt.sign({ sub: user.userId }, JWT_SECRET, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: 300 }));
  });

  it('garbage and non-Bearer Authorization headers are rejected, even on public operations', async () => {
    await rejected('not-a-jwt');
    const basic = await anon.raw(`{ __typename }`, {}, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.status).to.equal(401);
    expect(basic.errors?.[0]?.extensions?.code).to.equal('UNAUTHENTICATED');
  });
});
