// Pure rules of mail delivery: the retry backoff, the rendered mail, the mail settings.
import { expect } from 'chai';
import { retryDelayMs } from '../../services/mail/backoff';
import { escapeHtml, renderNotificationMail, shanghaiTime } from '../../services/mail/render';
import { ConfigError, loadConfig } from '../../server/config';

describe('mail rules', () => {
  it('backs off exponentially from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 30_000, 300_000))).to.deep.equal([30_000, 60_000, 120_000, 240_000, 300_000]);
    expect(retryDelayMs(1000, 10, 5000)).to.equal(5000); // no overflow for large attempt numbers
  });

  it('renders Chinese plain text and escaped HTML naming the organization and the object', () => {
    const m = renderNotificationMail({
      userName: '张三',
      orgName: '鹤岗<银行>',
      title: '申请已批准',
      summary: '审查结果：已批准 & 放款',
      objectType: 'PledgeApplication',
      objectId: '65f0c0ffee0000000000abcd',
      at: new Date('2026-01-01T00:00:00Z'),
    });
    expect(m.subject).to.equal('【鹤岗市知识产权运营平台】申请已批准');
    expect(m.text).to.contain('机构：鹤岗<银行>').and.contain('对象：质押融资申请（PledgeApplication，编号 65f0c0ffee0000000000abcd）');
    expect(m.text).to.contain('2026-01-01 08:00（北京时间）');
    expect(m.html).to.contain('鹤岗&lt;银行&gt;').and.contain('已批准 &amp; 放款').and.not.contain('<银行>');
    expect(escapeHtml(`"'`)).to.equal('&quot;&#39;');
    expect(shanghaiTime(new Date('2026-06-30T16:30:00Z'))).to.equal('2026-07-01 00:30');
  });

  it('validates the mail settings: SMTP_URL form, lease well above the send timeout', () => {
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).SMTP_URL).to.equal('smtp://127.0.0.1:2525');
    expect(loadConfig({}).SMTP_URL).to.equal(undefined);
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    };
    expect(problems({ SMTP_URL: 'http://mail.example.cn' }).join()).to.match(/SMTP_URL/);
    expect(problems({ MAIL_LEASE_MS: '5000' }).join()).to.match(/MAIL_LEASE_MS must be at least twice MAIL_SEND_TIMEOUT_MS/);
    expect(problems({ MAIL_POLL_MS: '0' }).join()).to.match(/MAIL_POLL_MS/);
  });
});
