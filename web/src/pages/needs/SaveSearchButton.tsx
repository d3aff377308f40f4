// 保存检索: saves the listing search in view (its ListingFilter) under a name, for alerts on new
// matching listings. Shown on the public search page to signed-in users with a non-empty filter.
import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { ListingFilter } from '../../generated/schema';
import { useAuth } from '../../auth';
import { ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';

const SaveSearchDocument = graphql(`
  mutation SaveSearch($name: String!, $filter: ListingFilter!) { saveSearch(name: $name, filter: $filter) { id name } }
`);

export function SaveSearchButton({ filter, suggestedName }: { filter: ListingFilter; suggestedName: string }) {
  const { me } = useAuth();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const { run, problem, fetching, clearProblem } = useFormMutation(SaveSearchDocument, form, '');
  if (!me || Object.keys(filter).length === 0) return null;
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const data = await run({ name: v.name.trim(), filter });
    if (!data) return;
    setOpen(false);
    message.success(`已保存检索“${data.saveSearch.name}”，有新的匹配挂牌时会通知您`);
  };
  return (
    <>
      <Button onClick={() => { clearProblem(); form.setFieldsValue({ name: suggestedName }); setOpen(true); }}>保存检索</Button>
      <Modal open={open} title="保存检索条件" okText="保存" cancelText="取消" onOk={submit} confirmLoading={fetching} onCancel={() => setOpen(false)} destroyOnHidden>
        <ProblemAlert problem={problem} />
        <p>有新发布的挂牌符合这些条件时，将在站内消息中通知您。<Link to="/me/saved-searches">管理已保存的检索</Link></p>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请输入名称' }, { max: 100, message: '名称不超过 100 个字' }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
