// Small tags used in lists: the right's kind, deal modes, high value. Colours are darker than antd's
// presets so the text keeps a 4.5:1 contrast (axe checks it).
import { Tag } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import type { DealType, IpKind } from '../generated/schema';
import { dealTypes, ipKinds, label } from '../labels';

const TONES = {
  blue: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  gold: { color: '#613400', background: '#fffbe6', borderColor: '#ffe58f' },
  red: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  grey: { color: 'rgba(0,0,0,0.85)', background: '#fafafa', borderColor: '#d9d9d9' },
} satisfies Record<string, CSSProperties>;

export type Tone = keyof typeof TONES;

export function ToneTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag style={TONES[tone]}>{children}</Tag>;
}

export function KindTag({ kind }: { kind: IpKind }) {
  return <ToneTag tone="blue">{label(ipKinds, kind)}</ToneTag>;
}

export function ModeTags({ modes }: { modes: readonly DealType[] }) {
  return (
    <>
      {modes.map((m) => (
        <ToneTag key={m} tone="green">
          {label(dealTypes, m)}
        </ToneTag>
      ))}
    </>
  );
}
