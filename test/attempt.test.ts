// src/attempt.ts: the signal of one attempt (the caller's signal joined with the time limit) and reading a body
// within the size cap (DECISIONS.md C-04).
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { attemptSignal, readBody, receive } from '../src/attempt.js';

/** A response whose body is `chunks`, then endless if `endless`; `pulled` counts the chunks read. */
function streamed(chunks: string[], endless = false) {
  const encoder = new TextEncoder();
  let index = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < chunks.length) controller.enqueue(encoder.encode(chunks[index++]));
      else if (endless) controller.enqueue(new Uint8Array(1024));
      else controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { response: new Response(body), cancelled: () => cancelled };
}

describe('attemptSignal', () => {
  it('has no signal without a caller signal or a time limit (fetch then pays for none)', () => {
    const limit = attemptSignal(undefined, 0);
    expect(limit.signal).toBeUndefined();
    expect(limit.timedOut()).toBe(false);
    limit.release();
  });

  it('aborts after the time limit, and says so', async () => {
    const limit = attemptSignal(undefined, 5);
    await new Promise((resolve) => limit.signal!.addEventListener('abort', resolve));
    expect(limit.timedOut()).toBe(true);
    limit.release();
  });

  it("follows the caller's signal with its reason, and is not a timeout", () => {
    const caller = new AbortController();
    const limit = attemptSignal(caller.signal, 60_000);
    caller.abort('user left');
    expect(limit.signal!.aborted).toBe(true);
    expect(limit.signal!.reason).toBe('user left');
    expect(limit.timedOut()).toBe(false);
    limit.release();
  });

  it('release stops the timer and stops listening to the caller', async () => {
    const caller = new AbortController();
    const limit = attemptSignal(caller.signal, 5);
    limit.release();
    caller.abort();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(limit.signal!.aborted).toBe(false);
  });
});

describe('readBody', () => {
  it('reads the whole body as UTF-8 text, a character split across chunks included', async () => {
    const bytes = new TextEncoder().encode('{"message":"olá 😀"}');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 15)); // the middle of "á" or the emoji
        controller.enqueue(bytes.slice(15));
        controller.close();
      },
    });
    expect(await readBody(new Response(body), 1000)).toBe('{"message":"olá 😀"}');
  });

  it('reads no body as empty text', async () => {
    expect(await readBody(new Response(null, { status: 204 }), 10)).toBe('');
  });

  it('accepts exactly maxBytes, and stops one byte past it, cancelling the rest', async () => {
    expect(await readBody(new Response('x'.repeat(100)), 100)).toBe('x'.repeat(100));
    const endless = streamed(['{"a":'], true);
    expect(await readBody(endless.response, 64 * 1024)).toBeUndefined();
    expect(endless.cancelled()).toBe(true);
  });

  it('counts the bytes after decompression (a small gzip body that inflates past the cap)', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(10_000);
    const inflated = new Response(new Response(bomb).body!.pipeThrough(new DecompressionStream('gzip')));
    expect(await readBody(inflated, 1024 * 1024)).toBeUndefined();
  });
});

describe('receive', () => {
  it('hands the request to fetch, reads the body, and gives openapi-fetch an empty response in its place', async () => {
    const request = new Request('http://127.0.0.1/x', { method: 'POST' });
    const original = new Response('{"ok":true}', { status: 201, headers: { 'X-A': '1' } });
    let placeholder: Response | undefined;
    const received = await receive(
      async (fetch) => {
        placeholder = await fetch(request);
      },
      async (sent) => {
        expect(sent).toBe(request);
        return original;
      },
      100,
    );
    expect(received).toEqual({ response: original, text: '{"ok":true}' });
    expect(placeholder).not.toBe(original);
    expect(await placeholder!.text()).toBe('');
  });

  it('passes on what fetch throws', async () => {
    const down = new TypeError('fetch failed');
    await expect(
      receive(
        (fetch) => fetch(new Request('http://127.0.0.1/')),
        async () => Promise.reject(down),
        100,
      ),
    ).rejects.toBe(down);
  });
});
