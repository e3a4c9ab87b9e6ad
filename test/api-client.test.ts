// src/api-client.ts (createApiClient, authMiddleware) with an injected fetch: where the token goes, that redirects
// are not followed, and what bad options get.
import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import type { paths } from '../generated/schema.js';
import { PRODUCTION_BASE_URL, authMiddleware, createApiClient } from '../src/index.js';

const TOKEN = 'a1b2c3d4-secret-token';

function recordingFetch() {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return new Response(
      JSON.stringify({
        success: true,
        message: 'Chat muted permanently',
        chat_jid: '5511999999999@s.whatsapp.net',
        muted: true,
        duration: 0,
      }),
      { status: 200, headers: { 'Content-Type': 'application/json' } },
    );
  };
  return { fetch, requests };
}

const body = { number: '5511999999999', mute: true } as const;
const params = { path: { instance: 'my instance/1' } };

describe('createApiClient', () => {
  it('sends the token in the `token` header by default, and nowhere else', async () => {
    const { fetch, requests } = recordingFetch();
    await createApiClient({ token: TOKEN, fetch }).POST('/api/chat/mute/{instance}', { params, body });
    const [request] = requests;
    expect(request?.headers.get('token')).toBe(TOKEN);
    expect(request?.headers.get('authorization')).toBeNull();
    expect(request?.url).not.toContain(TOKEN);
  });

  it('sends `Authorization: Bearer` when asked, and no token header', async () => {
    const { fetch, requests } = recordingFetch();
    await createApiClient({ token: TOKEN, auth: 'bearer', fetch }).POST('/api/chat/mute/{instance}', { params, body });
    expect(requests[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(requests[0]?.headers.get('token')).toBeNull();
  });

  it('defaults to the production host and encodes the instance as one path segment', async () => {
    const { fetch, requests } = recordingFetch();
    await createApiClient({ token: TOKEN, fetch }).POST('/api/chat/mute/{instance}', { params, body });
    expect(PRODUCTION_BASE_URL).toBe('https://ryzeapi.cloud');
    expect(requests[0]?.url).toBe('https://ryzeapi.cloud/api/chat/mute/my%20instance%2F1');
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.headers.get('content-type')).toBe('application/json');
    expect(await requests[0]?.json()).toEqual(body);
  });

  it('passes extra headers (for example Prefer for the mock) on every request', async () => {
    const { fetch, requests } = recordingFetch();
    const client = createApiClient({ token: TOKEN, fetch, headers: { Prefer: 'example=chatMutedPermanently' } });
    await client.POST('/api/chat/mute/{instance}', { params, body });
    expect(requests[0]?.headers.get('prefer')).toBe('example=chatMutedPermanently');
  });
});

describe('redirects (C-01)', () => {
  it('every request says redirect: manual, so fetch never takes the token to the address a 3xx names', async () => {
    const { fetch, requests } = recordingFetch();
    await createApiClient({ token: TOKEN, fetch }).POST('/api/chat/mute/{instance}', { params, body });
    expect(requests[0]?.redirect).toBe('manual');
  });

  it('a 3xx comes back as the response, for the caller to see', async () => {
    const client = createApiClient({
      token: TOKEN,
      fetch: async () => new Response(null, { status: 308, headers: { Location: 'https://elsewhere.example/' } }),
    });
    const { response, data } = await client.POST('/api/chat/mute/{instance}', { params, body });
    expect(response.status).toBe(308);
    expect(data).toBeUndefined();
  });
});

describe('authMiddleware, for an openapi-fetch client of your own', () => {
  it('sets the chosen header on each request', async () => {
    const { fetch, requests } = recordingFetch();
    const own = createClient<paths>({ baseUrl: 'https://ryzeapi.cloud', fetch });
    own.use(authMiddleware(TOKEN, 'bearer'));
    await own.POST('/api/chat/mute/{instance}', { params, body });
    expect(requests[0]?.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
  });
});

describe('bad options get a clear TypeError that never repeats the token', () => {
  it('a header value the runtime cannot send is refused at creation', () => {
    expect(() => createApiClient({ token: TOKEN, headers: { Prefer: 'a\nb' } })).toThrow(TypeError);
  });

  it.each([
    ['an empty token', '', 'token', /token is required/],
    ['a token with a line break', `${TOKEN}\n`, 'token', /cannot be sent in an HTTP header/],
    ['a token with a space', `Bearer ${TOKEN}`, 'token', /cannot be sent in an HTTP header/],
    ['a token with non-ASCII', `${TOKEN}é`, 'token', /cannot be sent in an HTTP header/],
    ['an unknown auth scheme', TOKEN, 'basic', /Unknown auth "basic"/],
  ])('%s', (_, token, auth, message) => {
    let thrown: unknown;
    try {
      authMiddleware(token, auth as 'token');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain(TOKEN);
    expect(String((thrown as Error).stack)).not.toContain(TOKEN);
  });

  it('a non-string token is refused', () => {
    expect(() => createApiClient({ token: undefined as unknown as string })).toThrow(/token is required/);
  });
});
