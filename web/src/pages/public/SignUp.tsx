// 注册机构: `register` creates the organization with this user as its admin. The credit code's check
// character is checked as typed, with the server's own rule (services/rules/creditCode.ts).
import { Button, Card, Form, Input, Select } from 'antd';
import { Link, useNavigate } from 'react-router';
import { graphql } from '../../gql';
import type { County, OrgKind } from '../../gql/graphql';
import { useAuth } from '../../auth';
import { counties, options, orgKinds } from '../../labels';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';
import { homeOf } from '../../router';
import { creditCodeProblem, normalizeCreditCode } from '../../../../services/rules/creditCode';

const RegisterDocument = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) { token user { id organization { id kind } } }
  }
`);

const SELF_SERVICE_KINDS: OrgKind[] = ['UNIVERSITY', 'RESEARCH_INSTITUTE', 'ENTERPRISE', 'BANK', 'INSURER', 'SERVICE_AGENCY', 'APPRAISER'];

interface Values {
  email: string;
  password: string;
  name: string;
  organization: { name: string; kind: OrgKind; creditCode: string; county: County };
}

export function creditCodeMessage(value: string): string | null {
  const problem = creditCodeProblem(normalizeCreditCode(value));
  if (!problem) return null;
  if (problem.startsWith('must be 18')) return '统一社会信用代码应为18位';
  if (problem.startsWith('may contain')) return '只能包含数字和除 I、O、S、V、Z 外的大写字母';
  return `校验位不正确（${problem.replace(/.*expected (\w)\)?/, '应为 $1')}）`;
}

export default function SignUp() {
  const [form] = Form.useForm<Values>();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const { run, problem, fetching } = useFormMutation(RegisterDocument, form);
  const onFinish = async (v: Values) => {
    const data = await run({
      input: {
        email: v.email.trim(),
        password: v.password,
        name: v.name.trim(),
        organization: { ...v.organization, name: v.organization.name.trim(), creditCode: normalizeCreditCode(v.organization.creditCode) },
      },
    });
    if (!data) return;
    signIn(data.register.token);
    navigate(homeOf(data.register.user.organization.kind), { replace: true });
  };
  return (
    <Card style={{ maxWidth: 560, margin: '24px auto' }}>
      <PageTitle>注册机构</PageTitle>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ organization: { kind: 'UNIVERSITY', county: 'XIANGYANG' } }}>
        <Form.Item name={['organization', 'name']} label="机构名称" rules={[{ required: true, message: '请输入机构名称' }]}>
          <Input />
        </Form.Item>
        <Form.Item name={['organization', 'kind']} label="机构类型" rules={[{ required: true }]}>
          <Select options={options(orgKinds).filter((o) => SELF_SERVICE_KINDS.includes(o.value))} />
        </Form.Item>
        <Form.Item
          name={['organization', 'creditCode']}
          label="统一社会信用代码"
          validateFirst
          rules={[
            { required: true, message: '请输入统一社会信用代码' },
            { validator: async (_r, value: string) => { const m = value ? creditCodeMessage(value) : null; if (m) throw new Error(m); } },
          ]}
        >
          <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
        </Form.Item>
        <Form.Item name={['organization', 'county']} label="所在区县" rules={[{ required: true }]}>
          <Select options={options(counties)} />
        </Form.Item>
        <Form.Item name="name" label="联系人姓名" rules={[{ required: true, message: '请输入姓名' }]}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name="email" label="邮箱" rules={[{ required: true, message: '请输入邮箱' }, { type: 'email', message: '邮箱格式不正确' }]}>
          <Input autoComplete="email" />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }, { min: 10, message: '密码至少10个字符' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching} block>
          注册并登录
        </Button>
      </Form>
      <p style={{ marginTop: 16 }}>
        已有账户？<Link to="/login">登录</Link>
      </p>
    </Card>
  );
}
