// The API's errors as the console shows them: a Chinese sentence per code, and the field errors
// (BAD_USER_INPUT carries extensions.field, e.g. "input.number") for the form item of that field.
import type { CombinedError } from '@urql/core';
import { fieldErrorZh, otherErrorZh } from './serverErrors';

const CODE_MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: '请先登录（登录已过期或未登录）。',
  FORBIDDEN: '您无权执行此操作。',
  BAD_USER_INPUT: '输入有误，请检查标注的字段。',
  NOT_FOUND: '未找到该记录，或您无权查看。',
  CONFLICT: '状态已变化或与现有记录冲突，请刷新后重试。',
  PAYMENTS_DISABLED: '本服务器未开通在线支付。',
  RATE_LIMITED: '尝试次数过多，请稍后再试。',
  SERVICE_UNAVAILABLE: '数据库暂时不可用，请稍后重试。',
  INTERNAL_SERVER_ERROR: '服务器内部错误，请稍后重试。',
};

export interface ApiProblem {
  code: string;
  /** The Chinese sentence for the code. */
  message: string;
  /** The server's own (English) message, kept for logs and tests. */
  serverMessage: string;
  /** What went wrong in Chinese (web/src/serverErrors.ts): the field errors, or the message of another code. */
  detail: string;
  /** Field path ("input.number") -> the server's message in Chinese, naming the field. */
  fields: Record<string, string>;
}

export function problemOf(error: CombinedError | undefined | null): ApiProblem | null {
  if (!error) return null;
  if (error.networkError && error.graphQLErrors.length === 0) {
    const serverMessage = error.networkError.message;
    return { code: 'NETWORK', message: '无法连接服务器，请检查网络后重试。', serverMessage, detail: `（${serverMessage}）`, fields: {} };
  }
  const first = error.graphQLErrors[0];
  const code = String(first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  const fields: Record<string, string> = {};
  for (const e of error.graphQLErrors) {
    const field = e.extensions?.field;
    if (typeof field === 'string') fields[field] = fieldErrorZh(field, e.message);
  }
  const serverMessage = first?.message ?? error.message;
  const detail = Object.values(fields).join('；') || otherErrorZh(code, serverMessage) || `服务器原文：${serverMessage}`;
  return { code, message: CODE_MESSAGES[code] ?? '操作失败。', serverMessage, detail, fields };
}

/**
 * The antd Form `fields` entries for a problem: `input.x.y` becomes the form field ['x', 'y']. A list
 * item's error (`input.classes[2]`) goes to the list's own control (['classes']): the console edits
 * lists with one control (a tags Select), and the message names the bad item.
 */
export function formFieldErrors(problem: ApiProblem | null, prefix = 'input'): { name: string[]; errors: string[] }[] {
  if (!problem) return [];
  return Object.entries(problem.fields).map(([path, msg]) => {
    const parts = path.replace(/\[\d+\]/g, '').split('.').filter((p) => !/^\d+$/.test(p));
    const name = parts[0] === prefix ? parts.slice(1) : parts;
    return { name, errors: [msg] };
  });
}
