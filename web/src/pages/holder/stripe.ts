// Stripe.js, loaded only on the payment page and only when the buyer pays. Without internet access
// (or when js.stripe.com is blocked) loading fails and the page says so instead of a payment form.

export interface StripeElements {
  create(type: 'payment'): { mount(selector: string | HTMLElement): void };
}
export interface StripeJs {
  elements(opts: { clientSecret: string; locale?: string }): StripeElements;
  confirmPayment(opts: { elements: StripeElements; redirect: 'if_required'; confirmParams?: { return_url?: string } }): Promise<{ error?: { message?: string } }>;
}
type StripeFactory = (publishableKey: string) => StripeJs;

const SRC = 'https://js.stripe.com/v3/';
let loading: Promise<StripeFactory | null> | null = null;

/** Stripe's factory, or null when Stripe.js cannot be loaded (within `timeoutMs`). */
export function loadStripeJs(timeoutMs = 8000): Promise<StripeFactory | null> {
  const w = window as unknown as { Stripe?: StripeFactory };
  if (w.Stripe) return Promise.resolve(w.Stripe);
  loading ??= new Promise<StripeFactory | null>((resolve) => {
    const script = document.createElement('script');
    script.src = SRC;
    script.async = true;
    const timer = window.setTimeout(() => resolve(null), timeoutMs);
    script.onload = () => { window.clearTimeout(timer); resolve(w.Stripe ?? null); };
    script.onerror = () => { window.clearTimeout(timer); resolve(null); };
    document.head.appendChild(script);
  }).then((f) => {
    if (!f) loading = null; // try again next time
    return f;
  });
  return loading;
}

export const intentStatuses: Record<string, string> = {
  requires_payment_method: '待填写支付方式',
  requires_confirmation: '待确认',
  requires_action: '需要进一步验证',
  processing: '处理中',
  requires_capture: '待扣款',
  canceled: '已取消',
  succeeded: '支付成功',
};
