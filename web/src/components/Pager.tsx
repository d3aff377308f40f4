// Keyset paging kept in the URL: `?after=<cursor>` is the page shown (shareable); the cursors of the
// pages before it ride in the history entry's state, so 上一页 goes back without offsets.
import { Button } from 'antd';
import { useLocation, useNavigate, useSearchParams } from 'react-router';

interface PagerState {
  cursors?: (string | null)[];
}

/** The `after` of the page in the URL (null: first page). */
export function useAfter(param = 'after'): string | null {
  const [params] = useSearchParams();
  return params.get(param);
}

/** 上一页 · 第 N 页 · 下一页. `nextCursor`: the API's endCursor (or, for lists paged by id, the last item's id). */
export function Pager({ hasNext, nextCursor, param = 'after' }: { hasNext: boolean; nextCursor: string | null | undefined; param?: string }) {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const stack = (location.state as PagerState | null)?.cursors ?? [];
  const current = params.get(param);
  const go = (after: string | null, cursors: (string | null)[]) => {
    const next = new URLSearchParams(params);
    if (after) next.set(param, after);
    else next.delete(param);
    navigate({ pathname: location.pathname, search: next.toString() }, { state: { cursors } satisfies PagerState });
  };
  if (!hasNext && stack.length === 0 && !current) return null;
  return (
    <nav aria-label="分页" style={{ display: 'flex', justifyContent: 'center', gap: 12, marginTop: 16, alignItems: 'center' }}>
      <Button disabled={stack.length === 0 && !current} onClick={() => go(stack[stack.length - 1] ?? null, stack.slice(0, -1))}>
        上一页
      </Button>
      <span>{current && stack.length === 0 ? '' : `第 ${stack.length + 1} 页`}</span>
      <Button disabled={!hasNext} onClick={() => go(nextCursor ?? null, [...stack, current])}>
        下一页
      </Button>
    </nav>
  );
}
