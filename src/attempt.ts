// One attempt of a call: its signal (the caller's signal joined with the time limit), and its response, whose body
// is read here within the size cap (DECISIONS.md C-04) before anything else can read it whole.

/** The abort reason of an attempt that ran out of time. */
const TIMEOUT = {};

export interface AttemptSignal {
  /** What the request listens to; none without a caller's signal or a time limit (a signal costs fetch a few µs). */
  signal: AbortSignal | undefined;
  /** True once the time limit has ended the attempt. */
  timedOut(): boolean;
  /** Stops the timer and the listening to the caller's signal. */
  release(): void;
}

/** The signal of one attempt: aborted by the caller's signal (with its reason) or after `timeoutMs` (0: never). */
export function attemptSignal(signal: AbortSignal | undefined, timeoutMs: number): AttemptSignal {
  const controller = signal || timeoutMs ? new AbortController() : undefined;
  // Both callbacks run only when there is a controller: the caller's signal or a time limit made one.
  const abort = () => controller!.abort(signal!.reason);
  const timer = timeoutMs && setTimeout(() => controller!.abort(TIMEOUT), timeoutMs);
  signal?.addEventListener('abort', abort);
  return {
    signal: controller?.signal,
    timedOut: () => controller?.signal.reason === TIMEOUT,
    release() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    },
  };
}

/**
 * The body as text (UTF-8), or `undefined` as soon as more than `maxBytes` bytes have arrived: reading stops
 * there and the rest is cancelled. The bytes counted are the decoded ones, so a small compressed body that
 * inflates past the cap stops too.
 */
export async function readBody(response: Response, maxBytes: number): Promise<string | undefined> {
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  for (let size = 0; reader; ) {
    const { done, value } = await reader.read();
    if (done) break;
    // Counting and comparing in one expression keeps the client within its size budget: as two statements it gzips
    // 2 B larger (scripts/check-size.mjs).
    // biome-ignore lint/suspicious/noAssignInExpressions: deliberate, for the size budget (above)
    if ((size += value.byteLength) > maxBytes) {
      reader.cancel().catch(() => {}); // the connection closes; a failure to close it changes nothing here
      return undefined;
    }
    chunks.push(value);
  }
  return new Blob(chunks as BlobPart[]).text();
}

/** A response, and its body text (`undefined`: past the size cap). */
export interface Received {
  response: Response;
  text: string | undefined;
}

type Fetch = (request: Request) => Promise<Response>;

/**
 * Sends one request and reads its response within `maxBytes`. `send` builds the request with openapi-fetch and
 * hands it to the fetch it is given, which sends it with `fetch` and reads the body itself; openapi-fetch then
 * gets an empty response, so nothing reads the body twice or past the cap.
 */
export async function receive(
  send: (fetch: Fetch) => Promise<unknown>,
  fetch: Fetch,
  maxBytes: number,
): Promise<Received> {
  let received: Received | undefined;
  await send(async (request) => {
    const response = await fetch(request);
    received = { response, text: await readBody(response, maxBytes) };
    return new Response();
  });
  // Set: openapi-fetch calls the fetch it is given (the methods' own client has no middleware to answer instead).
  return received!;
}
