// 登记权利: createIpAsset; the number is checked as typed (assetNumber.ts), the server's field errors
// appear under their fields. After saving, the holder goes on to list it.
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { graphql } from '../../gql';
import type { Industry, IpKind, LegalStatus } from '../../generated/schema';
import { industries, ipKinds, legalStatuses, options } from '../../labels';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';
import { preventEnterSubmit } from '../../components/formKeys';
import { assetNumberProblem } from './assetNumber';

const CreateAssetDocument = graphql(`
  mutation CreateAsset($input: IpAssetInput!) {
    createIpAsset(input: $input) { id number title kind verification }
  }
`);

interface Values {
  kind: IpKind;
  number: string;
  title: string;
  abstract?: string;
  filingDate: Dayjs;
  grantDate?: Dayjs | null;
  legalStatus: LegalStatus;
  classes: string[];
  industries: Industry[];
}

export default function NewAsset() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { run, problem, fetching } = useFormMutation(CreateAssetDocument, form);
  const kind = Form.useWatch('kind', form) ?? 'INVENTION_PATENT';
  const onFinish = async (v: Values) => {
    const data = await run({
      input: {
        kind: v.kind,
        number: v.number.trim(),
        title: v.title.trim(),
        abstract: v.abstract?.trim() || null,
        filingDate: v.filingDate.format('YYYY-MM-DD'),
        grantDate: v.grantDate ? v.grantDate.format('YYYY-MM-DD') : null,
        legalStatus: v.legalStatus,
        classes: v.classes ?? [],
        industries: v.industries ?? [],
      },
    });
    if (data) navigate(`/me/listings/new?assetId=${data.createIpAsset.id}`, { state: { created: data.createIpAsset.number } });
  };
  return (
    <Card style={{ maxWidth: 760 }}>
      <PageTitle>登记权利</PageTitle>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="登记后由市知识产权局对照官方登记簿核验；核验通过前，该权利只能以许可方式挂牌。" />
      <ProblemAlert problem={problem} />
      {/* Enter in a field (adding an IPC class, confirming a date) must not submit this long form; the button does. */}
      <Form form={form} layout="vertical" onFinish={onFinish} onKeyDown={preventEnterSubmit} initialValues={{ kind: 'INVENTION_PATENT', legalStatus: 'VALID', classes: [], industries: [] }}>
        <Form.Item name="kind" label="权利类型" rules={[{ required: true }]}>
          <Select options={options(ipKinds)} onChange={() => form.getFieldValue('number') && void form.validateFields(['number'])} />
        </Form.Item>
        <Form.Item
          name="number"
          label={kind === 'TRADEMARK' ? '商标注册号' : '专利申请号'}
          extra={kind === 'TRADEMARK' ? '如 12345678' : '如 202010123456.7（校验位按 ZC 0006-2003 计算）'}
          validateTrigger={['onChange', 'onBlur']}
          rules={[{ validator: async (_r, value: string | undefined) => { const p = assetNumberProblem(kind, value ?? ''); if (p) throw new Error(p); } }]}
          hasFeedback
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="title" label="名称" rules={[{ required: true, message: '请输入名称' }, { max: 300 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="abstract" label="摘要">
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="filingDate" label="申请日" rules={[{ required: true, message: '请选择申请日' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="grantDate" label={kind === 'TRADEMARK' ? '注册日' : '授权公告日'}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="legalStatus" label="法律状态" rules={[{ required: true }]}>
            <Select style={{ width: 160 }} options={options(legalStatuses).filter((o) => ['PENDING', 'VALID'].includes(o.value))} />
          </Form.Item>
        </Space>
        <Form.Item name="classes" label={kind === 'TRADEMARK' ? '尼斯分类（1-45）' : 'IPC 分类号'} extra="输入后按回车添加，可填多个">
          <Select mode="tags" open={false} tokenSeparators={[',', '，', ';', '；']} placeholder={kind === 'TRADEMARK' ? '如 1' : '如 C01B 32/20'} />
        </Form.Item>
        <Form.Item name="industries" label="产业领域">
          <Checkbox.Group options={options(industries)} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>
          保存并继续挂牌
        </Button>
      </Form>
    </Card>
  );
}
