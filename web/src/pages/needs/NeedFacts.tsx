// A need's facts as a description list, shared by the public need page and the owner's page.
import { Descriptions } from 'antd';
import { formatDate, formatMoney } from '../../format';
import { counties, industries, label, orgKinds } from '../../labels';
import { ModeTags, ToneTag, type Tone } from '../../components/AssetTags';
import type { DealType, Industry, County, NeedCloseReason, OrgKind, TechnologyNeedStatus } from '../../generated/schema';
import { ANONYMOUS_OWNER, budgetText, closeReasons, needStatuses } from './needLabels';

const needStatusTones: Record<TechnologyNeedStatus, Tone> = { DRAFT: 'grey', OPEN: 'green', CLOSED: 'gold' };

export interface NeedFactsData {
  title: string;
  description: string;
  industries: Industry[];
  ipcPrefixes: string[];
  dealTypes: DealType[];
  budgetMin?: string | null;
  budgetMax?: string | null;
  county: County;
  deadline: string;
  status: TechnologyNeedStatus;
  closeReason?: NeedCloseReason | null;
  publishedAt?: string | null;
  nameHidden: boolean;
  owner?: { name: string; kind: OrgKind } | null;
}

export function NeedStatusTag({ status, closeReason }: { status: TechnologyNeedStatus; closeReason?: NeedCloseReason | null }) {
  return <ToneTag tone={needStatusTones[status]}>{needStatuses[status]}{closeReason ? `（${closeReasons[closeReason]}）` : ''}</ToneTag>;
}

export function NeedFacts({ need }: { need: NeedFactsData }) {
  return (
    <Descriptions bordered column={1} size="small" data-testid="need-facts" style={{ marginBottom: 16 }}>
      <Descriptions.Item label="需求方">
        {need.owner ? `${need.owner.name}（${label(orgKinds, need.owner.kind)}）` : ANONYMOUS_OWNER}
        {need.nameHidden && need.owner ? '（对公众显示为匿名企业）' : ''}
      </Descriptions.Item>
      <Descriptions.Item label="状态"><NeedStatusTag status={need.status} closeReason={need.closeReason} /></Descriptions.Item>
      <Descriptions.Item label="需求说明"><span style={{ whiteSpace: 'pre-wrap' }}>{need.description || '—'}</span></Descriptions.Item>
      <Descriptions.Item label="产业领域">{need.industries.length ? need.industries.map((i) => label(industries, i)).join('、') : '—'}</Descriptions.Item>
      <Descriptions.Item label="IPC 分类号">{need.ipcPrefixes.length ? need.ipcPrefixes.join('；') : '—'}</Descriptions.Item>
      <Descriptions.Item label="交易方式"><ModeTags modes={need.dealTypes} /></Descriptions.Item>
      <Descriptions.Item label="预算">{budgetText(need.budgetMin, need.budgetMax, formatMoney)}</Descriptions.Item>
      <Descriptions.Item label="所在区县">{label(counties, need.county)}</Descriptions.Item>
      <Descriptions.Item label="截止日期">{formatDate(need.deadline)}</Descriptions.Item>
      <Descriptions.Item label="发布日期">{need.publishedAt ? formatDate(need.publishedAt) : '未发布'}</Descriptions.Item>
    </Descriptions>
  );
}
