// A titled section of a page (a small Card whose heading is the page's h2), and the form rule for a
// yuan amount typed by a user (parsed with format.ts parseMoneyInput).
import { Card } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { parseMoneyInput } from '../format';

export function SectionCard({ title, children, style }: { title: ReactNode; children: ReactNode; style?: CSSProperties }) {
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>} size="small" style={{ marginTop: 16, ...style }}>
      {children}
    </Card>
  );
}

/** An antd Form rule: empty passes (pair with `required`), else a yuan amount such as `example`. */
export function moneyRule(example = '3,000,000.00') {
  return {
    validator: async (_rule: unknown, value?: string) => {
      if (value && value.trim() && !parseMoneyInput(value)) throw new Error(`请输入金额，如 ${example}`);
    },
  };
}
