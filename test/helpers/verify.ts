// Verified rights for tests (issue 11): only VERIFIED rights can be pledged, transferred, put under
// an open licence, or count in the indicators. These helpers verify through the API as the REGULATOR
// of the stack the client talks to (the bootstrap admin, ADMIN_EMAIL / ADMIN_PASSWORD).
import { Client, signInAdmin } from './client';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './stack';

const regulators = new Map<string, Promise<Client>>();

/** A client signed in as the REGULATOR on the same server as `client` (signed in once per server). */
export function regulatorFor(client: Client): Promise<Client> {
  let r = regulators.get(client.baseUrl);
  if (!r) {
    r = signInAdmin(new Client(client.baseUrl), ADMIN_EMAIL, ADMIN_PASSWORD);
    regulators.set(client.baseUrl, r);
    r.catch(() => regulators.delete(client.baseUrl));
  }
  return r;
}

export const VERIFY_ASSET = `mutation($id: ID!, $decision: VerificationDecision!, $reason: String) {
  verifyIpAsset(id: $id, decision: $decision, reason: $reason) {
    id verification verificationDetail { status at reason by { name organization { id name } } }
  }
}`;

/** Has the REGULATOR verify the asset; returns its id. */
export async function verifyAsset(client: Client, assetId: string): Promise<string> {
  const regulator = await regulatorFor(client);
  await regulator.ok(VERIFY_ASSET, { id: assetId, decision: 'VERIFY' });
  return assetId;
}

/** Records an asset with `create` (which returns its id), then verifies it as the REGULATOR. */
export async function verifiedAsset(client: Client, create: () => Promise<string>): Promise<string> {
  return verifyAsset(client, await create());
}
