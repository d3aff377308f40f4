// What an error message may echo back. Pure functions, applied to every GraphQL error by
// errorFormat.ts: quoted values the client sent are cut to a few dozen characters (a 1 MB invalid
// enum value must not come back twice), the whole message is bounded, and in production graphql-js's
// suggestions ("Did you mean the enum value ...?") are removed, as GraphQL Armor does for fields.

export const MAX_ECHO = 64;
export const MAX_MESSAGE = 1000;

/** Cuts every long quoted value ("...", JSON-escaped) to MAX_ECHO characters, then the message to MAX_MESSAGE. */
export function truncateEchoes(message: string): string {
  const cut = message.replace(/"((?:[^"\\]|\\.)*)"/g, (whole, inner: string) =>
    inner.length > MAX_ECHO ? `"${inner.slice(0, MAX_ECHO).replace(/\\$/, '')}…" (${inner.length} characters)` : whole,
  );
  return cut.length > MAX_MESSAGE ? `${cut.slice(0, MAX_MESSAGE)}…` : cut;
}

/** graphql-js's suggestions: "Did you mean "x"?", "Did you mean the enum value "X" or "Y"?" and the like. */
export function stripSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '').trim();
}

export function cleanMessage(message: string, production: boolean): string {
  const short = truncateEchoes(message);
  return production ? stripSuggestions(short) : short;
}
