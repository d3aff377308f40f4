// Loading, error and empty states shared by every page, so they look and read the same everywhere.
import { Alert, Button, Empty, Spin } from 'antd';
import type { CombinedError } from '@urql/core';
import type { ReactNode } from 'react';
import { problemOf, type ApiProblem } from '../errors';

export function Loading({ tip = '加载中…' }: { tip?: string }) {
  return (
    <div role="status" aria-live="polite" style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
      <div style={{ marginTop: 8 }}>{tip}</div>
    </div>
  );
}

export function ProblemAlert({ problem, onRetry }: { problem: ApiProblem | null; onRetry?: () => void }) {
  if (!problem) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={problem.message}
      description={problem.detail || undefined}
      action={onRetry ? <Button size="small" onClick={onRetry}>重试</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}

export function ErrorState({ error, onRetry }: { error: CombinedError; onRetry?: () => void }) {
  return <ProblemAlert problem={problemOf(error)} onRetry={onRetry} />;
}

export function EmptyState({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <Empty description={<span style={{ color: 'rgba(0,0,0,0.7)' }}>{text}</span>} style={{ padding: 32 }}>
      {children}
    </Empty>
  );
}

/**
 * Renders loading, error or empty states, else the children. `empty` says whether the loaded data has nothing to show.
 */
export function QueryStates({ fetching, error, hasData, empty, emptyText, onRetry, children }: {
  fetching: boolean;
  error: CombinedError | undefined;
  hasData: boolean;
  empty: boolean;
  emptyText: string;
  onRetry?: () => void;
  children: ReactNode;
}) {
  if (error && !hasData) return <ErrorState error={error} onRetry={onRetry} />;
  if (!hasData && fetching) return <Loading />;
  if (!hasData) return null;
  return (
    <>
      {error ? <ErrorState error={error} onRetry={onRetry} /> : null}
      {empty ? <EmptyState text={emptyText} /> : children}
    </>
  );
}
