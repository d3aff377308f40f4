// 挂牌详情: the right's facts, its holder, the modes and terms; signed-in holders can inquire or propose a deal.
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatDate, formatMoney, formatYears } from '../../format';
import {
  counties, dealTypes, highValueReasons, industries, label, legalStatuses, licenseTypes, listingStatuses, orgKinds, verificationStatuses,
} from '../../labels';
import { PageTitle } from '../../components/PageTitle';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { KindTag, ModeTags } from '../../components/AssetTags';
import { ListingActions } from './ListingActions';
import { OpenLicenceTerms } from './OpenLicenceTake';

export const ListingPageDocument = graphql(`
  query ListingPage($id: ID!) {
    listing(id: $id) {
      id
      status
      modes
      availableModes
      licenseTypes
      askingPrice
      negotiable
      description
      publishedAt
      suspended
      suspendedReason
      openLicence { feeBasis periodMonths fee }
      holder { id name kind county verified }
      asset {
        id kind number title abstract filingDate grantDate expiresOn legalStatus classes industries
        highValue highValueReasons remainingYears verification
        activePledge { id registrationNumber registeredOn expiresOn pledgee { id name } }
      }
    }
  }
`);

export default function ListingPage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ListingPageDocument, variables: { id } });
  if (error && !data) return <ErrorState error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!data && fetching) return <Loading />;
  const listing = data?.listing;
  if (!listing) return <EmptyState text="该挂牌不存在或未公开。"><Link to="/search">返回检索</Link></EmptyState>;
  const a = listing.asset;
  const restricted = listing.modes.filter((m) => !listing.availableModes.includes(m));
  return (
    <>
      <PageTitle extra={<Tag>{label(listingStatuses, listing.status)}</Tag>}>{a.title}</PageTitle>
      {listing.suspended ? <Typography.Paragraph type="danger">该挂牌已被暂停：{listing.suspendedReason}</Typography.Paragraph> : null}
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>权利信息</h2>}>
          <Descriptions column={{ xs: 1, md: 2 }} bordered size="small" data-testid="asset-facts">
            <Descriptions.Item label="号码">{a.number}</Descriptions.Item>
            <Descriptions.Item label="类型"><KindTag kind={a.kind} /></Descriptions.Item>
            <Descriptions.Item label="分类号">{a.classes.join('；') || '—'}</Descriptions.Item>
            <Descriptions.Item label="产业领域">{a.industries.map((i) => label(industries, i)).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label="申请日">{formatDate(a.filingDate)}</Descriptions.Item>
            <Descriptions.Item label="授权日">{formatDate(a.grantDate)}</Descriptions.Item>
            <Descriptions.Item label="届满日">{formatDate(a.expiresOn)}</Descriptions.Item>
            <Descriptions.Item label="剩余保护期">{formatYears(a.remainingYears)}</Descriptions.Item>
            <Descriptions.Item label="法律状态">{label(legalStatuses, a.legalStatus)}</Descriptions.Item>
            <Descriptions.Item label="登记簿核验">{label(verificationStatuses, a.verification)}</Descriptions.Item>
            <Descriptions.Item label="质押状态">
              {a.activePledge
                ? `已质押（质权人 ${a.activePledge.pledgee.name}，登记号 ${a.activePledge.registrationNumber}，${formatDate(a.activePledge.registeredOn)}至${formatDate(a.activePledge.expiresOn)}）`
                : restricted.length
                  ? `暂不可${restricted.map((m) => label(dealTypes, m)).join('、')}（权利质押中或尚未核验）`
                  : '无有效质押登记'}
            </Descriptions.Item>
            <Descriptions.Item label="高价值专利">
              {a.highValue ? `是（${a.highValueReasons.map((r) => label(highValueReasons, r)).join('、')}）` : '否'}
            </Descriptions.Item>
          </Descriptions>
          {a.abstract ? <Typography.Paragraph style={{ marginTop: 16 }}>摘要：{a.abstract}</Typography.Paragraph> : null}
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>权利人</h2>}>
          <Descriptions column={1} size="small" data-testid="holder">
            <Descriptions.Item label="名称">{listing.holder.name}</Descriptions.Item>
            <Descriptions.Item label="类型">{label(orgKinds, listing.holder.kind)}</Descriptions.Item>
            <Descriptions.Item label="所在区县">{label(counties, listing.holder.county)}</Descriptions.Item>
            <Descriptions.Item label="机构核验">{listing.holder.verified ? '已核验' : '未核验'}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>交易方式与条件</h2>}>
          <Descriptions column={1} size="small" data-testid="terms">
            <Descriptions.Item label="交易方式"><ModeTags modes={listing.modes} /></Descriptions.Item>
            <Descriptions.Item label="许可类型">{listing.licenseTypes.map((t) => label(licenseTypes, t)).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label="挂牌价格">{listing.askingPrice ? formatMoney(listing.askingPrice) : '面议'}</Descriptions.Item>
            <Descriptions.Item label="是否可议价">{listing.negotiable ? '可议价' : '不议价'}</Descriptions.Item>
            <Descriptions.Item label="发布日期">{formatDate(listing.publishedAt)}</Descriptions.Item>
          </Descriptions>
          {listing.openLicence ? <div style={{ marginTop: 16 }}><h3 style={{ fontSize: 15 }}>开放许可条件</h3><OpenLicenceTerms terms={listing.openLicence} askingPrice={listing.askingPrice} /></div> : null}
          {listing.description ? <Typography.Paragraph style={{ marginTop: 16 }}>{listing.description}</Typography.Paragraph> : null}
        </Card>
        <ListingActions listing={listing} />
      </Space>
    </>
  );
}
