// 统计数据录入: an official statistic for an indicator, year and area (it then wins over the platform's
// figure), its withdrawal with a reason, and the resident population (for the per-10k indicator).
import { App, Button, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { graphql } from '../../gql';
import type { County, IndicatorCode } from '../../gql/graphql';
import { counties, options } from '../../labels';
import { SectionCard } from '../../components/SectionCard';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/States';
import { useFormMutation } from '../../components/useFormMutation';
import { formatFigure, indicatorNames, indicatorSources, PLAN_CODES, thisYear } from './indicatorText';

const ReportStatisticDocument = graphql(`
  mutation ReportOfficialStatistic($code: IndicatorCode!, $year: Int!, $county: County, $value: Float!) {
    reportOfficialStatistic(code: $code, year: $year, county: $county, value: $value) { code name unit year county value source }
  }
`);
const WithdrawStatisticDocument = graphql(`
  mutation WithdrawOfficialStatistic($code: IndicatorCode!, $year: Int!, $county: County, $reason: String) {
    withdrawOfficialStatistic(code: $code, year: $year, county: $county, reason: $reason) { code name unit year county value source }
  }
`);
const SetPopulationDocument = graphql(`
  mutation SetPopulation($year: Int!, $county: County, $population: Int!) { setPopulation(year: $year, county: $county, population: $population) }
`);

const areaOptions = [{ value: '', label: '全市' }, ...options(counties)];
const codeOptions = PLAN_CODES.map((c) => ({ value: c, label: indicatorNames[c] }));
const area = (c: string | undefined) => (c ? (c as County) : null);

/** The year and area (全市 or a county) fields both forms ask for. */
function YearAndArea() {
  return (
    <>
      <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
        <InputNumber min={2020} max={2030} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="county" label="区域">
        <Select options={areaOptions} />
      </Form.Item>
    </>
  );
}

interface StatValues { code: IndicatorCode; year: number; county?: string; value: number; reason?: string }

function StatisticForm() {
  const [form] = Form.useForm<StatValues>();
  const report = useFormMutation(ReportStatisticDocument, form, '');
  const withdraw = useFormMutation(WithdrawStatisticDocument, form, '');
  const { message } = App.useApp();
  const onReport = async (v: StatValues) => {
    withdraw.clearProblem();
    const d = await report.run({ code: v.code, year: v.year, county: area(v.county), value: v.value });
    if (d) message.success(`已录入：${d.reportOfficialStatistic.name} ${d.reportOfficialStatistic.year}年 = ${formatFigure(d.reportOfficialStatistic.value)}（${indicatorSources[d.reportOfficialStatistic.source]}）`);
  };
  const onWithdraw = async () => {
    report.clearProblem();
    const v = await form.validateFields(['code', 'year', 'county', 'reason']).catch(() => null);
    if (!v) return;
    const d = await withdraw.run({ code: v.code, year: v.year, county: area(v.county), reason: v.reason?.trim() || null });
    if (d) message.success(`已撤回官方统计，现为：${formatFigure(d.withdrawOfficialStatistic.value)}（${indicatorSources[d.withdrawOfficialStatistic.source]}）`);
  };
  return (
    <SectionCard title="官方统计数据" style={{ marginTop: 0 }}>
      <ProblemAlert problem={report.problem ?? withdraw.problem} />
      <Form form={form} layout="vertical" onFinish={onReport} initialValues={{ code: PLAN_CODES[0], year: thisYear() - 1, county: '' }}>
        <Form.Item name="code" label="指标" rules={[{ required: true }]}>
          <Select options={codeOptions} />
        </Form.Item>
        <YearAndArea />
        <Form.Item name="value" label="数值（按规划单位）" rules={[{ required: true, message: '请填写数值' }]}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label="撤回理由（仅撤回时）">
          <Input />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={report.fetching}>录入</Button>{' '}
        <Button danger onClick={onWithdraw} loading={withdraw.fetching}>撤回该项官方统计</Button>
      </Form>
    </SectionCard>
  );
}

interface PopValues { year: number; county?: string; population: number }

function PopulationForm() {
  const [form] = Form.useForm<PopValues>();
  const { run, problem, fetching } = useFormMutation(SetPopulationDocument, form, '');
  const { message } = App.useApp();
  const onFinish = async (v: PopValues) => {
    if (await run({ year: v.year, county: area(v.county), population: v.population })) message.success(`已录入 ${v.year}年常住人口 ${v.population.toLocaleString('zh-CN')} 人`);
  };
  return (
    <SectionCard title="常住人口" style={{ marginTop: 0 }}>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ year: thisYear() - 1, county: '' }}>
        <YearAndArea />
        <Form.Item name="population" label="常住人口（人）" rules={[{ required: true, message: '请填写人口' }]}>
          <InputNumber min={1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>录入人口</Button>
      </Form>
    </SectionCard>
  );
}

export default function Statistics() {
  return (
    <>
      <PageTitle>统计数据录入</PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}><StatisticForm /></Col>
        <Col xs={24} lg={12}><PopulationForm /></Col>
      </Row>
    </>
  );
}
