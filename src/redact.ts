// Keeping the token out of what the client hands back (DECISIONS.md C-02). A server may echo the token in a body,
// a header, its status line, or a malformed response that ends up in a fetch error; each of those is cleaned here
// before it reaches a RyzeApiError. Only the token's exact text is replaced, and only when it is long enough to be
// a credential: a development token such as `t` or `token` would otherwise turn "Invalid token" into
// "Invalid [redacted]".

/** Tokens shorter than this are not credentials (no real token is that short) and are never redacted. */
export const MIN_REDACTED_LENGTH = 8;

/** What replaces the token. */
export const REDACTED = '[redacted]';

/** Cleaning for one token. Each function returns its input itself when there is nothing to replace. */
export interface Redactor {
  /** A string with every occurrence of the token replaced. */
  text(value: string): string;
  /** A parsed JSON value (or text), with the token replaced in every string and key. */
  value<T>(value: T): T;
  /** A response whose status text and headers hold no token: the response itself, or a bodiless copy. */
  response(response: Response): Response;
  /**
   * A copy of what fetch threw, and of its cause chain, keeping only what tells a failure apart: `name`,
   * `message` and `code`, each with the token replaced. Fetch errors may carry the bytes of a malformed response
   * (undici's HTTPParserError `data`), so none is kept as it is.
   */
  error(error: unknown): unknown;
}

export function redactor(token: string): Redactor {
  const active = token.length >= MIN_REDACTED_LENGTH;
  // The token as it appears inside a JSON string (visible ASCII: only `"` and `\` are escaped).
  const escaped = JSON.stringify(token).slice(1, -1);
  const text = (value: string) => (active ? value.replaceAll(token, REDACTED) : value);

  function error(thrown: unknown): unknown {
    if (!thrown || typeof thrown !== 'object') return typeof thrown === 'string' ? text(thrown) : thrown;
    const { name, message, code, cause } = thrown as Partial<Record<string, unknown>>;
    const copy = new Error(text(String(message)), cause === undefined ? undefined : { cause: error(cause) });
    return Object.assign(copy, { name: text(String(name)) }, typeof code === 'string' && { code: text(code) });
  }

  return {
    text,
    value(value) {
      const json = JSON.stringify(value);
      if (!active || !json?.includes(escaped)) return value;
      try {
        return JSON.parse(json.replaceAll(escaped, REDACTED));
      } catch {
        return REDACTED as typeof value; // the replacement broke an escape sequence: keep nothing
      }
    },
    response(response) {
      const headers = [...response.headers];
      if (!active || !(response.statusText + headers).includes(token)) return response;
      return new Response(null, {
        status: response.status,
        statusText: text(response.statusText),
        headers: headers.map(([name, field]): [string, string] => [name, text(field)]),
      });
    },
    error,
  };
}
