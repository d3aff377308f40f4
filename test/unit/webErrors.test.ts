// The console's reading of API errors (web/src/errors.ts): a field error goes to its form field.
import { expect } from 'chai';
import { formFieldErrors, problemOf } from '../../web/src/errors';

function combined(errors: { message: string; extensions?: Record<string, unknown> }[]): Parameters<typeof problemOf>[0] {
  return { graphQLErrors: errors, networkError: undefined, message: errors[0]?.message ?? '' } as unknown as Parameters<typeof problemOf>[0];
}

describe('console errors (web/src/errors.ts)', () => {
  it("puts BAD_USER_INPUT under the field it names, without the field's prefix", () => {
    const p = problemOf(combined([{ message: 'input.organization.creditCode: check character is wrong (expected 7)', extensions: { code: 'BAD_USER_INPUT', field: 'input.organization.creditCode' } }]));
    expect(p?.code).to.equal('BAD_USER_INPUT');
    expect(p?.message).to.equal('输入有误，请检查标注的字段。');
    expect(formFieldErrors(p)).to.deep.equal([{ name: ['organization', 'creditCode'], errors: ['统一社会信用代码校验码不正确（应为 7）'] }]);
    expect(p?.detail).to.equal('统一社会信用代码校验码不正确（应为 7）');
  });

  it("a list item's error goes to the list's control; arguments without a prefix keep their name", () => {
    const p = problemOf(combined([{ message: 'input.classes[2]: "X" is not an IPC symbol such as "C01B 32/20"', extensions: { code: 'BAD_USER_INPUT', field: 'input.classes[2]' } }]));
    expect(formFieldErrors(p)).to.deep.equal([{ name: ['classes'], errors: ['分类号（第 3 项）“X”不是 IPC 分类号（例如 C01B 32/20）'] }]);
    const q = problemOf(combined([{ message: 'message: must not be empty', extensions: { code: 'BAD_USER_INPUT', field: 'message' } }]));
    expect(formFieldErrors(q, '')).to.deep.equal([{ name: ['message'], errors: ['留言不能为空'] }]);
  });

  it('other codes read as a Chinese sentence; a message no pattern knows is kept as the server wrote it', () => {
    const p = problemOf(combined([{ message: 'Payments are not configured', extensions: { code: 'PAYMENTS_DISABLED' } }]));
    expect(p?.message).to.equal('本服务器未开通在线支付。');
    expect(p?.serverMessage).to.equal('Payments are not configured');
    expect(p?.detail).to.equal('服务器原文：Payments are not configured');
    const r = problemOf(combined([{ message: 'Too many attempts; try again in 30 s', extensions: { code: 'RATE_LIMITED' } }]));
    expect(r?.detail).to.equal('尝试次数过多，请 30 秒后再试。');
    expect(formFieldErrors(p)).to.deep.equal([]);
    expect(problemOf(undefined)).to.equal(null);
  });
});
