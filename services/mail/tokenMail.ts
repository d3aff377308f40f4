// Password-reset and invitation tokens by mail: the deliverer plugged into
// services/identity/resetDelivery.ts when SMTP_URL is set. The mail goes through the outbox like
// every other mail (sent once by the worker); its key is a hash of the token, never the token.
import { createHash } from 'node:crypto';
import type { Config } from '../../server/config';
import type { TokenDeliverer, TokenMessage } from '../identity/resetDelivery';
import { enqueueMail, mailEnabled } from './outbox';
import { escapeHtml, shanghaiTime } from './render';

const ROLE_NAMES: Record<string, string> = {
  ORG_ADMIN: '管理员', MEMBER: '成员', CREDIT_OFFICER: '信贷员', APPROVER: '审批人',
};

export function renderTokenMail(m: TokenMessage): { subject: string; text: string; html: string } {
  const until = shanghaiTime(m.expiresAt);
  const lines =
    m.kind === 'password-reset'
      ? ['您申请了重置鹤岗市知识产权运营平台的登录密码。', `重置令牌：${m.token}`, `有效期至 ${until}（北京时间），仅可使用一次。`, '如非本人操作，请忽略本邮件，您的密码不会改变。']
      : [
          `${m.organizationName ?? '贵单位'}邀请您以“${ROLE_NAMES[m.role ?? ''] ?? m.role ?? '成员'}”身份加入鹤岗市知识产权运营平台。`,
          `邀请令牌：${m.token}`,
          `有效期至 ${until}（北京时间），仅可使用一次。`,
        ];
  const subject = m.kind === 'password-reset' ? '【鹤岗知识产权平台】重置密码' : `【鹤岗知识产权平台】${m.organizationName ?? ''}邀请您加入`;
  return { subject, text: lines.join('\n') + '\n', html: `<html><body>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</body></html>` };
}

/** The deliverer for resetDelivery.ts, or null when this server sends no mail. */
export function tokenMailDeliverer(config: Pick<Config, 'SMTP_URL'>): TokenDeliverer | null {
  if (!mailEnabled(config)) return null;
  return async (m) => {
    const key = `${m.kind}:${createHash('sha256').update(m.token).digest('hex')}`;
    await enqueueMail(config, { key, to: m.email, ...renderTokenMail(m) });
  };
}
