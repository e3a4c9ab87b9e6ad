// An injectable fetch that answers from a script, and records what the client sent.
export const TOKEN = 'tok-SECRET-a1b2c3d4e5';

/** The rate-limit headers the mock and the real API send. */
export const RATE_LIMIT_HEADERS = {
  'X-RateLimit-Limit': '100',
  'X-RateLimit-Remaining': '42',
  'X-RateLimit-Reset': '1795651260',
};

export const BLOCKED = {
  success: true,
  message: 'Contact blocked successfully',
  contact_jid: '5511999999999@s.whatsapp.net',
  blocked_count: 7,
  blocked: true,
} as const;
export const UNBLOCKED = {
  ...BLOCKED,
  message: 'Contact unblocked successfully',
  blocked_count: 6,
  blocked: false,
} as const;
export const MUTED_8H = {
  success: true,
  message: 'Chat muted for 8 hours',
  chat_jid: '5511999999999@s.whatsapp.net',
  muted: true,
  duration: 28800,
} as const;
export const UNMUTED = {
  ...MUTED_8H,
  message: 'Chat notifications unmuted successfully',
  muted: false,
  duration: 0,
} as const;

export const envelope = (message: string) => ({ success: false, error: { message } });

/** A JSON response with the rate-limit headers (unless overridden with `null`). */
export function json(status: number, body: unknown, headers: Record<string, string | null> = {}): Response {
  const all: Record<string, string> = {};
  for (const [name, value] of Object.entries({
    'Content-Type': 'application/json',
    ...RATE_LIMIT_HEADERS,
    ...headers,
  })) {
    if (value !== null) all[name] = value;
  }
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: all });
}

type Step = (request: Request) => Response | Promise<Response>;

/** A fetch that plays `steps` in order (the last one repeats) and records every request with its body text. */
export function scriptedFetch(...steps: Step[]) {
  const requests: { request: Request; body: string }[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    requests.push({ request, body: await request.clone().text() });
    const step = steps[Math.min(requests.length - 1, steps.length - 1)]!;
    return step(request);
  };
  return {
    fetch,
    requests,
    get count() {
      return requests.length;
    },
  };
}

/** A step that fails like fetch does when the network is down. */
export const networkDown: Step = () => {
  throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
};

/** Calls `abort` once the request's signal aborts, at once if it already has (as fetch does: on a loaded machine
 * the time limit can end before a step runs, and an abort event that has passed never fires again). */
const onAbort = (request: Request, abort: () => void) => {
  if (request.signal.aborted) abort();
  else request.signal.addEventListener('abort', abort);
};

/** A step that never answers, and rejects as fetch does when the request's signal aborts. */
export const hang: Step = (request) =>
  new Promise<Response>((_, reject) => {
    onAbort(request, () => reject(request.signal.reason ?? new DOMException('aborted', 'AbortError')));
  });

/** A 200 whose body never ends; reading it fails when the request's signal aborts. */
export const stalledBody: Step = (request) => {
  const body = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"success":'));
      onAbort(request, () => controller.error(new DOMException('aborted', 'AbortError')));
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json', ...RATE_LIMIT_HEADERS } });
};

/** A recording sleep that returns at once (no real waiting in tests). */
export function instantSleep() {
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  return { sleep, waits };
}
