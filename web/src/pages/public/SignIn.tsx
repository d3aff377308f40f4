// 登录: the `login` mutation; the token is kept (auth.tsx) and the user goes back where they were.
import { Button, Card, Form, Input } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { graphql } from '../../gql';
import { useAuth } from '../../auth';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';
import { homeOf } from '../../router';

const LoginDocument = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) { token user { id organization { id kind } } }
  }
`);

interface Values {
  email: string;
  password: string;
}

export default function SignIn() {
  const [form] = Form.useForm<Values>();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { run, problem, fetching } = useFormMutation(LoginDocument, form, '');
  const onFinish = async (v: Values) => {
    const data = await run({ email: v.email.trim(), password: v.password });
    if (!data) return;
    signIn(data.login.token);
    const next = params.get('next');
    navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : homeOf(data.login.user.organization.kind), { replace: true });
  };
  return (
    <Card style={{ maxWidth: 440, margin: '24px auto' }}>
      <PageTitle>登录</PageTitle>
      <ProblemAlert problem={problem && { ...problem, message: problem.code === 'UNAUTHENTICATED' ? '邮箱或密码不正确。' : problem.message }} />
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item name="email" label="邮箱" rules={[{ required: true, message: '请输入邮箱' }, { type: 'email', message: '邮箱格式不正确' }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching} block>
          登录
        </Button>
      </Form>
      <p style={{ marginTop: 16 }}>
        还没有账户？<Link to="/signup">注册机构</Link>
      </p>
    </Card>
  );
}
