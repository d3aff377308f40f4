// A list page's status filter kept in the URL (?status=...); changing it starts again at the first page.
import { Select, Space } from 'antd';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { options } from '../labels';

/** The `?status=` of the page, or null for all. */
export function useStatusParam<K extends string>(): K | null {
  const [params] = useSearchParams();
  return (params.get('status') as K | null) ?? null;
}

export function StatusFilter<K extends string>({ id, table }: { id: string; table: Record<K, string> }) {
  const status = useStatusParam<K>();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <Space>
      <label htmlFor={id}>状态</label>
      <Select<K>
        id={id}
        style={{ width: 140 }}
        allowClear
        placeholder="全部"
        value={status ?? undefined}
        options={options(table)}
        onChange={(v) => navigate(v ? `${pathname}?status=${v}` : pathname)}
      />
    </Space>
  );
}
