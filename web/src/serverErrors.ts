// The API's error messages in Chinese. The server words its errors in English (services/validate.ts,
// services/errors.ts, the scalars of resolvers/scalars.ts, the services' badInput calls); the console
// shows them in Chinese: a field error as "<the field's Chinese name><what is wrong>", by the message
// patterns below, and a message no pattern knows as a generic sentence naming the field, with the
// server's own text in parentheses. Messages of other codes (NOT_FOUND, RATE_LIMITED, ...) likewise.
import { formatDate, formatMoney } from './format';
import { dealTypes, ipKinds, label, licenseTypes } from './labels';

/** The Chinese name of an input field, by the last segment of its path ("input.organization.creditCode"). */
export const FIELD_NAMES: Record<string, string> = {
  email: '邮箱', password: '密码', currentPassword: '当前密码', newPassword: '新密码', name: '名称',
  creditCode: '统一社会信用代码', kind: '类型', county: '区县',
  number: '申请号/注册号', title: '名称', abstract: '摘要', filingDate: '申请日', grantDate: '授权日',
  expiresOn: '到期日', legalStatus: '法律状态', classes: '分类号', industries: '产业领域',
  assetId: '权利', assetIds: '权利', listingId: '挂牌', modes: '交易方式', licenseTypes: '许可类型',
  askingPrice: '挂牌价格', negotiable: '可议价', description: '说明', message: '留言', reason: '理由', note: '备注',
  type: '类型', dealType: '交易方式', dealTypes: '交易方式', licenseType: '许可类型', price: '报价', termMonths: '期限（月）',
  productId: '产品', requestedAmount: '申请金额', insurancePolicyId: '保单', valuation: '评估', amount: '金额',
  method: '评估方法', valuedOn: '评估基准日', reportNumber: '评估报告编号', values: '各项权利的评估价值', appraiserId: '资产评估机构',
  maxAmount: '最高贷款额', maxLoanToValue: '最高质押率', maxTermMonths: '最长期限（月）', annualRatePercent: '年利率',
  acceptedKinds: '可接受的权利类型', premiumRatePercent: '费率', maxCoverage: '最高保额', coverage: '保额',
  registrationNumber: '质押登记号', registeredOn: '登记日', releasedOn: '注销日', securedAmount: '被担保债权数额',
  approvedAmount: '批准金额', decision: '审查决定',
  netSales: '净销售额', period: '申报期间', reference: '银行流水号', paidOn: '付款日期', upfront: '首付款', dueOn: '到期日', rateBps: '提成率（基点）', minimumAnnual: '年度最低提成费',
  code: '指标', year: '年度', value: '数值', population: '常住人口',
  contractNumber: '合同编号', principal: '贷款本金', annualRateBps: '年利率', repaymentMethod: '还款方式', customSchedule: '自定义还款计划',
  signedOn: '签约日', disbursedOn: '放款日', payoff: '结清金额', settledOn: '结清日',
  changedOn: '变更日', bankSharePercent: '银行分担比例', insurerSharePercent: '保险机构分担比例', cityFundSharePercent: '市风险补偿资金分担比例',
  interestSubsidyPercent: '贴息比例', subsidyIndustries: '享受贴息的产业',
  ipcPrefixes: 'IPC 分类号', budgetMin: '预算下限', budgetMax: '预算上限', deadline: '截止日期',
  transferId: '转账记录', noticeNumber: '通知书发文序号', recordedOn: '著录项目变更日',
  filingNumber: '备案号', filedOn: '备案日期', noticeId: '公示', objectionId: '异议', answer: '答复',
  feeBasis: '开放许可计费方式', periodMonths: '开放许可期限（月）',
};

/** "input.classes[2]" -> "分类号（第 3 项）"; a field the table does not know is "该字段". */
export function fieldName(path: string): string {
  const item = /\[(\d+)\]$/.exec(path);
  const leaf = path.replace(/\[\d+\]/g, '').split('.').filter((p) => p && !/^\d+$/.test(p)).pop() ?? '';
  const name = FIELD_NAMES[leaf] ?? '该字段';
  return item ? `${name}（第 ${Number(item[1]) + 1} 项）` : name;
}

type Rule = [RegExp, (m: RegExpExecArray) => string];
const date = (d: string) => formatDate(d);
const yuan = (y: string) => formatMoney(y);
const kind = (k: string) => label(ipKinds, k as keyof typeof ipKinds);
const modes = (list: string) => list.split(', ').map((m) => dealTypes[m as keyof typeof dealTypes] ?? licenseTypes[m as keyof typeof licenseTypes] ?? m).join('、');

/** What is wrong, after the field's name, by the English message without its "input.x: " prefix. First match wins. */
export const FIELD_RULES: Rule[] = [
  // presence and length (services/validate.ts)
  [/^is required\b/, () => '为必填项'],
  [/^must not be empty$/, () => '不能为空'],
  [/^must be at most (\d+) characters$/, (m) => `不能超过 ${m[1]} 个字符`],
  [/^must be at least (\d+) characters$/, (m) => `至少需要 ${m[1]} 个字符`],
  [/unpaired UTF-16 surrogate/, () => '含有无效的 Unicode 字符'],
  [/^must not contain (NUL|control) characters$/, () => '不能包含控制字符'],
  [/^must not contain bidirectional override characters/, () => '不能包含双向文本控制字符（U+202A–U+202E、U+2066–U+2069）'],
  [/^must be an email address$/, () => '必须是有效的邮箱地址'],
  [/^is one of the most common passwords/, () => '过于常见，请换一个密码'],
  [/^must differ from the current password$/, () => '不能与当前密码相同'],
  [/^is not your current password$/, () => '与当前密码不符'],
  // money (the Money scalar, resolvers/scalars.ts) and numbers
  [/Money must be at most ([\d.]+) yuan \(2\^53 - 1 fen/, (m) => `不能超过 ${yuan(m[1]!)}（即 2^53 - 1 分，系统能精确保存的最大金额）`],
  [/Money must be (a decimal yuan amount|a string)/, () => '必须是以元为单位的金额，最多两位小数，例如 30000000.00'],
  [/^must be a whole number of fen$/, () => '最多两位小数（精确到分）'],
  [/^must be greater than 0$/, () => '必须大于 0'],
  [/^must be greater than (\S+) and at most (\S+)$/, (m) => `必须大于 ${m[1]} 且不超过 ${m[2]}`],
  [/^must have at most (\d+) decimals$/, (m) => `最多保留 ${m[1]} 位小数`],
  [/^must be a whole number from (-?\d+) to (-?\d+)$/, (m) => `必须是 ${m[1]} 到 ${m[2]} 之间的整数`],
  [/^must be a whole number for (.+)$/, (m) => `必须是整数（${m[1]}按整数计）`],
  [/^must not be negative$/, () => '不能为负数'],
  [/^must be a number >= 0$/, () => '必须是不小于 0 的数'],
  [/^must not exceed .* of ([\d.]+) yuan/, (m) => `不能超过 ${yuan(m[1]!)}`],
  [/^must be at most ([\d.]+) yuan: the price is ([\d.]+), ([\d.]+) confirmed and ([\d.]+) awaiting/, (m) =>
    `不能超过 ${yuan(m[1]!)}（价格 ${yuan(m[2]!)}，已确认到账 ${yuan(m[3]!)}，待卖方确认 ${yuan(m[4]!)}）`],
  [/^must be the ([\d.]+) yuan confirmed as paid$/, (m) => `必须等于已确认收到的 ${yuan(m[1]!)}`],
  [/^must not be below budgetMin$/, () => '不能低于预算下限'],
  [/^exceeds what remains of the schedule \(([\d.]+) yuan\)$/, (m) => `超过还款计划剩余未还的 ${yuan(m[1]!)}`],
  [/^must be what remains of the schedule: ([\d.]+) yuan$/, (m) => `须等于还款计划剩余未还的 ${yuan(m[1]!)}`],
  [/shares must add up to 100, not (\d+)$/, (m) => `与银行、保险机构分担比例之和须为 100%（现为 ${m[1]}%）`],
  [/Int cannot represent non-integer value/, () => '必须是整数'],
  [/(Int|Float) cannot represent/, () => '必须是有效的数字'],
  // dates (the Date scalar and services/validate.ts)
  [/must be a (date written|calendar date) YYYY-MM-DD/, () => '必须是有效日期（年-月-日）'],
  [/must be from (\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)/, (m) => `必须在 ${date(m[1]!)} 至 ${date(m[2]!)} 之间`],
  [/^must not be in the future(?: \(today is (\d{4}-\d\d-\d\d))?/, (m) => (m[1] ? `不能晚于今天（${date(m[1])}）` : '不能晚于今天')],
  [/^must not be in the past(?: \(today is (\d{4}-\d\d-\d\d))?/, (m) => (m[1] ? `不能早于今天（${date(m[1])}）` : '不能早于今天')],
  [/^must not be before the filing date$/, () => '不能早于申请日'],
  [/^must not be before the payment date (\d{4}-\d\d-\d\d)/, (m) => `不能早于付款日 ${date(m[1]!)}`],
  [/^must be after registeredOn$/, () => '必须晚于登记日'],
  [/^must not be before [^(]*\((\d{4}-\d\d-\d\d)\)/, (m) => `不能早于 ${date(m[1]!)}`],
  [/^must not be after [^(]*\((\d{4}-\d\d-\d\d)\)/, (m) => `不能晚于 ${date(m[1]!)}`],
  [/^must be a year from (\d+) to (\d+)$/, (m) => `必须是 ${m[1]} 年至 ${m[2]} 年之间的年份`],
  [/^must be a year such as/, () => '必须是年份，例如 2025'],
  // numbers and codes of rights and organizations (services/rules/*)
  [/^must be a CN application number/, () => '必须是中国专利申请号，例如 202010123456.7（12 位数字、小数点和校验位），或 2003 年以前的 8 位格式'],
  [/^check digit is wrong \(expected (\w)\)$/, (m) => `校验位不正确（应为 ${m[1]}）`],
  [/^a (\d+)-digit number cannot carry the year (\d+)$/, (m) => `${m[1]} 位申请号不能对应 ${m[2]} 年`],
  [/^year (\d+) is before the Chinese patent system/, (m) => `年份 ${m[1]} 早于中国专利制度（1985 年）`],
  [/^type digit (\d) is not one of/, (m) => `专利类型位 ${m[1]} 无效（应为 1、2、3、8 或 9）`],
  [/^type digit says (\w+), but kind is (\w+)$/, (m) => `的类型位表示${kind(m[1]!)}，与所选的${kind(m[2]!)}不符`],
  [/^carries the year (\d+), which has not come yet$/, (m) => `中的年份 ${m[1]} 尚未到来`],
  [/^is in (\d+), after the year (\d+) in the application number$/, (m) => `在 ${m[1]} 年，晚于申请号中的年份 ${m[2]}`],
  [/^must be a trademark registration number/, () => '必须是商标注册号（最多 9 位数字，马德里国际注册为 G 加数字）'],
  [/must be 18 characters$/, () => '必须是 18 位'],
  [/may contain only 0-9 and A-H/, () => '只能包含数字 0-9 和字母 A-H、J-N、P-R、T、U、W、X、Y（不含 I、O、S、V、Z）'],
  [/check character is wrong \(expected (\w)\)$/, (m) => `校验码不正确（应为 ${m[1]}）`],
  [/^a licence of (\d+) months from (\d{4}-\d\d-\d\d) would run past the patent's expiry on (\d{4}-\d\d-\d\d)$/, (m) =>
    `：自 ${date(m[2]!)} 起 ${m[1]} 个月的许可将超过专利届满日 ${date(m[3]!)}`],
  [/^must be the bank’s transaction reference/, () => '必须是银行交易流水号（4–64 位字母、数字或连字符）'],
  [/^transfer (\S+) is already recorded on this deal$/, (m) => ` ${m[1]} 已在本交易中登记过`],
  [/^must be the 8 to 20 digits of CNIPA’s recordal notice serial/, () => '必须是国家知识产权局手续合格通知书的发文序号（8–20 位数字）'],
  [/^must be a CNIPA licence filing number/, () => '必须是专利实施许可合同备案号，例如 X2025990000123（可选 X、4 位年份、2 位机关代码、7 位流水号）'],
  [/^names the year (\d+), which is not a filing year/, (m) => `中的年份 ${m[1]} 不是有效的备案年份（1985 年以后）`],
  [/^must be a CNIPA pledge registration number/, () => '必须是国家知识产权局的质押登记号，例如 Y2024980001234（6–40 位字母、数字或连字符）'],
  [/^"(.+)" is not a Nice class/, (m) => `“${m[1]}”不是尼斯分类（1–45）`],
  [/^"(.+)" is not an IPC symbol/, (m) => `“${m[1]}”不是 IPC 分类号（例如 C01B 32/20）`],
  [/^must be (an IPC subclass|the start of an IPC symbol)/, () => '必须是 IPC 分类号的开头，例如 C01B、C01B 32 或 H01M 4/58'],
  [/^name at least one Nice class/, () => '至少填写一个尼斯分类（1–45）'],
  [/^name at least one/, () => '至少选择一项'],
  [/^this listing offers (.+) licences, not (\w+)$/, (m) => `不在该挂牌提供的许可类型之内（提供：${modes(m[1]!)}）`],
  [/^(?:this|the) listing offers (.+), not (\w+)$/, (m) => `不在该挂牌提供的方式之内（提供：${modes(m[1]!)}）`],
  [/^must be one of (.+?)(?: \(or absent.*\))?$/, (m) => `必须是以下之一：${m[1]}`],
  [/Value "(.*)" does not exist in "\w+" enum/, () => '不是可选的值'],
  // valuation by an appraiser (services/financing/appraisal.ts)
  [/^is not an asset of this application$/, () => '不是本申请的质押物'],
  [/^names an asset a second time$/, () => '重复填写了同一项权利'],
  [/^give a value for every asset of the application/, () => '须为本申请的每一项权利填写评估价值'],
  [/^must be an APPRAISER/, () => '必须是资产评估机构'],
  [/^the appraiser is not verified/, () => '尚未通过市知识产权局核验'],
  [/^is not a registered organization$/, () => '不是已注册的机构'],
  [/^must be an independent appraiser/, () => '必须是独立的评估机构，不能是申请人自己'],
  [/^must be one line/, () => '只能填写一行（不能包含制表符或换行）'],
];

/** The Chinese names of the API's objects in NOT_FOUND messages ("Listing 66a... does not exist ..."). */
const OBJECT_NAMES: Record<string, string> = {
  Listing: '挂牌', Deal: '交易', Asset: '权利', Inquiry: '询价', Organization: '机构', User: '用户',
  PledgeApplication: '质押申请', LoanProduct: '贷款产品', InsuranceProduct: '保险产品', InsuranceQuote: '报价单',
  InsurancePolicy: '保单', Need: '需求', SavedSearch: '保存的搜索', Registration: '质押登记', Loan: '贷款', LoanAlert: '贷后预警',
};

/** Messages of the codes other than BAD_USER_INPUT that the console may meet. */
const OTHER_RULES: Record<string, Rule[]> = {
  UNAUTHENTICATED: [
    [/^Sign in first/, () => '请先登录。'],
    [/^Wrong email or password/, () => '邮箱或密码不正确。'],
    [/token is invalid|expired/i, () => '登录已失效，请重新登录。'],
  ],
  NOT_FOUND: [[/^(\w+) .* does not exist or is not visible to you$|^(\w+) not found$/, (m) => `该${OBJECT_NAMES[m[1] ?? m[2]!] ?? '记录'}不存在，或您无权查看。`]],
  RATE_LIMITED: [[/try again in (\d+) s/, (m) => `尝试次数过多，请 ${m[1]} 秒后再试。`]],
  PAYMENTS_DISABLED: [[/STRIPE_SECRET_KEY is unset/, () => '本服务器未配置在线支付（未设置 STRIPE_SECRET_KEY）。']],
  CONFLICT: [
    [/^The valuation report of this application (is already confirmed|was confirmed)/, () => '该申请的评估报告已确认，不能重复确认。'],
    [/^This email or organization cannot be registered/, () => '该邮箱或机构无法注册；如果账户是您的，请直接登录，或请本机构管理员添加您。'],
    [/under public notice \(公示\) until (\d{4}-\d\d-\d\d)/, (m) => `该交易正在公示，${date(m[1]!)}起方可付款。`],
    [/(\d+) objection\(s\) to its public notice await/, (m) => `公示期间有 ${m[1]} 条异议尚待卖方答复，答复后方可付款。`],
    [/^The notice is not in force/, () => '该公示已不在公示期内，不能再提出异议。'],
    [/^The price ([\d.]+) yuan is above Stripe's limit of ([\d.]+) yuan per payment/, (m) =>
      `价格 ${yuan(m[1]!)} 超过在线支付单笔上限 ${yuan(m[2]!)}，请在下方“对公转账”中登记转账。`],
    [/being paid by bank transfer: record further transfers/, () => '该交易正在以对公转账付款，请继续在“对公转账”中登记转账，不能再在线支付。'],
  ],
};

function applyRules(rules: Rule[], message: string): string | null {
  for (const [re, zh] of rules) {
    const m = re.exec(message);
    if (m) return zh(m);
  }
  return null;
}

/** "input.price: must be ..." or a coercion error ('Variable "$input" got invalid value ... at "input.price"; Money must ...') -> the part after. */
export function withoutPrefix(field: string, message: string): string {
  if (message.startsWith(`${field}: `)) return message.slice(field.length + 2);
  if (!message.startsWith('Variable "$')) return message;
  // The value echoed may itself hold "; ": cut after the path when there is one.
  const coercion = /^Variable "\$\w+" got invalid value .*? at "[^"]*"; (.*)$/s.exec(message) ?? /^Variable "\$\w+" got invalid value .*?; (.*)$/s.exec(message);
  return coercion ? coercion[1]! : message;
}

/** A field error in Chinese: the field's name and what is wrong; unknown wording keeps the server's text in parentheses. */
export function fieldErrorZh(field: string, message: string): string {
  const what = withoutPrefix(field, message);
  const missing = /Field "(\w+)" of required type "[^"]+" was not provided/.exec(what);
  if (missing) return `${FIELD_NAMES[missing[1]!] ?? missing[1]}为必填项`;
  const zh = applyRules(FIELD_RULES, what);
  return zh ? `${fieldName(field)}${zh}` : `${fieldName(field)}的输入未被接受（${what}）`;
}

/** A message of another code in Chinese, or null when no pattern knows it (the caller then keeps the server's text). */
export function otherErrorZh(code: string, message: string): string | null {
  return applyRules(OTHER_RULES[code] ?? [], message);
}
