// 交易详情: the deal's terms, parties, status and history; the seller accepts, either side cancels,
// the buyer pays (a Stripe PaymentIntent: its amount and status; the Payment Element where Stripe.js loads).
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Space, Timeline } from 'antd';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { PayDealMutation } from '../../gql/graphql';
import { useAuth } from '../../auth';
import { formatDate, formatDateTime, formatMoney } from '../../format';
import { consentStates, dealStatuses, dealTypes, label, licenseTypes } from '../../labels';
import { problemOf, type ApiProblem } from '../../errors';
import { PageTitle } from '../../components/PageTitle';
import { EmptyState, ErrorState, Loading, ProblemAlert } from '../../components/States';
import { DealStatusTag } from './DealStatusTag';
import { intentStatuses, loadStripeJs } from './stripe';
import { DealSchedule } from './DealSchedule';
import { DealSettlement } from './deal/DealSettlement';

export const DealDocument = graphql(`
  query Deal($id: ID!) {
    deal(id: $id) {
      id type licenseType price termMonths status paymentIntentId problem cancelledBy pledgeeConsent createdAt updatedAt
      listing { id }
      asset { id title number kind }
      buyer { id name }
      seller { id name }
      license { id type startsOn endsOn }
      history { from to at reason by { name organization { name } } }
    }
  }
`);
const AcceptDealDocument = graphql(`mutation AcceptDeal($id: ID!) { acceptDeal(id: $id) { id status } }`);
const CancelDealDocument = graphql(`mutation CancelDeal($id: ID!, $reason: String) { cancelDeal(id: $id, reason: $reason) { id status cancelledBy } }`);
const PayDealDocument = graphql(`
  mutation PayDeal($id: ID!) { payDeal(id: $id) { dealId paymentIntentId clientSecret amount currency status publishableKey } }
`);

type Session = PayDealMutation['payDeal'];

export default function DealPage() {
  const { id = '' } = useParams();
  const { me } = useAuth();
  const { message } = App.useApp();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: DealDocument, variables: { id } });
  const [acceptState, accept] = useMutation(AcceptDealDocument);
  const [cancelState, cancel] = useMutation(CancelDealDocument);
  const [payState, pay] = useMutation(PayDealDocument);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const refresh = () => reexecute({ requestPolicy: 'network-only' });

  if (error && !data) return <ErrorState error={error} onRetry={refresh} />;
  if (!data && fetching) return <Loading />;
  const deal = data?.deal;
  if (!deal) return <EmptyState text="该交易不存在或您无权查看。"><Link to="/me/deals">返回我的交易</Link></EmptyState>;
  const side = deal.buyer.id === me?.organization.id ? 'BUYER' : 'SELLER';

  const act = async (what: string, run: () => Promise<{ error?: Parameters<typeof problemOf>[0] }>) => {
    setProblem(null);
    const res = await run();
    const p = problemOf(res.error);
    if (p) setProblem(p);
    else void message.success(what);
    refresh();
    return !p;
  };

  return (
    <>
      <PageTitle extra={<DealStatusTag status={deal.status} />}>交易：{deal.asset.title}</PageTitle>
      <ProblemAlert problem={problem} />
      {deal.problem ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="已付款但未能完成交易，平台运营人员将处理" description={deal.problem} /> : null}
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>交易条件</h2>}>
          <Descriptions column={{ xs: 1, md: 2 }} bordered size="small" data-testid="deal-terms">
            <Descriptions.Item label="标的"><Link to={`/listings/${deal.listing.id}`}>{deal.asset.title}</Link>（{deal.asset.number}）</Descriptions.Item>
            <Descriptions.Item label="交易类型">{label(dealTypes, deal.type)}{deal.licenseType ? `（${label(licenseTypes, deal.licenseType)}）` : ''}</Descriptions.Item>
            <Descriptions.Item label="价格">{formatMoney(deal.price)}</Descriptions.Item>
            <Descriptions.Item label="许可期限">{deal.termMonths ? `${deal.termMonths}个月` : '—'}</Descriptions.Item>
            <Descriptions.Item label="买方">{deal.buyer.name}{side === 'BUYER' ? '（本机构）' : ''}</Descriptions.Item>
            <Descriptions.Item label="卖方">{deal.seller.name}{side === 'SELLER' ? '（本机构）' : ''}</Descriptions.Item>
            <Descriptions.Item label="状态">{label(dealStatuses, deal.status)}{deal.cancelledBy ? `（由${deal.cancelledBy === 'BUYER' ? '买方' : '卖方'}取消）` : ''}</Descriptions.Item>
            <Descriptions.Item label="质权人同意">{label(consentStates, deal.pledgeeConsent)}</Descriptions.Item>
            <Descriptions.Item label="提出时间">{formatDateTime(deal.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="许可">{deal.license ? `${label(licenseTypes, deal.license.type)}，${formatDate(deal.license.startsOn)}至${formatDate(deal.license.endsOn)}` : '—'}</Descriptions.Item>
          </Descriptions>
          <Space style={{ marginTop: 16 }} wrap>
            {side === 'SELLER' && deal.status === 'PROPOSED' ? (
              <Button type="primary" loading={acceptState.fetching} onClick={() => act('已接受报价', () => accept({ id: deal.id }))}>接受报价</Button>
            ) : null}
            {side === 'BUYER' && (deal.status === 'ACCEPTED' || deal.status === 'PAYMENT_PENDING') ? (
              <Button
                type="primary"
                loading={payState.fetching}
                onClick={async () => {
                  setProblem(null);
                  const res = await pay({ id: deal.id });
                  if (res.error) setProblem(problemOf(res.error));
                  else if (res.data) setSession(res.data.payDeal);
                  refresh();
                }}
              >
                {deal.status === 'PAYMENT_PENDING' ? '继续付款' : '付款'}
              </Button>
            ) : null}
            {['PROPOSED', 'ACCEPTED', 'PAYMENT_PENDING'].includes(deal.status) ? (
              <Button danger onClick={() => setCancelling(true)}>取消交易</Button>
            ) : null}
          </Space>
        </Card>
        <DealSettlement dealId={deal.id} />
        {session ? <PaymentPanel session={session} /> : null}
        <DealSchedule dealId={deal.id} side={side} />
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>进程</h2>}>
          <Timeline
            items={deal.history.map((h) => ({
              children: (
                <span>
                  {formatDateTime(h.at)} {h.from ? `${label(dealStatuses, h.from as never)} → ` : ''}{label(dealStatuses, h.to as never)}
                  {h.by ? `（${h.by.organization?.name ?? ''} ${h.by.name}）` : ''}
                  {h.reason ? `：${h.reason}` : ''}
                </span>
              ),
            }))}
          />
        </Card>
      </Space>
      <Modal
        title="取消交易"
        open={cancelling}
        okText="确认取消"
        cancelText="返回"
        okButtonProps={{ danger: true, loading: cancelState.fetching }}
        onCancel={() => setCancelling(false)}
        onOk={async () => {
          if (await act('交易已取消', () => cancel({ id: deal.id, reason: reason.trim() || null }))) setCancelling(false);
        }}
      >
        <label htmlFor="cancel-reason">取消原因（可选）</label>
        <Input.TextArea id="cancel-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </Modal>
    </>
  );
}

export function PaymentPanel({ session }: { session: Session }) {
  const [stripeState, setStripeState] = useState<'loading' | 'unavailable' | 'no-key' | 'ready'>('loading');
  const [payError, setPayError] = useState<string | null>(null);
  const mountRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<(() => Promise<void>) | null>(null);
  useEffect(() => {
    let live = true;
    void loadStripeJs().then((factory) => {
      if (!live) return;
      if (!factory) return setStripeState('unavailable');
      if (!session.publishableKey) return setStripeState('no-key');
      const stripe = factory(session.publishableKey);
      const elements = stripe.elements({ clientSecret: session.clientSecret, locale: 'zh' });
      if (mountRef.current) elements.create('payment').mount(mountRef.current);
      confirmRef.current = async () => {
        const r = await stripe.confirmPayment({ elements, redirect: 'if_required', confirmParams: { return_url: window.location.href } });
        setPayError(r.error?.message ?? null);
      };
      setStripeState('ready');
    });
    return () => {
      live = false;
    };
  }, [session]);
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>付款</h2>} data-testid="payment">
      <Descriptions column={1} size="small">
        <Descriptions.Item label="支付金额">{formatMoney(session.amount)}（{session.currency.toUpperCase()}）</Descriptions.Item>
        <Descriptions.Item label="支付状态">{intentStatuses[session.status] ?? session.status}</Descriptions.Item>
        <Descriptions.Item label="支付单号">{session.paymentIntentId}</Descriptions.Item>
      </Descriptions>
      {stripeState === 'loading' ? <Loading tip="正在加载 Stripe 支付组件…" /> : null}
      {stripeState === 'unavailable' ? (
        <Alert type="warning" showIcon role="alert" title="无法加载 Stripe 支付组件" description="当前网络无法访问 js.stripe.com，在线支付表单无法显示。支付单已创建，可稍后在此页面点击“继续付款”重试；付款成功后交易状态会自动更新。" />
      ) : null}
      {stripeState === 'no-key' ? <Alert type="warning" showIcon role="alert" title="服务器未配置 Stripe 公钥（STRIPE_PUBLISHABLE_KEY），无法显示在线支付表单。" /> : null}
      <div ref={mountRef} style={{ marginTop: 16 }} />
      {stripeState === 'ready' ? (
        <>
          {payError ? <Alert type="error" showIcon title={payError} style={{ margin: '12px 0' }} /> : null}
          <Button type="primary" onClick={() => void confirmRef.current?.()}>确认支付 {formatMoney(session.amount)}</Button>
        </>
      ) : null}
    </Card>
  );
}
