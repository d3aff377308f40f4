// The right's number checked as it is typed, with the server's own rules (services/rules): CN patent
// application numbers with their check digit and type digit, trademark registration numbers.
import { parsePatentNumber } from '../../../../services/rules/patentNumber';
import { normalizeTrademarkNumber } from '../../../../services/rules/classification';
import type { IpKind } from '../../generated/schema';
import { ipKinds } from '../../labels';

/** Why the number is wrong for this kind, in Chinese; null when it is right. */
export function assetNumberProblem(kind: IpKind, raw: string): string | null {
  if (!raw.trim()) return '请输入号码';
  if (kind === 'TRADEMARK') {
    return normalizeTrademarkNumber(raw) ? null : '商标注册号应为不超过9位的数字（马德里国际注册为 G 加数字）';
  }
  const parsed = parsePatentNumber(raw);
  if (!parsed.ok) {
    const expected = /expected (\w)/.exec(parsed.problem);
    if (expected) return `校验位不正确，应为 ${expected[1]}`;
    if (parsed.problem.startsWith('must be')) return '专利申请号格式应为 12 位数字、小数点和校验位，如 202010123456.7（2003年前为 8 位加校验位）';
    if (parsed.problem.startsWith('type digit')) return '第5位（类型位）应为 1、2、3、8 或 9';
    return `号码无效：${parsed.problem}`;
  }
  if (parsed.value.kind !== kind) return `类型位表明这是${ipKinds[parsed.value.kind]}，与所选类型（${ipKinds[kind]}）不符`;
  return null;
}
