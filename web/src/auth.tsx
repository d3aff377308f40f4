// Sign-in state: the JWT from the `login`/`register` mutations, kept in localStorage so a reload
// stays signed in, and the `me` query that tells the console who is signed in (and their org's kind).
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Provider, useQuery } from 'urql';
import { graphql } from './gql';
import type { MeQuery } from './gql/graphql';
import { makeClient } from './client';

const TOKEN_KEY = 'hegang.console.token';

export const MeDocument = graphql(`
  query Me {
    me { id email name role organization { id name kind verified county } }
  }
`);

export type Me = NonNullable<MeQuery['me']>;

interface AuthState {
  token: string | null;
  /** undefined while loading; null when signed out. */
  me: Me | null | undefined;
  signIn(token: string): void;
  signOut(): void;
}

const AuthContext = createContext<AuthState | null>(null);

function readToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(readToken);
  const client = useMemo(() => makeClient(token), [token]);
  const signIn = useCallback((t: string) => {
    window.localStorage.setItem(TOKEN_KEY, t);
    setToken(t);
  }, []);
  const signOut = useCallback(() => {
    window.localStorage.removeItem(TOKEN_KEY);
    setToken(null);
  }, []);
  return (
    <Provider value={client}>
      <MeLoader token={token} signIn={signIn} signOut={signOut}>
        {children}
      </MeLoader>
    </Provider>
  );
}

function MeLoader({ token, signIn, signOut, children }: { token: string | null; signIn(t: string): void; signOut(): void; children: ReactNode }) {
  const [{ data, error, fetching }] = useQuery({ query: MeDocument, pause: !token, requestPolicy: 'network-only' });
  const expired = error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') ?? false;
  let me: Me | null | undefined;
  if (!token || expired) me = null;
  else if (fetching && !data) me = undefined;
  else me = data?.me ?? null;
  const value = useMemo<AuthState>(() => ({ token: expired ? null : token, me, signIn, signOut }), [token, expired, me, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
