// What a signed-in holder (not the listing's own) can do on a listing: ask in an inquiry thread, or
// propose a deal (licence or transfer) at a price; both go on to the holder pages.
import { Button, Card, Form, Input, InputNumber, Radio, Select, Space, Tabs } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import { graphql } from '../../gql';
import type { DealType, LicenseType, ListingPageQuery } from '../../gql/graphql';
import { useAuth } from '../../auth';
import { dealTypes, label, licenseTypes } from '../../labels';
import { formatMoney, parseMoneyInput } from '../../format';
import { ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';
import { HOLDER_KINDS } from '../../routes/types';
import { OpenLicenceTake } from './OpenLicenceTake';

const ProposeDealDocument = graphql(`
  mutation ProposeDeal($input: ProposeDealInput!) { proposeDeal(input: $input) { id status } }
`);
const SendInquiryDocument = graphql(`
  mutation SendInquiry($listingId: ID!, $dealType: DealType!, $message: String!) {
    sendInquiry(listingId: $listingId, dealType: $dealType, message: $message) { id }
  }
`);

type Listing = NonNullable<ListingPageQuery['listing']>;

export function ListingActions({ listing }: { listing: Listing }) {
  const { me } = useAuth();
  const location = useLocation();
  const heading = <h2 style={{ fontSize: 16, margin: 0 }}>洽谈与交易</h2>;
  if (!me) {
    return (
      <Card title={heading}>
        <p>
          <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>登录</Link>后可以询价或提出交易。
        </p>
      </Card>
    );
  }
  if (me.organization.id === listing.holder.id) return <Card title={heading}><p>这是本机构的挂牌。<Link to="/me/listings">管理我的挂牌</Link></p></Card>;
  if (!HOLDER_KINDS.includes(me.organization.kind)) return null;
  const tradable = listing.availableModes.filter((m): m is 'LICENSE' | 'TRANSFER' => m === 'LICENSE' || m === 'TRANSFER');
  const open = listing.openLicence && listing.availableModes.includes('OPEN_LICENSE') && listing.status === 'PUBLISHED' ? listing.openLicence : null;
  return (
    <Card title={heading}>
      <Tabs
        items={[
          ...(open ? [{ key: 'open', label: '取得开放许可', children: <OpenLicenceTake listing={listing} terms={open} /> }] : []),
          { key: 'deal', label: '提出交易', children: tradable.length && listing.status === 'PUBLISHED' ? <ProposeForm listing={listing} modes={tradable} /> : <p>该挂牌目前不接受交易报价。</p> },
          { key: 'inquiry', label: '询价留言', children: <InquiryForm listing={listing} /> },
        ]}
      />
    </Card>
  );
}

interface DealValues {
  type: DealType;
  licenseType?: LicenseType;
  price: string;
  termMonths?: number;
}

function ProposeForm({ listing, modes }: { listing: Listing; modes: ('LICENSE' | 'TRANSFER')[] }) {
  const [form] = Form.useForm<DealValues>();
  const navigate = useNavigate();
  const { run, problem, fetching } = useFormMutation(ProposeDealDocument, form);
  const type = Form.useWatch('type', form) ?? modes[0];
  const onFinish = async (v: DealValues) => {
    const data = await run({
      input: {
        listingId: listing.id,
        type: v.type,
        price: parseMoneyInput(v.price) ?? v.price,
        ...(v.type === 'LICENSE' ? { licenseType: v.licenseType, termMonths: v.termMonths } : {}),
      },
    });
    if (data) navigate(`/me/deals/${data.proposeDeal.id}`);
  };
  return (
    <>
      <ProblemAlert problem={problem} />
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ type: modes[0], licenseType: listing.licenseTypes[0], termMonths: 36, price: listing.askingPrice ?? '' }}
      >
        <Form.Item name="type" label="交易类型" rules={[{ required: true }]}>
          <Radio.Group options={modes.map((m) => ({ value: m, label: label(dealTypes, m) }))} />
        </Form.Item>
        {type === 'LICENSE' ? (
          <Space size="large" wrap>
            <Form.Item name="licenseType" label="许可类型" rules={[{ required: true, message: '请选择许可类型' }]}>
              <Select style={{ width: 180 }} options={listing.licenseTypes.map((t) => ({ value: t, label: label(licenseTypes, t) }))} />
            </Form.Item>
            <Form.Item name="termMonths" label="许可期限（月）" rules={[{ required: true, message: '请输入许可期限' }]}>
              <InputNumber min={1} max={240} />
            </Form.Item>
          </Space>
        ) : null}
        <Form.Item
          name="price"
          label="报价（元）"
          extra={listing.askingPrice ? `挂牌价 ${formatMoney(listing.askingPrice)}；在线支付单笔不超过 ¥999,999.99` : '在线支付单笔不超过 ¥999,999.99'}
          rules={[{ required: true, message: '请输入报价' }, { validator: async (_r, v: string | undefined) => { if (v && !parseMoneyInput(v)) throw new Error('请输入金额，如 300000 或 300000.00'); } }]}
        >
          <Input style={{ width: 220 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>
          提交报价
        </Button>
      </Form>
    </>
  );
}

function InquiryForm({ listing }: { listing: Listing }) {
  const [form] = Form.useForm<{ dealType: DealType; message: string }>();
  const navigate = useNavigate();
  const { run, problem, fetching } = useFormMutation(SendInquiryDocument, form, '');
  const onFinish = async (v: { dealType: DealType; message: string }) => {
    const data = await run({ listingId: listing.id, dealType: v.dealType, message: v.message.trim() });
    if (data) navigate(`/me/inquiries/${data.sendInquiry.id}`);
  };
  return (
    <>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ dealType: listing.modes[0] }}>
        <Form.Item name="dealType" label="意向交易方式" rules={[{ required: true }]}>
          <Radio.Group options={listing.modes.map((m) => ({ value: m, label: label(dealTypes, m) }))} />
        </Form.Item>
        <Form.Item name="message" label="留言" rules={[{ required: true, message: '请输入留言' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Button htmlType="submit" loading={fetching}>
          发送询价
        </Button>
      </Form>
    </>
  );
}
