// Stripe's dispute reasons (https://docs.stripe.com/api/disputes/object#dispute_object-reason) in Chinese;
// an unknown one is shown as Stripe writes it.
const REASONS: Record<string, string> = {
  fraudulent: '持卡人称交易为欺诈', product_not_received: '未收到商品或服务', product_unacceptable: '商品或服务与约定不符',
  duplicate: '重复扣款', credit_not_processed: '退款未处理', subscription_canceled: '订阅已取消', unrecognized: '持卡人不认可该交易',
  general: '其他原因', bank_cannot_process: '银行无法处理', customer_initiated: '持卡人发起', debit_not_authorized: '未授权扣款',
  incorrect_account_details: '账户信息有误', insufficient_funds: '余额不足', check_returned: '支票退回', noncompliant: '不合规',
};

export function disputeReason(reason: string | null | undefined): string {
  if (!reason) return '—';
  return REASONS[reason] ?? reason;
}
