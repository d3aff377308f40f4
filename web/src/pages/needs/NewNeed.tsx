// 发布技术需求 (/me/needs/new): createTechnologyNeed (a DRAFT), optionally published at once. The
// server's field errors (input.title, input.ipcPrefixes[1], ...) land next to their fields.
import { Button, Card, Checkbox, DatePicker, Form, Input, Select, Space, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { County, DealType, Industry } from '../../generated/schema';
import { counties, dealTypes, industries, label, options } from '../../labels';
import { parseMoneyInput } from '../../format';
import { problemOf } from '../../errors';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';
import { NEED_DEAL_TYPES } from './needLabels';

const CreateNeedDocument = graphql(`
  mutation CreateNeed($input: TechnologyNeedInput!) { createTechnologyNeed(input: $input) { id status } }
`);
export const PublishNeedDocument = graphql(`
  mutation PublishNeed($id: ID!) { publishTechnologyNeed(id: $id) { id status publishedAt } }
`);

interface Values {
  title: string;
  description?: string;
  industries: Industry[];
  ipcPrefixes: string[];
  dealTypes: DealType[];
  budgetMin?: string;
  budgetMax?: string;
  county: County;
  deadline?: Dayjs;
  hideName: boolean;
}

const moneyRule = { validator: async (_r: unknown, v: string | undefined) => { if (v && !parseMoneyInput(v)) throw new Error('请输入金额，如 500000 或 500000.00'); } };

export default function NewNeed() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { run, problem, fetching } = useFormMutation(CreateNeedDocument, form);
  const [publishState, publish] = useMutation(PublishNeedDocument);

  const save = async (andPublish: boolean) => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const data = await run({
      input: {
        title: v.title.trim(),
        description: v.description?.trim() ?? '',
        industries: v.industries,
        ipcPrefixes: v.ipcPrefixes.map((p) => p.trim()).filter(Boolean),
        dealTypes: v.dealTypes,
        budgetMin: v.budgetMin ? parseMoneyInput(v.budgetMin) : null,
        budgetMax: v.budgetMax ? parseMoneyInput(v.budgetMax) : null,
        county: v.county,
        deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : '',
        hideName: v.hideName,
      },
    });
    if (!data) return;
    const id = data.createTechnologyNeed.id;
    if (andPublish) {
      const res = await publish({ id });
      if (res.error) {
        const p = problemOf(res.error);
        navigate(`/me/needs/${id}`, { state: { notice: `需求已保存为草稿，但发布失败：${p?.message ?? ''}${p?.detail ?? ''}` } });
        return;
      }
    }
    navigate(`/me/needs/${id}`);
  };

  return (
    <Card style={{ maxWidth: 760 }}>
      <PageTitle>发布技术需求</PageTitle>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" initialValues={{ industries: [], ipcPrefixes: [], dealTypes: ['LICENSE'], hideName: false }}>
        <Form.Item name="title" label="需求标题" rules={[{ required: true, whitespace: true, message: '请输入需求标题' }, { min: 2, max: 200, message: '标题为 2 至 200 个字' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label="需求说明" rules={[{ max: 5000, message: '说明不超过 5000 字' }]}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Form.Item name="industries" label="产业领域">
          <Checkbox.Group options={options(industries)} />
        </Form.Item>
        <Form.Item name="ipcPrefixes" label="IPC 分类号" extra="可输入多个，回车确认，如 H01M 4/58、C01B 32（最多 10 个）">
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '；']} maxCount={10} />
        </Form.Item>
        <Form.Item name="dealTypes" label="期望交易方式" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一种交易方式' }]}>
          <Checkbox.Group options={NEED_DEAL_TYPES.map((d) => ({ value: d, label: label(dealTypes, d) }))} />
        </Form.Item>
        <Space size="large" align="start" wrap>
          <Form.Item name="budgetMin" label="预算下限（元）" extra="留空表示不限" rules={[moneyRule]}>
            <Input style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="budgetMax" label="预算上限（元）" extra="留空表示不限" rules={[moneyRule]}>
            <Input style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Space size="large" align="start" wrap>
          <Form.Item name="county" label="所在区县" rules={[{ required: true, message: '请选择区县' }]}>
            <Select style={{ width: 220 }} options={options(counties)} />
          </Form.Item>
          <Form.Item name="deadline" label="截止日期" rules={[{ required: true, message: '请选择截止日期' }]}>
            <DatePicker format="YYYY-MM-DD" />
          </Form.Item>
        </Space>
        <Form.Item>
          <Space>
            <Form.Item name="hideName" valuePropName="checked" noStyle>
              <Switch id="need-hide-name" />
            </Form.Item>
            <label htmlFor="need-hide-name">对公众隐藏机构名称（显示为匿名企业）</label>
          </Space>
        </Form.Item>
        <Space>
          <Button onClick={() => save(false)} loading={fetching}>保存为草稿</Button>
          <Button type="primary" onClick={() => save(true)} loading={fetching || publishState.fetching}>保存并发布</Button>
        </Space>
      </Form>
    </Card>
  );
}
