// The few bits of proxy-addr (Express's own client-address rules, used by server/graphqlHttp.ts).
declare module 'proxy-addr' {
  import type { IncomingMessage } from 'node:http';
  function proxyaddr(req: IncomingMessage, trust: (addr: string, i: number) => boolean): string;
  export = proxyaddr;
}
