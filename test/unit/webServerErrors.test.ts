// The API's English error messages in Chinese (web/src/serverErrors.ts), by the wording the API emits.
import { expect } from 'chai';
import { fieldErrorZh, fieldName, otherErrorZh } from '../../web/src/serverErrors';
import { text, email, calendarDate, positiveFen, intInRange } from '../../services/validate';
import { parsePatentNumber } from '../../services/rules/patentNumber';
import { creditCodeProblem } from '../../services/rules/creditCode';
import { Money } from '../../resolvers/scalars';
import { notFound, rateLimited, unauthenticated, paymentsDisabled } from '../../services/errors';

/** The message a check throws, e.g. "input.title: must be at most 200 characters". */
function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the check to throw');
}

describe('server errors in Chinese (web/src/serverErrors.ts)', () => {
  it("names the field in Chinese; a list item by its position; an unknown field as 该字段", () => {
    expect(fieldName('input.price')).to.equal('报价');
    expect(fieldName('input.organization.creditCode')).to.equal('统一社会信用代码');
    expect(fieldName('input.classes[0]')).to.equal('分类号（第 1 项）');
    expect(fieldName('input.somethingNew')).to.equal('该字段');
  });

  it('translates the messages of services/validate.ts as they are thrown', () => {
    expect(fieldErrorZh('input.title', thrown(() => text('input.title', 'x'.repeat(201), { max: 200 })))).to.equal('名称不能超过 200 个字符');
    expect(fieldErrorZh('input.title', thrown(() => text('input.title', '  ', { max: 200 })))).to.equal('名称不能为空');
    expect(fieldErrorZh('input.password', thrown(() => text('input.password', 'abc', { min: 10, max: 200 })))).to.equal('密码至少需要 10 个字符');
    expect(fieldErrorZh('input.message', thrown(() => text('input.message', 'a\u0001b', { max: 200 })))).to.equal('留言不能包含控制字符');
    expect(fieldErrorZh('input.email', thrown(() => email('input.email', 'nobody')))).to.equal('邮箱必须是有效的邮箱地址');
    expect(fieldErrorZh('input.registeredOn', thrown(() => calendarDate('input.registeredOn', '2025-02-30')))).to.equal('登记日必须是有效日期（年-月-日）');
    expect(fieldErrorZh('input.registeredOn', thrown(() => calendarDate('input.registeredOn', '1800-01-01')))).to.match(/^登记日必须在 \d{4}年\d{1,2}月\d{1,2}日 至 \d{4}年\d{1,2}月\d{1,2}日 之间$/);
    expect(fieldErrorZh('input.amount', thrown(() => positiveFen('input.amount', 0)))).to.equal('金额必须大于 0');
    expect(fieldErrorZh('input.maxTermMonths', thrown(() => intInRange('input.maxTermMonths', 999, 1, 120)))).to.equal('最长期限（月）必须是 1 到 120 之间的整数');
  });

  it('translates the Money scalar, as a variable coercion error names it', () => {
    const past = thrown(() => Money.parseValue('100000000000000'));
    expect(fieldErrorZh('input.price', `Variable "$input" got invalid value "100000000000000" at "input.price"; ${past}`))
      .to.equal('报价不能超过 ¥90,071,992,547,409.91（即 2^53 - 1 分，系统能精确保存的最大金额）');
    const bad = thrown(() => Money.parseValue('12.345'));
    expect(fieldErrorZh('input.price', `Variable "$input" got invalid value "12.345" at "input.price"; ${bad}`)).to.equal('报价必须是以元为单位的金额，最多两位小数，例如 30000000.00');
    expect(fieldErrorZh('input', 'Variable "$input" got invalid value {}; Field "title" of required type "String!" was not provided.')).to.equal('名称为必填项');
    expect(fieldErrorZh('input.price', `Variable "$input" got invalid value "1; 2" at "input.price"; ${thrown(() => Money.parseValue('1; 2'))}`)).to.equal('报价必须是以元为单位的金额，最多两位小数，例如 30000000.00');
    expect(fieldErrorZh('input.value', 'Variable "$input" got invalid value 12.5 at "input.value"; Int cannot represent non-integer value: 12.5')).to.equal('数值必须是整数');
  });

  it('translates the check digit and format problems of patent numbers and credit codes', () => {
    const problem = (n: string) => { const r = parsePatentNumber(n); return r.ok ? '' : r.problem; };
    expect(fieldErrorZh('input.number', `input.number: ${problem('202010123456.0')}`)).to.match(/^申请号\/注册号校验位不正确（应为 \w）$/);
    expect(fieldErrorZh('input.number', `input.number: ${problem('20201012')}`)).to.match(/^申请号\/注册号(必须是中国专利申请号|\d+ 位申请号不能对应|年份)/);
    expect(fieldErrorZh('input.number', `input.number: ${problem('abc')}`)).to.match(/^申请号\/注册号必须是中国专利申请号，例如 202010123456\.7/);
    expect(fieldErrorZh('input.number', 'input.number: type digit says UTILITY_MODEL, but kind is INVENTION_PATENT')).to.equal('申请号/注册号的类型位表示实用新型，与所选的发明专利不符');
    expect(fieldErrorZh('input.organization.creditCode', `input.organization.creditCode: ${creditCodeProblem('91230400MA1B2C3D4')}`)).to.equal('统一社会信用代码必须是 18 位');
    expect(fieldErrorZh('input.organization.creditCode', `input.organization.creditCode: is not a valid unified social credit code: ${creditCodeProblem('91230400MA1B2C3DOX')}`)).to.match(/^统一社会信用代码只能包含数字/);
  });

  it('translates the services’ own wording the console forms meet', () => {
    expect(fieldErrorZh('input.registrationNumber', 'input.registrationNumber: must be a CNIPA pledge registration number such as Y2024980001234 (6-40 letters, digits or dashes)'))
      .to.equal('质押登记号必须是国家知识产权局的质押登记号，例如 Y2024980001234（6–40 位字母、数字或连字符）');
    expect(fieldErrorZh('value', 'value: must be a whole number for 有效注册商标数量（件）')).to.equal('数值必须是整数（有效注册商标数量（件）按整数计）');
    expect(fieldErrorZh('input.filingDate', 'input.filingDate: must not be in the future (today is 2025-03-01)')).to.equal('申请日不能晚于今天（2025年3月1日）');
    expect(fieldErrorZh('releasedOn', 'releasedOn: must not be before the registration date (2025-03-01)')).to.equal('注销日不能早于 2025年3月1日');
    expect(fieldErrorZh('coverage', "coverage: must not exceed the product's maximum coverage of 5000000.00 yuan")).to.equal('保额不能超过 ¥5,000,000.00');
    expect(fieldErrorZh('input.termMonths', 'input.termMonths: is required for a LICENSE deal: 1 to 600 months')).to.equal('期限（月）为必填项');
    expect(fieldErrorZh('input.type', 'input.type: this listing offers LICENSE, TRANSFER, not PLEDGE')).to.equal('类型不在该挂牌提供的方式之内（提供：许可、转让）');
    expect(fieldErrorZh('input.licenseType', 'input.licenseType: this listing offers EXCLUSIVE, SOLE licences, not NON_EXCLUSIVE')).to.equal('许可类型不在该挂牌提供的许可类型之内（提供：独占许可、排他许可）');
    expect(fieldErrorZh('input.appraiserId', 'input.appraiserId: must be an independent appraiser, not the applicant itself')).to.equal('资产评估机构必须是独立的评估机构，不能是申请人自己');
    expect(fieldErrorZh('input.reportNumber', 'input.reportNumber: must be one line (no tabs or line breaks)')).to.equal('评估报告编号只能填写一行（不能包含制表符或换行）');
    expect(fieldErrorZh('input.valuedOn', 'input.valuedOn: must not be before ZL202010123456.7 was granted (2020-06-01)')).to.equal('评估基准日不能早于 2020年6月1日');
  });

  it('falls back to a Chinese sentence naming the field, with the server text in parentheses', () => {
    expect(fieldErrorZh('input.price', 'input.price: an open licence costs exactly the published fee: 1000.00 yuan (flat)'))
      .to.equal('报价的输入未被接受（an open licence costs exactly the published fee: 1000.00 yuan (flat)）');
    expect(fieldErrorZh('input.zzz', 'input.zzz: whatever')).to.equal('该字段的输入未被接受（whatever）');
  });

  it('other codes: sign-in, not found, rate limits, payments; an unknown message is left to the caller', () => {
    expect(otherErrorZh('UNAUTHENTICATED', unauthenticated().message)).to.equal('请先登录。');
    expect(otherErrorZh('UNAUTHENTICATED', 'Wrong email or password')).to.equal('邮箱或密码不正确。');
    expect(otherErrorZh('NOT_FOUND', notFound('Listing', '66a0').message)).to.equal('该挂牌不存在，或您无权查看。');
    expect(otherErrorZh('NOT_FOUND', notFound('Thing').message)).to.equal('该记录不存在，或您无权查看。');
    expect(otherErrorZh('RATE_LIMITED', rateLimited(12).message)).to.equal('尝试次数过多，请 12 秒后再试。');
    expect(otherErrorZh('PAYMENTS_DISABLED', paymentsDisabled().message)).to.equal('本服务器未配置在线支付（未设置 STRIPE_SECRET_KEY）。');
    expect(otherErrorZh('CONFLICT', 'The deal changed meanwhile; reload it')).to.equal(null);
  });
});
