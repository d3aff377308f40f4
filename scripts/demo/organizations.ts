// Demo organizations and their users (marked demo: true). Upserts by natural key: a second run adds nothing.
import { Organization, type OrganizationDoc } from '../../models/organization';
import { User } from '../../models/user';
import type { County, OrgKind, Role } from '../../models/enums';
import { hashPassword } from '../../services/identity/passwords';
import { creditCodeCheckChar } from '../../services/rules/creditCode';

export const DEMO_PASSWORD = 'Hegang-demo-2025';

const withCheck = (first17: string) => first17 + creditCodeCheckChar(first17);

export interface DemoOrg {
  key: string;
  name: string;
  kind: OrgKind;
  creditCode: string;
  county: County;
  verified: boolean;
  user: { email: string; name: string };
  /** Further users (four-eyes: the demo bank's approver approves what its credit officer reviewed). */
  members?: { email: string; name: string; role: Role }[];
}

export const DEMO_ORGS: DemoOrg[] = [
  { key: 'university', name: '鹤岗师范高等专科学校', kind: 'UNIVERSITY', creditCode: withCheck('12230400MB1A0001X'), county: 'XIANGYANG', verified: true, user: { email: 'tto@hgsz.demo.cn', name: '技术转移办公室 王老师' } },
  { key: 'yunshan', name: '萝北云山石墨新材料有限公司', kind: 'ENTERPRISE', creditCode: withCheck('91230428MA1B2C3D4'), county: 'LUOBEI', verified: false, user: { email: 'ip@yunshan-graphite.demo.cn', name: '知识产权部 李经理' } },
  { key: 'zhongtan', name: '鹤岗中碳石墨烯科技有限公司', kind: 'ENTERPRISE', creditCode: withCheck('91230400MA1C5E7F8'), county: 'XINGSHAN', verified: false, user: { email: 'ip@zhongtan-graphene.demo.cn', name: '研发中心 张工' } },
  { key: 'bank', name: '鹤岗新区商业银行（演示）', kind: 'BANK', creditCode: withCheck('91230400MA1D0B0K1'), county: 'XIANGYANG', verified: true, user: { email: 'credit@xinqu-bank.demo.cn', name: '科技金融部 赵经理' }, members: [{ email: 'approver@xinqu-bank.demo.cn', name: '授信审批部 孙经理', role: 'APPROVER' }] },
  { key: 'insurer', name: '北疆财产保险鹤岗中心支公司（演示）', kind: 'INSURER', creditCode: withCheck('91230400MA1E1N5U2'), county: 'GONGNONG', verified: true, user: { email: 'ip@beijiang-insurance.demo.cn', name: '知识产权保险部 刘经理' } },
  { key: 'appraiser', name: '鹤岗正信资产评估有限公司（演示）', kind: 'APPRAISER', creditCode: withCheck('91230400MA1F2P6W3'), county: 'XIANGYANG', verified: true, user: { email: 'valuation@zhengxin-appraisal.demo.cn', name: '无形资产评估部 陈评估师' } },
];

export async function seedDemoOrganizations(): Promise<Record<string, OrganizationDoc>> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const byKey: Record<string, OrganizationDoc> = {};
  for (const d of DEMO_ORGS) {
    const org = await Organization.findOneAndUpdate(
      { creditCode: d.creditCode },
      {
        $setOnInsert: {
          name: d.name, kind: d.kind, creditCode: d.creditCode, county: d.county, verified: d.verified,
          verifiedAt: d.verified ? new Date() : null, demo: true,
        },
      },
      { upsert: true, returnDocument: 'after' },
    );
    await User.updateOne(
      { email: d.user.email },
      { $setOnInsert: { email: d.user.email, name: d.user.name, passwordHash, role: 'ORG_ADMIN', organization: org._id, demo: true } },
      { upsert: true },
    );
    for (const m of d.members ?? []) {
      await User.updateOne(
        { email: m.email },
        { $setOnInsert: { email: m.email, name: m.name, passwordHash, role: m.role, organization: org._id, demo: true } },
        { upsert: true },
      );
    }
    byKey[d.key] = org;
  }
  return byKey;
}
