// A fetch-compatible function around the pipeline (./core.ts), and the public face of a pipeline (its fetch and its
// controls). Used by every transport: createSandbox and the MSW handlers in-process, and the HTTP server's handle
// (`mock.fetch`). Browser-safe, no dependency.
import { MAX_BODY_BYTES, type MockCore, type SandboxAnswer, type SandboxControls } from './core.js';

/** `fetch`'s signature: pass `sandbox.fetch` wherever a fetch goes (`createRyzeClient({ fetch })`, openapi-fetch...). */
export type SandboxFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** An in-process sandbox: `fetch` answers every origin's API routes and the controls under `/__sandbox`. */
export interface Sandbox extends SandboxControls {
  readonly fetch: SandboxFetch;
}

/** Decodes whole bodies only (one call each, no stream state carried between calls), so one serves every request. */
const WHOLE = new TextDecoder();

/** Read a body up to the cap (the Content-Length is believed first); past it, stop reading. */
async function readCapped(request: Request): Promise<{ text: string; tooLarge: boolean }> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > MAX_BODY_BYTES) return { text: '', tooLarge: true };
  if (!request.body) return { text: '', tooLarge: false };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      return { text: '', tooLarge: true };
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return { text: WHOLE.decode(chunks[0]), tooLarge: false };
  const decoder = new TextDecoder();
  let text = '';
  for (const chunk of chunks) text += decoder.decode(chunk, { stream: true });
  return { text: text + decoder.decode(), tooLarge: false };
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

/** An answer as a Response: JSON, with the answer's headers. */
export function toResponse(answer: SandboxAnswer): Response {
  const body = answer.body === undefined ? null : JSON.stringify(answer.body);
  return new Response(body, {
    status: answer.status,
    headers: { 'Content-Type': 'application/json', ...answer.headers },
  });
}

/** A fetch that runs a request through the pipeline, waiting out any fault latency (the request's signal ends the wait). */
export function fetchThrough(core: MockCore): SandboxFetch {
  return async (input, init) => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    if (request.signal.aborted) throw request.signal.reason;
    const { text, tooLarge } = await readCapped(request);
    const answer = core.handle({
      method: request.method,
      url: request.url,
      header: (name) => request.headers.get(name) ?? undefined,
      body: text,
      bodyTooLarge: tooLarge,
    });
    if (answer.delayMs > 0) await wait(answer.delayMs, request.signal);
    return toResponse(answer);
  };
}

/** The public face of a pipeline: its fetch and its controls. */
export function sandboxOf(core: MockCore, fetch: SandboxFetch = fetchThrough(core)): Sandbox {
  return {
    fetch,
    state: () => core.state(),
    reset: (next) => core.reset(next),
    advance: (ms) => core.advance(ms),
    now: () => core.now(),
    setFaults: (faults) => core.setFaults(faults),
    setConnected: (instance, connected) => core.setConnected(instance, connected),
    rateLimit: (token) => core.rateLimit(token),
  };
}
