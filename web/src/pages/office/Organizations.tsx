// 机构核验: organizations, those awaiting verification first; verify one, or revoke a verification
// with a reason (the API has no separate "reject": an unverified organization simply stays unverified).
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Segmented, Space, Table } from 'antd';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { OrgKind } from '../../gql/graphql';
import { counties, label, options, orgKinds } from '../../labels';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert, QueryStates } from '../../components/States';
import { Pager, useAfter } from '../../components/Pager';
import { ToneTag } from '../../components/AssetTags';
import { useFormMutation } from '../../components/useFormMutation';
import { problemOf, type ApiProblem } from '../../errors';

export const OfficeOrganizationsDocument = graphql(`
  query OfficeOrganizations($filter: OrganizationFilter, $first: Int, $after: String) {
    organizations(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id name kind creditCode county verified } }
    }
  }
`);
const VerifyOrganizationDocument = graphql(`
  mutation VerifyOrganization($id: ID!) { verifyOrganization(id: $id) { id verified } }
`);
const RevokeOrganizationDocument = graphql(`
  mutation RevokeOrganization($id: ID!, $reason: String!) { revokeOrganizationVerification(id: $id, reason: $reason) { id verified } }
`);

const PAGE = 20;
type Org = { id: string; name: string };

function RevokeDialog({ org, onClose }: { org: Org | null; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { run, problem, fetching } = useFormMutation(RevokeOrganizationDocument, form, '');
  const { message } = App.useApp();
  const submit = async (v: { reason: string }) => {
    if (!org) return;
    if (await run({ id: org.id, reason: v.reason.trim() })) {
      message.success(`已撤销「${org.name}」的核验`);
      form.resetFields();
      onClose();
    }
  };
  return (
    <Modal open={!!org} title={`撤销核验：${org?.name ?? ''}`} onCancel={onClose} onOk={() => form.submit()} okText="撤销核验" cancelText="取消" confirmLoading={fetching} destroyOnHidden>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请填写撤销理由' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function Organizations() {
  const [params, setParams] = useSearchParams();
  const after = useAfter();
  const status = params.get('status') ?? 'pending';
  const kind = (params.get('kind') || null) as OrgKind | null;
  const text = params.get('q') ?? '';
  const filter = { ...(status === 'all' ? {} : { verified: status === 'verified' }), ...(kind ? { kind } : {}), ...(text ? { text } : {}) };
  const [{ data, fetching, error }, refetch] = useQuery({ query: OfficeOrganizationsDocument, variables: { filter, first: PAGE, after } });
  const [verifyState, verify] = useMutation(VerifyOrganizationDocument);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [revoking, setRevoking] = useState<Org | null>(null);
  const { message } = App.useApp();
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('after');
    setParams(next);
  };
  const onVerify = async (org: Org) => {
    setProblem(null);
    const r = await verify({ id: org.id });
    if (r.error) setProblem(problemOf(r.error));
    else message.success(`已核验「${org.name}」`);
  };
  const conn = data?.organizations;
  return (
    <>
      <PageTitle>机构核验</PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          aria-label="核验状态"
          value={status}
          onChange={(v) => set('status', String(v))}
          options={[{ value: 'pending', label: '待核验' }, { value: 'verified', label: '已核验' }, { value: 'all', label: '全部' }]}
        />
        <select aria-label="机构类型" value={kind ?? ''} onChange={(e) => set('kind', e.target.value || null)} style={{ height: 32 }}>
          <option value="">全部类型</option>
          {options(orgKinds).map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </select>
        <Input.Search aria-label="名称或信用代码" placeholder="名称或统一社会信用代码" defaultValue={text} allowClear onSearch={(v) => set('q', v.trim() || null)} style={{ width: 260 }} />
      </Space>
      <ProblemAlert problem={problem} />
      <QueryStates fetching={fetching} error={error} hasData={!!data} empty={(conn?.edges.length ?? 0) === 0} emptyText={status === 'pending' ? '没有待核验的机构' : '没有符合条件的机构'} onRetry={() => refetch({ requestPolicy: 'network-only' })}>
        <div style={{ marginBottom: 8 }} data-testid="org-count">共 {conn?.totalCount ?? 0} 家</div>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={conn?.edges.map((e) => e.node) ?? []}
          columns={[
            { title: '名称', dataIndex: 'name', key: 'name' },
            { title: '类型', key: 'kind', render: (_, o) => label(orgKinds, o.kind) },
            { title: '统一社会信用代码', dataIndex: 'creditCode', key: 'creditCode' },
            { title: '区县', key: 'county', render: (_, o) => label(counties, o.county) },
            { title: '状态', key: 'verified', render: (_, o) => <ToneTag tone={o.verified ? 'green' : 'gold'}>{o.verified ? '已核验' : '待核验'}</ToneTag> },
            {
              title: '操作',
              key: 'actions',
              render: (_, o) =>
                o.kind === 'REGULATOR' ? null : o.verified ? (
                  <Button size="small" danger onClick={() => setRevoking(o)}>撤销核验</Button>
                ) : (
                  <Button size="small" type="primary" loading={verifyState.fetching} onClick={() => onVerify(o)}>核验通过</Button>
                ),
            },
          ]}
        />
        <Pager hasNext={!!conn?.pageInfo.hasNextPage} nextCursor={conn?.pageInfo.endCursor} />
      </QueryStates>
      <RevokeDialog org={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}
