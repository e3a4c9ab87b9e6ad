// The thin typed client: openapi-fetch over the generated types, plus the token. createRyzeClient is built on it,
// so the token is attached one way for both. Every type comes from generated/schema.d.ts, so nothing here can
// drift from the spec.
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/schema.js';

/** The production host. The spec's second server, http://127.0.0.1:4010, is the local mock. */
export const PRODUCTION_BASE_URL = 'https://ryzeapi.cloud';

/** How the token travels: the `token` header (preferred upstream) or `Authorization: Bearer <token>`. */
export type AuthScheme = 'token' | 'bearer';

export interface ApiClientOptions {
  /** Account token or instance token. Sent in a header only, never in the URL, never to another origin. */
  token: string;
  /** Which header carries the token. Default: `'token'`. */
  auth?: AuthScheme;
  /** Default: the production host. Use the mock's address (e.g. http://127.0.0.1:4010) in development. */
  baseUrl?: string;
  /** A fetch implementation (tests, proxies, other runtimes). Default: the global fetch, looked up at each call. */
  fetch?: (input: Request) => Promise<Response>;
  /** Extra headers sent with every request (for example `Prefer` when talking to the mock). */
  headers?: Record<string, string>;
}

/** The global fetch, looked up at each call, not once: a fetch installed later (MSW, a test spy) is used. */
export const globalFetch = (request: Request) => globalThis.fetch(request);

// Header values may hold visible ASCII only; checking here means a bad token fails with our message, which
// never repeats the token, instead of the runtime's, which may.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/** The header that carries the token: `[name, value]`. Throws a TypeError for a missing or unusable token. */
export function authHeader(token: string, auth: AuthScheme = 'token'): [string, string] {
  if (typeof token !== 'string' || !token) throw new TypeError('token is required');
  if (!HEADER_SAFE.test(token)) {
    throw new TypeError('token cannot be sent in an HTTP header (spaces, line breaks or non-ASCII)');
  }
  if (auth === 'token') return ['token', token];
  if (auth === 'bearer') return ['Authorization', `Bearer ${token}`];
  throw new TypeError(`Unknown auth "${String(auth)}": use 'token' or 'bearer'.`);
}

/** An openapi-fetch middleware (for `client.use()`), described without openapi-fetch's own types. */
export interface AuthMiddleware {
  onRequest(options: { request: Request }): Request;
}

/**
 * Middleware that puts the token in the chosen header, for an openapi-fetch client of your own. Throws a
 * TypeError for a missing or unusable token. createApiClient needs none: it sends the token itself.
 */
export function authMiddleware(token: string, auth: AuthScheme = 'token'): AuthMiddleware {
  const [name, value] = authHeader(token, auth);
  return {
    onRequest({ request }) {
      request.headers.set(name, value);
      return request;
    },
  };
}

/**
 * A typed openapi-fetch client for the chat operations, authenticated with the given token (a header of every
 * request). Redirects are not followed (DECISIONS.md C-01): a 3xx comes back as the response (in a browser, an
 * opaque redirect with status 0), so the token never travels to the address it names. Throws a TypeError for a
 * bad token, auth or header value.
 */
export function createApiClient(options: ApiClientOptions): Client<paths> {
  const [name, value] = authHeader(options.token, options.auth);
  const headers = { ...options.headers, [name]: value };
  // A header value the runtime refuses (a line break...) fails here with its TypeError, not at every call. The
  // token was checked above, so the runtime's message cannot repeat it.
  new Headers(headers);
  return createClient<paths>({
    baseUrl: options.baseUrl ?? PRODUCTION_BASE_URL,
    fetch: options.fetch ?? globalFetch,
    headers,
    redirect: 'manual',
  });
}
