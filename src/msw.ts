// `ryzeapi-chat-contract/msw`: MSW handlers around the sandbox pipeline (./mock/core.ts), so unit tests get the
// HTTP mock's behaviour (state, echo, rate limits, seeded auth, faults, Prefer) with no server. One handler answers
// every API route and the controls under `/__sandbox`; `handlers.sandbox` controls it from code. `msw` and `ajv`
// are optional peer dependencies.
//
//   import { setupServer } from 'msw/node';
//   import { createRyzeHandlers } from 'ryzeapi-chat-contract/msw';
//   const handlers = createRyzeHandlers();
//   const server = setupServer(...handlers);
//   handlers.sandbox.advance(60_000);
// First import: keeps msw 2 from printing Node 26's localStorage warning while it loads (./msw-env.ts, T-04).
import { restoreLocalStorage } from './msw-env.js';
import type { HttpHandler } from 'msw';
import type { Sandbox } from './mock/fetch.js';
import { importPeers } from './mock/peers.js';
import type { SandboxSeed } from './mock/seed.js';

export type { Sandbox, SandboxFetch } from './mock/fetch.js';
export type { SandboxSeed } from './mock/seed.js';

export interface RyzeHandlersOptions {
  /**
   * Which origin to intercept, e.g. `https://ryzeapi.cloud` or `http://127.0.0.1:4010`. Default: any origin, so the
   * client's default production URL and a mock URL are both answered in-process.
   */
  baseUrl?: string;
  /** The seed of a new sandbox (ignored when `sandbox` is given). A bad seed throws a SandboxSeedError. */
  seed?: SandboxSeed;
  /** Answer from this sandbox (from `createSandbox`, shared with other code); default: a new one. */
  sandbox?: Sandbox;
}

/** The handlers to spread into `setupServer(...)` / `setupWorker(...)`, with the sandbox that answers them. */
export type RyzeHandlers = HttpHandler[] & { readonly sandbox: Sandbox };

const [msw, inProcess] = await importPeers(
  'The MSW handlers (ryzeapi-chat-contract/msw)',
  { msw: () => import('msw'), ajv: () => import('ajv/dist/2020.js') },
  () => Promise.all([import('msw'), import('./mock/embedded.js')]),
).finally(restoreLocalStorage);

type RunArgs = Parameters<HttpHandler['run']>[0];

/**
 * An HttpHandler that matches by the sandbox's own routes and skips MSW's cookie parsing (the sandbox reads none). It
 * also answers without the copy of the request that MSW's own `run` makes of every request a handler sees (a
 * `request.clone()`, whose body tee costs more than the whole sandbox pipeline): that copy only goes into the
 * execution result, which MSW never reads (`executeHandlers`, in msw 2.7 to 3.x, keeps the handler, the parsed
 * result and the response), and the sandbox reads the original request, as a resolver would. Matching stays MSW's
 * (`parse` then `predicate`), and a thrown error reaches MSW as from any resolver (DECISIONS.md M-30).
 */
class SandboxHandler extends msw.HttpHandler {
  constructor(
    private readonly accepts: (url: URL) => boolean,
    label: string,
    private readonly answer: Sandbox['fetch'],
  ) {
    super(/.+/, label, ({ request }) => answer(request));
  }

  override async parse({ request }: { request: Request }) {
    return { match: { matches: this.accepts(new URL(request.url)), params: {} }, cookies: {} };
  }

  override async run({ request, requestId }: RunArgs) {
    const parsedResult = await this.parse({ request });
    if (!(await this.predicate({ request, parsedResult }))) return null;
    this.isUsed = true;
    const response = await this.answer(request);
    return { handler: this, parsedResult, request, requestId, response };
  }
}

/**
 * MSW handlers that answer like the HTTP mock, for every method on the API routes and the sandbox controls (requests
 * elsewhere are left to MSW's `onUnhandledRequest`). `handlers.sandbox` reads and controls the state.
 */
export function createRyzeHandlers(options: RyzeHandlersOptions = {}): RyzeHandlers {
  const origin = options.baseUrl ? new URL(options.baseUrl).origin : undefined;
  const sandbox = options.sandbox ?? inProcess.sandboxOf(inProcess.createSandboxCore(options.seed));
  const accepts = (url: URL) => (origin === undefined || url.origin === origin) && inProcess.ownsPath(url.pathname);
  const handler = new SandboxHandler(accepts, `${origin ?? '*'}/api/chat/*`, sandbox.fetch);
  return Object.assign([handler as HttpHandler], { sandbox });
}
