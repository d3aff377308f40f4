// 开放许可 (Patent Law arts. 50-52): the patentee's published terms (fee basis, period, the fee a taker
// pays); taking it accepts exactly those terms (no price or term to type), then goes on to the deal page.
import { Button, Descriptions, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { graphql } from '../../gql';
import type { ListingPageQuery } from '../../gql/graphql';
import { feeBases, label } from '../../labels';
import { formatMoney } from '../../format';
import { ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';

const TakeOpenLicenceDocument = graphql(`
  mutation TakeOpenLicence($input: ProposeDealInput!) { proposeDeal(input: $input) { id status openLicence } }
`);

type Listing = NonNullable<ListingPageQuery['listing']>;
type Terms = NonNullable<Listing['openLicence']>;

/** The published terms, as the listing's terms section and the taking tab show them. */
export function OpenLicenceTerms({ terms, askingPrice }: { terms: Terms; askingPrice: string | null | undefined }) {
  return (
    <Descriptions column={1} size="small" bordered data-testid="open-licence-terms">
      <Descriptions.Item label="计费方式">{label(feeBases, terms.feeBasis)}{terms.feeBasis === 'PER_YEAR' ? `（每年 ${formatMoney(askingPrice)}）` : ''}</Descriptions.Item>
      <Descriptions.Item label="许可期限">{terms.periodMonths}个月（自付款之日起）</Descriptions.Item>
      <Descriptions.Item label="许可使用费">{formatMoney(terms.fee)}</Descriptions.Item>
      <Descriptions.Item label="许可类型">普通许可</Descriptions.Item>
    </Descriptions>
  );
}

export function OpenLicenceTake({ listing, terms }: { listing: Listing; terms: Terms }) {
  const navigate = useNavigate();
  const { run, problem, fetching } = useFormMutation(TakeOpenLicenceDocument);
  const take = async () => {
    const data = await run({ input: { listingId: listing.id, type: 'OPEN_LICENSE', price: terms.fee } });
    if (data) navigate(`/me/deals/${data.proposeDeal.id}`);
  };
  return (
    <>
      <ProblemAlert problem={problem} />
      <OpenLicenceTerms terms={terms} askingPrice={listing.askingPrice} />
      <Typography.Paragraph style={{ marginTop: 12 }}>
        开放许可按专利权人公布的条件取得，不能另议价格或期限；专利权人不能拒绝或取消，您可在付款前撤回。
      </Typography.Paragraph>
      <Button type="primary" loading={fetching} onClick={() => void take()}>
        接受公布条件并取得许可
      </Button>
    </>
  );
}
