// 新建挂牌: createListing (a DRAFT) for one of the organization's rights, optionally published at once.
import { Alert, Button, Card, Checkbox, Form, Input, Select, Space, Switch } from 'antd';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { DealType, LicenseType } from '../../generated/schema';
import { dealTypes, licenseTypes, options } from '../../labels';
import { parseMoneyInput } from '../../format';
import { problemOf } from '../../errors';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';
import { OpenLicenceTermsFields, openLicenceInput, type OpenLicenceValues } from './OpenLicenceTermsFields';

const AssetChoicesDocument = graphql(`
  query AssetChoices { myAssets(first: 100) { id number title kind verification } }
`);
const CreateListingDocument = graphql(`
  mutation CreateListing($input: ListingInput!) { createListing(input: $input) { id status } }
`);
const PublishNewDocument = graphql(`
  mutation PublishNewListing($id: ID!) { publishListing(id: $id) { id status } }
`);

interface Values {
  assetId: string;
  modes: DealType[];
  licenseTypes: LicenseType[];
  askingPrice?: string;
  negotiable: boolean;
  description?: string;
  openLicence?: OpenLicenceValues;
}

export default function NewListing() {
  const [form] = Form.useForm<Values>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const created = (useLocation().state as { created?: string } | null)?.created;
  const [assets] = useQuery({ query: AssetChoicesDocument });
  const { run, problem, fetching } = useFormMutation(CreateListingDocument, form);
  const [publishState, publish] = useMutation(PublishNewDocument);
  const modes = Form.useWatch('modes', form) ?? [];

  const save = async (andPublish: boolean) => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const data = await run({
      input: {
        assetId: v.assetId,
        modes: v.modes,
        licenseTypes: v.modes.includes('LICENSE') || v.modes.includes('OPEN_LICENSE') ? v.licenseTypes : [],
        askingPrice: v.askingPrice ? parseMoneyInput(v.askingPrice) : null,
        negotiable: v.modes.includes('OPEN_LICENSE') ? false : v.negotiable, // an open licence's fee is fixed
        description: v.description?.trim() || null,
        openLicence: openLicenceInput(v.modes, v.openLicence),
      },
    });
    if (!data) return;
    if (andPublish) {
      const res = await publish({ id: data.createListing.id });
      if (res.error) {
        const p = problemOf(res.error);
        navigate('/me/listings', { state: { notice: `挂牌已保存为草稿，但发布失败：${p?.message ?? ''}${p?.detail ?? ''}` } });
        return;
      }
    }
    navigate('/me/listings');
  };

  return (
    <Card style={{ maxWidth: 760 }}>
      <PageTitle>新建挂牌</PageTitle>
      {created ? <Alert type="success" showIcon style={{ marginBottom: 16 }} title={`权利 ${created} 已登记。现在可以为它挂牌。`} /> : null}
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" initialValues={{ assetId: params.get('assetId') ?? undefined, modes: ['LICENSE'], licenseTypes: ['NON_EXCLUSIVE'], negotiable: true }}>
        <Form.Item name="assetId" label="权利" rules={[{ required: true, message: '请选择要挂牌的权利' }]}>
          <Select
            loading={assets.fetching}
            showSearch={{ optionFilterProp: 'label' }}
            notFoundContent={assets.error ? '无法加载权利列表' : '还没有登记权利'}
            options={(assets.data?.myAssets ?? []).map((a) => ({ value: a.id, label: `${a.number} ${a.title}` }))}
          />
        </Form.Item>
        <Form.Item name="modes" label="交易方式" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一种交易方式' }]}>
          <Checkbox.Group options={options(dealTypes)} />
        </Form.Item>
        {modes.includes('LICENSE') ? (
          <Form.Item name="licenseTypes" label="许可类型" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一种许可类型' }]}>
            <Checkbox.Group options={options(licenseTypes)} />
          </Form.Item>
        ) : null}
        {modes.includes('OPEN_LICENSE') ? <OpenLicenceTermsFields /> : null}
        <Space size="large" align="start" wrap>
          <Form.Item
            name="askingPrice"
            label="挂牌价格（元）"
            extra="留空表示面议"
            rules={[{ validator: async (_r, value: string | undefined) => { if (value && !parseMoneyInput(value)) throw new Error('请输入金额，如 500000 或 500000.00'); } }]}
          >
            <Input style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="negotiable" label="可议价" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Space>
          <Button onClick={() => save(false)} loading={fetching}>保存为草稿</Button>
          <Button type="primary" onClick={() => save(true)} loading={fetching || publishState.fetching}>保存并发布</Button>
        </Space>
      </Form>
    </Card>
  );
}
