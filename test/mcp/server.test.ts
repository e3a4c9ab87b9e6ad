// createRyzeMcpServer in-process: the SDK's own client over its in-memory transport, the RyzeAPI side scripted
// (test/helpers/fake-fetch.ts), for what a sandbox cannot play: hostile or broken servers, a dead network,
// and the exact requests the tools send (DECISIONS ).
import { Client, InMemoryTransport, ProtocolError } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createRyzeClient } from '../../src/index.js';
import { createRyzeMcpServer } from '../../src/mcp/index.js';
import {
  BLOCKED,
  MUTED_8H,
  TOKEN,
  UNBLOCKED,
  UNMUTED,
  envelope,
  hang,
  instantSleep,
  json,
  networkDown,
  scriptedFetch,
} from '../helpers/fake-fetch.js';

const open: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

type Step = Parameters<typeof scriptedFetch>[number];

/** An MCP client connected to a server whose RyzeAPI answers with `steps`. */
async function connect(...steps: Step[]) {
  const scripted = scriptedFetch(...steps);
  const { sleep, waits } = instantSleep();
  const ryze = createRyzeClient({ token: TOKEN, baseUrl: 'https://api.test', fetch: scripted.fetch, retry: { sleep } });
  const server = createRyzeMcpServer({ client: ryze, token: TOKEN });
  const client = new Client({ name: 'test', version: '1.0.0' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  await client.connect(clientSide);
  open.push(client, server);
  return { client, scripted, waits };
}

const text = (result: { content: unknown }) =>
  (result.content as { type: string; text: string }[]).map((block) => block.text).join('\n');

describe('tool calls become the documented requests', () => {
  it.each([
    [
      'block_contact',
      { instance: 'my-instance', number: '5511999999999' },
      '/api/chat/block/my-instance',
      { number: '5511999999999', block: true },
      BLOCKED,
    ],
    [
      'unblock_contact',
      { instance: 'my-instance', number: '5511999999999' },
      '/api/chat/block/my-instance',
      { number: '5511999999999', block: false },
      UNBLOCKED,
    ],
    [
      'mute_chat',
      { instance: 'a b', number: '5511999999999', duration: '8h' },
      '/api/chat/mute/a%20b',
      { number: '5511999999999', mute: true, duration: '8h' },
      MUTED_8H,
    ],
    [
      'unmute_chat',
      { instance: 'my-instance', number: '5511999999999' },
      '/api/chat/mute/my-instance',
      { number: '5511999999999', mute: false },
      UNMUTED,
    ],
  ])('%s', async (name, args, path, body, answer) => {
    const { client, scripted } = await connect(() => json(200, answer));
    const result = await client.callTool({ name, arguments: args });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual(answer);
    expect(JSON.parse(text(result))).toEqual(answer);
    expect(scripted.count).toBe(1);
    const [{ request, body: sent }] = scripted.requests as [{ request: Request; body: string }];
    expect(request.method).toBe('POST');
    expect(new URL(request.url).pathname).toBe(path);
    expect(JSON.parse(sent)).toEqual(body);
    expect(request.headers.get('token')).toBe(TOKEN);
  });
});

describe("API errors become tool errors with the status and the server's message", () => {
  it('a 429 whose window resets beyond the wait limit comes back at once, with the reset time', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const { client, scripted } = await connect(() =>
      json(429, envelope('Rate limit exceeded. Try again later.'), {
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String(reset),
      }),
    );
    const result = await client.callTool({ name: 'mute_chat', arguments: { instance: 'i', number: '5511999999999' } });
    expect(result.isError).toBe(true);
    expect(text(result)).toContain('HTTP 429 (rate_limited): Rate limit exceeded. Try again later.');
    expect(text(result)).toContain(`resets at ${new Date(reset * 1000).toISOString()}`);
    expect(result.structuredContent).toBeUndefined();
    expect(scripted.count).toBe(1);
  });

  it('a 429 with a reset no date can hold, or with no rate-limit headers, still says when to come back', async () => {
    const far = await connect(() =>
      json(429, envelope('Rate limit exceeded. Try again later.'), { 'X-RateLimit-Reset': '999999999999999' }),
    );
    const result = await far.client.callTool({
      name: 'mute_chat',
      arguments: { instance: 'i', number: '5511999999999' },
    });
    expect(text(result)).toContain('resets at Unix time 999999999999999');
    const none = await connect(() =>
      json(429, envelope('Rate limit exceeded. Try again later.'), {
        'X-RateLimit-Limit': null,
        'X-RateLimit-Remaining': null,
        'X-RateLimit-Reset': null,
      }),
    );
    const bare = await none.client.callTool({
      name: 'mute_chat',
      arguments: { instance: 'i', number: '5511999999999' },
    });
    expect(text(bare)).toBe(
      'HTTP 429 (rate_limited): Rate limit exceeded. Try again later.\nThe rate limit was reached; call again in a minute.',
    );
  });

  it("a 503 is retried by the client, then reported with the server's message", async () => {
    const { client, scripted, waits } = await connect(() =>
      json(503, envelope('Instance is not connected to WhatsApp')),
    );
    const result = await client.callTool({
      name: 'unblock_contact',
      arguments: { instance: 'i', number: '5511999999999' },
    });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^HTTP 503 \(unavailable\): Instance is not connected to WhatsApp\n/);
    expect(scripted.count).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it('a 401 is not retried and says the token was refused', async () => {
    const { client, scripted } = await connect(() => json(401, envelope('Invalid token')));
    const result = await client.callTool({
      name: 'block_contact',
      arguments: { instance: 'i', number: '5511999999999' },
    });
    expect(text(result)).toMatch(/^HTTP 401 \(unauthorized\): Invalid token\nThe token was refused/);
    expect(scripted.count).toBe(1);
  });

  it('no network: the failure kind and that calling again is safe', async () => {
    const { client } = await connect(networkDown);
    const result = await client.callTool({
      name: 'block_contact',
      arguments: { instance: 'i', number: '5511999999999' },
    });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^network: .*no response from https:\/\/api\.test\nCalling again is safe/);
  });

  it('a success body outside the contract is reported, never passed on as structured content', async () => {
    const { client, scripted } = await connect(() => json(200, { ...BLOCKED, blocked_count: -3 }));
    const result = await client.callTool({
      name: 'block_contact',
      arguments: { instance: 'i', number: '5511999999999' },
    });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(text(result)).toMatch(
      /^HTTP 200 \(invalid_response\): .*\nThe change may have been applied\. Calling again is safe/,
    );
    expect(text(result)).toContain('"blocked_count":-3');
    expect(scripted.count).toBe(1);
  });

  it('a field the contract does not list (an additive upstream change) is left out, and the call succeeds', async () => {
    const { client } = await connect(() => json(200, { ...MUTED_8H, muted_until: '2030-01-01T08:00:00Z' }));
    const result = await client.callTool({
      name: 'mute_chat',
      arguments: { instance: 'i', number: '5511999999999', duration: '8h' },
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual(MUTED_8H);
    expect(JSON.parse(text(result))).toEqual(MUTED_8H);
  });

  it('an answer for the other action (an unblock body to a block) is off-contract too', async () => {
    const { client } = await connect(() => json(200, UNBLOCKED));
    const result = await client.callTool({
      name: 'block_contact',
      arguments: { instance: 'i', number: '5511999999999' },
    });
    expect(result.isError).toBe(true);
  });
});

describe('cancellation', () => {
  it('a call the client cancels aborts its request to RyzeAPI', async () => {
    const { client, scripted } = await connect(hang);
    const controller = new AbortController();
    const pending = client.callTool(
      { name: 'block_contact', arguments: { instance: 'i', number: '5511999999999' } },
      { signal: controller.signal },
    );
    await expect.poll(() => scripted.count).toBe(1);
    const [{ request }] = scripted.requests as unknown as [{ request: Request }];
    expect(request.signal.aborted).toBe(false);
    controller.abort(new Error('user gave up'));
    await expect(pending).rejects.toThrow('user gave up');
    await expect.poll(() => request.signal.aborted).toBe(true);
    expect(scripted.count).toBe(1);
  });
});

describe('arguments are checked before any request', () => {
  it.each([
    [
      'mute_chat',
      { instance: 'i', number: '5511999999999', duration: '5y' },
      /^Invalid duration: 5y\nAccepted values: "8h", "8 hours", "1w", "7d", "1 week", "always", "forever", "permanent", ""/,
    ],
    ['mute_chat', { instance: 'i', number: '5511999999999', duration: 8 }, /^Invalid duration: 8\n/],
    ['block_contact', { instance: 'i' }, /^Number is required\nNothing was sent\.$/],
    ['block_contact', { instance: 'i', number: '' }, /^Number is required\n/],
    ['unmute_chat', { number: '5511999999999' }, /^Instance name is required\n/],
    ['unmute_chat', { instance: '', number: '5511999999999' }, /^Instance name is required\n/],
    [
      'block_contact',
      { instance: 'i', number: '120363025246125486@g.us' },
      /^Invalid number: 120363025246125486@g\.us\nExpected: Names one person: .*Groups and channels are not people and are refused\./,
    ],
    [
      'mute_chat',
      { instance: 'i', number: '+55 11 99999-9999' },
      /^Invalid number: \+55 11 99999-9999\nExpected: Names one chat: /,
    ],
    [
      'mute_chat',
      { instance: 'a/b', number: '5511999999999' },
      /^Invalid instance: a\/b\nExpected: The name of the instance/,
    ],
    [
      'unmute_chat',
      { instance: 'i', number: '5511999999999', duration: '8h' },
      /^Unknown argument "duration": unmute_chat takes instance, number\.\n/,
    ],
    ['block_contact', {}, /^Instance name is required\n/],
  ])('%s %j', async (name, args, message) => {
    const { client, scripted } = await connect(() => json(200, BLOCKED));
    const result = await client.callTool({ name, arguments: args });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(message);
    expect(text(result)).toMatch(/Nothing was sent\.$/);
    expect(scripted.count).toBe(0);
  });

  it('an unknown tool is a protocol error (-32602), not a tool result', async () => {
    const { client } = await connect(() => json(200, BLOCKED));
    const error = await client.callTool({ name: 'delete_chat', arguments: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).code).toBe(-32602);
    expect((error as Error).message).toContain('Unknown tool: delete_chat');
  });
});

describe('the token', () => {
  it('never repeats the token, even when a hostile server echoes it in a success body', async () => {
    const { client } = await connect(() => json(200, { ...UNBLOCKED, message: `Unblocked for ${TOKEN}` }));
    const result = await client.callTool({
      name: 'unblock_contact',
      arguments: { instance: 'i', number: '5511999999999' },
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ ...UNBLOCKED, message: 'Unblocked for [redacted]' });
    expect(JSON.parse(text(result))).toEqual(result.structuredContent);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it("keeps the server's words exactly when the token is too short to be a credential (C-02)", async () => {
    const scripted = scriptedFetch(() => json(404, envelope('Instance not found')));
    const ryze = createRyzeClient({ token: 't', baseUrl: 'https://api.test', fetch: scripted.fetch, retry: false });
    const server = createRyzeMcpServer({ client: ryze, token: 't' });
    const client = new Client({ name: 'test', version: '1.0.0' });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    await client.connect(clientSide);
    open.push(client, server);
    const result = await client.callTool({
      name: 'block_contact',
      arguments: { instance: 'i', number: '5511999999999' },
    });
    expect(result.isError).toBe(true);
    expect(text(result)).toContain('HTTP 404 (not_found): Instance not found');
    expect(text(result)).not.toContain('[redacted]');
  });

  it('never repeats the token, even when an argument holds it', async () => {
    const { client } = await connect(() => json(200, BLOCKED));
    const result = await client.callTool({ name: 'block_contact', arguments: { instance: 'i', number: TOKEN } });
    expect(text(result)).toBe(
      'Invalid number: [redacted]\nExpected: Names one person: a phone number in international digits (preferred), their user JID (`...@s.whatsapp.net`) or their hidden JID (`...@lid`). Groups and channels are not people and are refused.\nNothing was sent.',
    );
  });
});
