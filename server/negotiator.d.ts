// The one call of negotiator used here (server/preparedQueries.ts: the same content type Apollo picks).
declare module 'negotiator' {
  class Negotiator {
    constructor(request: { headers: { accept?: string } });
    mediaType(available: string[]): string | undefined;
  }
  export = Negotiator;
}
