// The city IP office (REGULATOR) and its admin, created once at start-up.
import { randomBytes } from 'node:crypto';
import { Organization } from '../../models/organization';
import { User } from '../../models/user';
import type { Config } from '../../server/config';
import { isDuplicateKey } from '../errors';
import { creditCodeCheckChar } from '../rules/creditCode';
import { hashPassword } from './passwords';

export const REGULATOR_NAME = '鹤岗市市场监督管理局（鹤岗市知识产权局）';
const REGULATOR_CODE_BASE = '11230400MB0000000'; // 11 = government body, 230400 = Hegang
export const REGULATOR_CREDIT_CODE = REGULATOR_CODE_BASE + creditCodeCheckChar(REGULATOR_CODE_BASE);

/** Creates the REGULATOR org and admin if there is none. Returns a generated password to print, if one was made. */
export async function ensureRegulator(config: Config): Promise<{ created: boolean; generatedPassword?: string }> {
  let org = await Organization.findOne({ kind: 'REGULATOR' });
  if (!org) {
    try {
      org = await Organization.create({
        name: REGULATOR_NAME,
        kind: 'REGULATOR',
        creditCode: REGULATOR_CREDIT_CODE,
        county: 'XIANGYANG',
        verified: true,
        verifiedAt: new Date(),
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      org = await Organization.findOne({ kind: 'REGULATOR' });
      if (!org) throw err;
    }
  }
  if (await User.exists({ organization: org._id })) return { created: false };

  const generatedPassword = config.BOOTSTRAP_ADMIN_PASSWORD ? undefined : randomBytes(12).toString('base64url');
  const password = config.BOOTSTRAP_ADMIN_PASSWORD ?? generatedPassword!;
  try {
    await User.create({
      email: config.BOOTSTRAP_ADMIN_EMAIL.toLowerCase(),
      name: '知识产权局管理员',
      passwordHash: await hashPassword(password),
      role: 'ORG_ADMIN',
      organization: org._id,
    });
  } catch (err) {
    if (isDuplicateKey(err)) return { created: false }; // another instance won the race
    throw err;
  }
  return { created: true, generatedPassword };
}
