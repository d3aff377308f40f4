// The API's English error messages in Chinese (web/src/serverErrors.ts), by the wording the API emits.
import { expect } from 'chai';
import { fieldErrorZh, fieldName, otherErrorZh } from '../../web/src/serverErrors';
import { formatBps, loanReasonText, percentToBps } from '../../web/src/loanLabels';
import { text, email, calendarDate, positiveFen, intInRange } from '../../services/validate';
import { parsePatentNumber } from '../../services/rules/patentNumber';
import { creditCodeProblem } from '../../services/rules/creditCode';
import { Money } from '../../resolvers/scalars';
import { notFound, rateLimited, unauthenticated, paymentsDisabled } from '../../services/errors';
import { filingNumberProblem, recordalNoticeProblem } from '../../services/deals/cnipaNumbers';
import { noticeProblem } from '../../services/deals/publicNotice';
import { openLicencePeriodProblem } from '../../services/listings/openLicenceTerms';

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
  it('translates the settlement of deals: bank transfers, CNIPA numbers, public notices (issue 17)', () => {
    expect(fieldErrorZh('input.reference', 'input.reference: must be the bank’s transaction reference (流水号): 4 to 64 letters, digits or hyphens'))
      .to.equal('银行流水号必须是银行交易流水号（4–64 位字母、数字或连字符）');
    expect(fieldErrorZh('input.reference', 'input.reference: transfer CCB-0001 is already recorded on this deal')).to.equal('银行流水号 CCB-0001 已在本交易中登记过');
    expect(fieldErrorZh('input.amount', 'input.amount: must be at most 1000000.00 yuan: the price is 1500000.00, 500000.00 confirmed and 0.00 awaiting the seller'))
      .to.equal('金额不能超过 ¥1,000,000.00（价格 ¥1,500,000.00，已确认到账 ¥500,000.00，待卖方确认 ¥0.00）');
    expect(fieldErrorZh('input.amount', 'input.amount: must be the 3000000.00 yuan confirmed as paid')).to.equal('金额必须等于已确认收到的 ¥3,000,000.00');
    expect(fieldErrorZh('input.paidOn', 'input.paidOn: must not be before the deal was accepted (2025-07-01)')).to.equal('付款日期不能早于 2025年7月1日');
    expect(fieldErrorZh('recordedOn', 'recordedOn: must not be before the payment date 2025-07-15: CNIPA records the change after the upfront part is paid'))
      .to.equal('著录项目变更日不能早于付款日 2025年7月15日');
    expect(fieldErrorZh('noticeNumber', `noticeNumber: ${recordalNoticeProblem('1234')}`)).to.equal('通知书发文序号必须是国家知识产权局手续合格通知书的发文序号（8–20 位数字）');
    expect(fieldErrorZh('filingNumber', `filingNumber: ${filingNumberProblem('Y123')}`)).to.match(/^备案号必须是专利实施许可合同备案号，例如 X2025990000123/);
    expect(fieldErrorZh('filingNumber', `filingNumber: ${filingNumberProblem('X1984990000123')}`)).to.equal('备案号中的年份 1984 不是有效的备案年份（1985 年以后）');
    expect(fieldErrorZh('filedOn', 'filedOn: must not be before the licence took effect (2025-08-01)')).to.equal('备案日期不能早于 2025年8月1日');
    const late = openLicencePeriodProblem({ feeBasis: 'ONE_OFF', periodMonths: 240 }, '2025-07-01', '2040-05-01');
    expect(fieldErrorZh('input.openLicence.periodMonths', `input.openLicence.periodMonths: ${late}`))
      .to.equal('开放许可期限（月）：自 2025年7月1日 起 240 个月的许可将超过专利届满日 2040年5月1日');
    expect(otherErrorZh('CONFLICT', "The price 3000000.00 yuan is above Stripe's limit of 999999.99 yuan per payment: pay by bank transfer (recordBankTransfer)"))
      .to.equal('价格 ¥3,000,000.00 超过在线支付单笔上限 ¥999,999.99，请在下方“对公转账”中登记转账。');
    const notice = (objections: { answer: string | null }[]) => ({ publicNotice: { startsOn: '2025-07-01', endsOn: '2025-07-16', objections } }) as never;
    expect(otherErrorZh('CONFLICT', `Cannot pay for this deal yet: ${noticeProblem(notice([]), '2025-07-10')}`)).to.equal('该交易正在公示，2025年7月16日起方可付款。');
    expect(otherErrorZh('CONFLICT', `Cannot pay for this deal yet: ${noticeProblem(notice([{ answer: null }, { answer: 'ok' }]), '2025-07-20')}`))
      .to.equal('公示期间有 1 条异议尚待卖方答复，答复后方可付款。');
  });
});

describe('the loan pages’ words (web/src/loanLabels.ts, issue 16)', () => {
  it('translates the loan services’ field errors the console forms meet', () => {
    expect(fieldErrorZh('input.principal', 'input.principal: must not exceed the approved amount of 1200000.00 yuan')).to.equal('贷款本金不能超过 ¥1,200,000.00');
    expect(fieldErrorZh('input.amount', 'input.amount: exceeds what remains of the schedule (6800.45 yuan)')).to.equal('金额超过还款计划剩余未还的 ¥6,800.45');
    expect(fieldErrorZh('input.payoff', 'input.payoff: must be what remains of the schedule: 6800.45 yuan')).to.equal('结清金额须等于还款计划剩余未还的 ¥6,800.45');
    expect(fieldErrorZh('input.cityFundSharePercent', "input.cityFundSharePercent: the bank's, the insurer's and the city fund's shares must add up to 100, not 110"))
      .to.equal('市风险补偿资金分担比例与银行、保险机构分担比例之和须为 100%（现为 110%）');
    expect(fieldErrorZh('input.disbursedOn', 'input.disbursedOn: must not be before the CNIPA registration (2025-01-25)')).to.equal('放款日不能早于 2025年1月25日');
  });

  it('the reasons the server writes on a loan’s moves, in Chinese; people’s own reasons as typed', () => {
    expect(loanReasonText('contract HT-1 signed on 2025-01-20')).to.equal('合同 HT-1 于 2025年1月20日 签订');
    expect(loanReasonText('disbursed 10000.00 yuan on 2025-01-31')).to.equal('2025年1月31日 放款 ¥10,000.00');
    expect(loanReasonText('3400.22 yuan past due for 5 days on 2025-03-05')).to.equal('截至 2025年3月5日 逾期 ¥3,400.22，已 5 天');
    expect(loanReasonText('arrears repaid (2025-03-05)')).to.equal('逾期款项已还清（2025年3月5日）');
    expect(loanReasonText('settled on 2025-04-30')).to.equal('2025年4月30日 结清');
    expect(loanReasonText('企业停产 (91 days past due)')).to.equal('企业停产（逾期 91 天）');
    expect(loanReasonText('借款人申请展期')).to.equal('借款人申请展期');
  });

  it('the rate typed in percent is sent in whole basis points', () => {
    expect(percentToBps(3.85)).to.equal(385);
    expect(percentToBps(4.35)).to.equal(435);
    expect(percentToBps(12)).to.equal(1200);
    expect(percentToBps(3.855)).to.equal(null);
    expect(formatBps(385)).to.equal('3.85%');
  });
});
