// 开放许可 terms of a new listing (Patent Law arts. 50-52): how the fee is paid (one-off for the period,
// or the asking price per year) and the licence period in months (1..600, never past the patent's
// expiry: the server checks). Left empty, the server offers one fee for the patent's remaining life.
import { Form, InputNumber, Select, Space } from 'antd';
import type { OpenLicenceFeeBasis } from '../../generated/schema';
import { feeBases, options } from '../../labels';

export interface OpenLicenceValues {
  feeBasis?: OpenLicenceFeeBasis;
  periodMonths?: number;
}

export function OpenLicenceTermsFields() {
  return (
    <Space size="large" align="start" wrap>
      <Form.Item name={['openLicence', 'feeBasis']} label="开放许可计费方式" extra="按年计费时，挂牌价格为每年的许可使用费">
        <Select style={{ width: 180 }} allowClear options={options(feeBases)} />
      </Form.Item>
      <Form.Item
        name={['openLicence', 'periodMonths']}
        label="开放许可期限（月）"
        extra="不得超过专利届满日；两项都留空则为剩余保护期内一次性许可"
        rules={[({ getFieldValue }) => ({
          validator: async (_r, v?: number) => {
            if (getFieldValue(['openLicence', 'feeBasis']) && !v) throw new Error('选择了计费方式时请填写期限');
          },
        })]}
      >
        <InputNumber min={1} max={600} />
      </Form.Item>
    </Space>
  );
}

/** The ListingInput.openLicence of the form's values (null: the server's default terms). */
export function openLicenceInput(modes: readonly string[], v: OpenLicenceValues | undefined) {
  return modes.includes('OPEN_LICENSE') && v?.feeBasis && v.periodMonths ? { feeBasis: v.feeBasis, periodMonths: v.periodMonths } : null;
}
