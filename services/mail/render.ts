// The email of a notification: Chinese, plain text plus simple HTML (escaped), naming the
// organization and the object. Pure.

export interface NotificationMailInput {
  userName: string;
  orgName: string;
  title: string;
  summary: string;
  objectType: string;
  objectId: string;
  at: Date;
}

export const OBJECT_LABELS: Record<string, string> = {
  Inquiry: '询价',
  Deal: '交易',
  PledgeApplication: '质押融资申请',
  PledgeRegistration: '质押登记',
  Organization: '机构',
  User: '用户',
  Listing: '挂牌',
};

const SITE = '鹤岗市知识产权运营平台';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Beijing time, e.g. 2026-11-30 14:31. */
export function shanghaiTime(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

export function renderNotificationMail(m: NotificationMailInput): { subject: string; text: string; html: string } {
  const label = OBJECT_LABELS[m.objectType] ?? m.objectType;
  const when = shanghaiTime(m.at);
  const subject = `【${SITE}】${m.title}`;
  const text = [
    `${m.userName}（${m.orgName}）您好：`,
    '',
    m.summary,
    '',
    `机构：${m.orgName}`,
    `对象：${label}（${m.objectType}，编号 ${m.objectId}）`,
    `时间：${when}（北京时间）`,
    '',
    '请登录平台，在“通知”中查看详情。',
    '',
    `—— ${SITE}（系统自动发送，请勿直接回复）`,
  ].join('\n');
  const e = escapeHtml;
  const html = [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body style="font-family:sans-serif">',
    `<p>${e(m.userName)}（${e(m.orgName)}）您好：</p>`,
    `<p><strong>${e(m.summary)}</strong></p>`,
    '<table cellpadding="4" style="border-collapse:collapse">',
    `<tr><td>机构</td><td>${e(m.orgName)}</td></tr>`,
    `<tr><td>对象</td><td>${e(label)}（${e(m.objectType)}，编号 <code>${e(m.objectId)}</code>）</td></tr>`,
    `<tr><td>时间</td><td>${e(when)}（北京时间）</td></tr>`,
    '</table>',
    '<p>请登录平台，在“通知”中查看详情。</p>',
    `<p style="color:#888">—— ${e(SITE)}（系统自动发送，请勿直接回复）</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
