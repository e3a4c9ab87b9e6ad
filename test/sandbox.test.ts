// The in-process sandbox (src/mock/sandbox.ts, the package's `./sandbox` export): the shared behaviour table through
// `sandbox.fetch` with the controls called from code; the client on `sandbox.fetch`; seeds refused with the field
// named; the shipped seed schema; the control surface (reset, clock, faults, aborts).
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { RyzeApiError, createRyzeClient } from '../src/index.js';
import {
  CONTROL_PREFIX,
  SandboxSeedError,
  createSandbox,
  type SandboxSeed,
  type SeedInstance,
} from '../src/mock/sandbox.js';
import { Driver, T0, describeSandboxTable } from './helpers/mock-cases.js';
import { bundle } from './helpers/spec.js';

const sandbox = createSandbox();
describeSandboxTable(
  () => new Driver({ fetch: (path, init) => sandbox.fetch(`http://sandbox.invalid${path}`, init), controls: sandbox }),
);

const frozen = { clock: { start: T0, frozen: true } } satisfies SandboxSeed;

describe('the client on sandbox.fetch', () => {
  it('works with no server and no MSW, with live rate limits and real state', async () => {
    const box = createSandbox({ ...frozen, instances: { shop: { tokens: ['shop-token'] } } });
    const ryze = createRyzeClient({ token: 'shop-token', fetch: box.fetch, retry: false });
    expect(await ryze.blockContact({ instance: 'shop', number: '5511988887777' })).toEqual({
      success: true,
      message: 'Contact blocked successfully',
      contact_jid: '5511988887777@s.whatsapp.net',
      blocked_count: 1,
      blocked: true,
    });
    expect(ryze.rateLimit).toEqual({ limit: 100, remaining: 99, reset: T0 / 1000 + 60 });
    const error = await ryze
      .unblockContact({ instance: 'elsewhere', number: '5511988887777' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RyzeApiError);
    expect(error).toMatchObject({ kind: 'not_found', status: 404, message: 'Instance not found' });
    expect(box.state().instances.shop?.blocked).toEqual(['5511988887777@s.whatsapp.net']);
  });

  it('waits out a 429 until the reset the sandbox announces, on the sandbox clock', async () => {
    const box = createSandbox({ ...frozen, rateLimit: { limit: 1 } });
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      box.advance(ms);
    };
    const ryze = createRyzeClient({ token: 't', fetch: box.fetch, retry: { attempts: 3, sleep, random: () => 0 } });
    await ryze.muteChat({ instance: 'i', number: '5511988887777' });
    // The next call is the second in the window: 429 until the window ends, 60 s on the sandbox clock.
    expect(await ryze.unmuteChat({ instance: 'i', number: '5511988887777' })).toMatchObject({ muted: false });
    expect(waits).toEqual([60_000]);
    expect(box.state().instances.i?.muted).toEqual([]);
  });

  it('fetch takes a Request or a URL with init, and the request signal ends a fault latency', async () => {
    const box = createSandbox({ faults: [{ latencyMs: 60_000 }] });
    const aborted = box.fetch('https://x.invalid/api/chat/block/i', {
      method: 'POST',
      headers: { token: 't', 'Content-Type': 'application/json' },
      body: '{"number":"5511999999999","block":true}',
      signal: AbortSignal.timeout(20),
    });
    await expect(aborted).rejects.toMatchObject({ name: 'TimeoutError' });
    box.setFaults([]);
    const request = new Request('https://x.invalid/api/chat/block/i', {
      method: 'POST',
      headers: { token: 't', 'Content-Type': 'application/json' },
      body: '{"number":"5511999999999","block":true}',
    });
    expect((await box.fetch(request)).status).toBe(200);
    // Nothing changed while the aborted request waited.
    expect(box.state().instances.i?.blocked).toEqual(['5511999999999@s.whatsapp.net']);
  });

  it('answers the controls under the reserved prefix, which no API path shares', async () => {
    expect(Object.keys(bundle.paths).some((path) => path.startsWith(CONTROL_PREFIX))).toBe(false);
    const response = await createSandbox(frozen).fetch(`https://x.invalid${CONTROL_PREFIX}/state`);
    expect(await response.json()).toEqual({
      now: '2030-01-01T00:00:00.000Z',
      instances: {},
      rateLimits: [],
      faults: [],
    });
    expect(response.headers.get('x-ratelimit-limit')).toBeNull();
  });
});

describe('controls', () => {
  it('reset() goes back to the seed; reset(seed) starts from a new one', async () => {
    const seed: SandboxSeed = { ...frozen, instances: { shop: { blocked: ['5511911111111'] } } };
    const box = createSandbox(seed);
    seed.instances!.shop!.blocked!.push('5511933333333'); // the sandbox kept its own copy
    const block = () =>
      box.fetch('https://x.invalid/api/chat/block/shop', {
        method: 'POST',
        headers: { token: 't', 'Content-Type': 'application/json' },
        body: '{"number":"5511922222222","block":true}',
      });
    await block();
    box.advance(1000);
    expect(box.state()).toMatchObject({
      now: '2030-01-01T00:00:01.000Z',
      instances: { shop: { blocked: ['5511911111111@s.whatsapp.net', '5511922222222@s.whatsapp.net'] } },
    });
    box.reset();
    expect(box.state()).toEqual({
      now: '2030-01-01T00:00:00.000Z',
      instances: { shop: { connected: true, blocked: ['5511911111111@s.whatsapp.net'], muted: [] } },
      rateLimits: [],
      faults: [],
    });
    box.reset({ ...frozen, instances: { other: {} } });
    expect((await block()).status).toBe(404);
  });

  it('a real-time clock follows the time, plus what advance adds', () => {
    const box = createSandbox();
    const before = Date.now();
    const now = box.advance(3_600_000).getTime();
    expect(now).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(now).toBeLessThan(Date.now() + 3_600_000 + 1000);
    expect(() => box.advance(-1)).toThrow(RangeError);
    expect(() => box.advance(Number.NaN)).toThrow(RangeError);
  });

  it('a clock started at a date (not frozen) moves on from there', () => {
    const box = createSandbox({ clock: { start: '2031-06-01T12:00:00Z' } });
    expect(Math.abs(box.now().getTime() - Date.parse('2031-06-01T12:00:00Z'))).toBeLessThan(1000);
  });

  it('setFaults validates like the seed', () => {
    const box = createSandbox();
    expect(() => box.setFaults([{ rate: 0.5 }])).toThrow('Invalid sandbox seed: faults[0] needs latencyMs or status');
    expect(() => box.setFaults([{ status: 503, rate: 2 }])).toThrow(/faults\[0\]\.rate must be <= 1/);
    expect(box.state().faults).toEqual([]);
  });

  it('rate-limit tokens are masked in the state', async () => {
    const box = createSandbox(frozen);
    await box.fetch('https://x.invalid/api/chat/block/i', {
      method: 'POST',
      headers: { token: 'a-secret-token-123', 'Content-Type': 'application/json' },
      body: '{}',
    });
    await box.fetch('https://x.invalid/api/chat/block/i', {
      method: 'POST',
      headers: { token: 'short', 'Content-Type': 'application/json' },
      body: '{}',
    });
    await box.fetch('https://x.invalid/api/chat/block/i', { method: 'POST', body: '{}' });
    const tokens = box.state().rateLimits.map((r) => r.token);
    expect(tokens).toEqual(['a-se...', '...', '(no token)']);
    expect(JSON.stringify(box.state())).not.toContain('secret');
  });
});

describe('a bad seed is refused with the field named', () => {
  it.each<[string, unknown, string, string | RegExp]>([
    ['an unknown top-level field', { instance: {} }, 'instance', 'is not a field of the seed schema'],
    [
      'a phone number with a +',
      { instances: { shop: { blocked: ['+5511999999999'] } } },
      'instances.shop.blocked[0]',
      'is "+5511999999999", which matches none of PhoneNumber, UserJid, LidJid',
    ],
    [
      'a group on a block list',
      { instances: { shop: { blocked: ['120363025246125486@g.us'] } } },
      'instances.shop.blocked[0]',
      /matches none of PhoneNumber, UserJid, LidJid/,
    ],
    ['an instance name with a slash', { instances: { 'a/b': {} } }, 'instances["a/b"]', /must match pattern/],
    [
      'a mute with both duration and until',
      { instances: { shop: { muted: [{ number: '5511999999999', duration: '8h', until: null }] } } },
      'instances.shop.muted[0]',
      /must NOT be valid/,
    ],
    [
      'an until that is not a date',
      { instances: { shop: { muted: [{ number: '5511999999999', until: '2030-13-45T99:00:00Z' }] } } },
      'instances.shop.muted[0].until',
      'is not a valid date-time (got "2030-13-45T99:00:00Z")',
    ],
    [
      'an account that does not exist',
      { instances: { shop: { account: 'acme' } } },
      'instances.shop.account',
      'names the account "acme", which accounts does not declare',
    ],
    [
      'a token declared twice',
      { accounts: { acme: { tokens: ['t1'] } }, instances: { shop: { tokens: ['t1'] } } },
      'instances.shop.tokens[0]',
      'repeats a token already declared at accounts.acme.tokens[0]: a token belongs to one account or instance',
    ],
    [
      'a token with a space',
      { accounts: { acme: { tokens: ['a b'] } } },
      'accounts.acme.tokens[0]',
      /must match pattern/,
    ],
    ['a window of 0 s', { rateLimit: { windowSeconds: 0 } }, 'rateLimit.windowSeconds', 'must be >= 1 (got 0)'],
    ['rateLimit: true', { rateLimit: true }, 'rateLimit', /must be equal to constant|must be object/],
    [
      'a clock start that is not a date',
      { clock: { start: 'tomorrow' } },
      'clock.start',
      /must match pattern|must be integer/,
    ],
    [
      'a fault on an operation that does not exist',
      { faults: [{ operation: 'archiveChat', latencyMs: 1 }] },
      'faults[0].operation',
      /is not an operation of the contract \(got "archiveChat"; operations: blockContact, muteChat\)/,
    ],
    ['a seed that is not an object', [], '', 'must be object (got [])'],
  ])('%s', (_, seed, field, problem) => {
    let error: unknown;
    try {
      createSandbox(seed as SandboxSeed);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SandboxSeedError);
    expect((error as SandboxSeedError).field).toBe(field);
    const text = (error as Error).message;
    expect(text.startsWith(`Invalid sandbox seed: ${field || '(the seed itself)'} `)).toBe(true);
    if (typeof problem === 'string') expect(text).toContain(problem);
    else expect(text).toMatch(problem);
  });
});

describe('the seed schema (src/mock/seed.schema.json, shipped as ryzeapi-chat-contract/sandbox-seed.schema.json)', () => {
  const schema = JSON.parse(readFileSync(new URL('../src/mock/seed.schema.json', import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(bundle as object, 'https://x.invalid/generated/openapi.json');
  const validate = ajv.compile({ ...schema, $id: 'https://x.invalid/dist/mock/seed.schema.json' });

  it('is JSON Schema 2020-12 whose contract refs point into the shipped bundle', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const refs = JSON.stringify(schema).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs.filter((r) => !r.includes('"#'))) {
      expect(ref).toMatch(/^"\$ref":"\.\.\/\.\.\/generated\/openapi\.json#\/components\//);
      const pointer = ref.split('#')[1]!.slice(0, -1);
      expect(
        pointer
          .split('/')
          .slice(1)
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], bundle),
        pointer,
      ).toBeDefined();
    }
  });

  it('accepts its own examples and every seed the docs show, and they start a sandbox', () => {
    const first = (name: string) => (schema.properties as Record<string, { examples: unknown[] }>)[name]!.examples[0];
    const examples = [{ accounts: first('accounts'), instances: first('instances') }, { clock: first('clock') }];
    for (const seed of examples) {
      expect(validate(seed), JSON.stringify(validate.errors)).toBe(true);
      expect(() => createSandbox(seed as SandboxSeed)).not.toThrow();
    }
  });
});

describe("the README's mock section, as written", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Use the mock'), readme.indexOf('## Use the client'));
  const blocks = (lang: string) =>
    [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
  const peers = (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      peerDependencies: Record<string, string>;
    }
  ).peerDependencies;

  it('gives the Prism install line of peerDependencies', () => {
    const prism = Object.keys(peers)
      .filter((name) => name.startsWith('@stoplight/prism-'))
      .map((name) => `${name}@${peers[name]}`);
    expect(blocks('sh')[0]!.replace(/\\\n\s*/g, '')).toContain(
      `npm install --save-dev ryzeapi-chat-contract ${prism.join(' ')}`,
    );
  });

  it('shows the answer its curl gets', async () => {
    const curl = blocks('sh')[1]!;
    const body = /-d '([^']+)'/.exec(curl)![1]!;
    const shown = JSON.parse(/# (\{.*\})/.exec(curl)![1]!) as unknown;
    const response = await createSandbox().fetch('http://127.0.0.1:4010/api/chat/block/my-instance', {
      method: 'POST',
      headers: { token: 'any-token', 'Content-Type': 'application/json' },
      body,
    });
    expect(await response.json()).toEqual(shown);
  });

  it('seeds as its YAML example says, and refuses a bad seed with the message it shows', async () => {
    const seed = parseYaml(blocks('yaml')[0]!) as SandboxSeed;
    expect(seed.clock?.start).toBe('2030-01-01T00:00:00Z'); // no example shows a date in the past
    const box = createSandbox(seed);
    const status = async (instance: string, token: string, number = '5511999999999') =>
      (
        await box.fetch(`http://x.invalid/api/chat/block/${instance}`, {
          method: 'POST',
          headers: { token, 'Content-Type': 'application/json' },
          body: JSON.stringify({ number, block: true }),
        })
      ).status;
    expect(await status('shop', 'stranger')).toBe(401);
    expect(await status('shop', 'acme-account-token')).toBe(200);
    expect(await status('backup', 'acme-account-token')).toBe(503);
    expect(await status('backup', 'shop-token')).toBe(403);
    expect(await status('elsewhere', 'acme-account-token')).toBe(404);
    expect(box.state().instances.shop?.blocked).toHaveLength(2);
    const muted = /`(muted: \[.*?\])`/.exec(section)![1]!;
    expect(() => createSandbox({ instances: { shop: parseYaml(`{ ${muted} }`) as SeedInstance } })).not.toThrow();
    const refusal = /`(Invalid sandbox seed: [^`]+)`/.exec(section)![1]!;
    expect(() => createSandbox({ instances: { shop: { blocked: ['abc'] } } })).toThrow(refusal);
  });

  it('runs its sandbox.fetch example with the results it states', async () => {
    const code = blocks('ts')[0]!;
    expect(code).toContain("createSandbox({ clock: { start: '2030-01-01T00:00:00Z', frozen: true } })");
    const box = createSandbox({ clock: { start: '2030-01-01T00:00:00Z', frozen: true } });
    const ryze = createRyzeClient({ token: 'test-token', fetch: box.fetch });
    await ryze.muteChat({ instance: 'my-instance', number: '5511988887777', duration: '8h' });
    const stated = /muted; \/\/ (\[.*\])/
      .exec(code)![1]!
      .replace(/(chat|until):/g, '"$1":')
      .replace(/'/g, '"');
    expect(box.state().instances['my-instance']?.muted).toEqual(JSON.parse(stated));
    box.advance(8 * 60 * 60 * 1000);
    expect(box.state().instances['my-instance']?.muted).toEqual([]);
  });

  it('lists every control route the sandbox has', async () => {
    const index = (await (await createSandbox().fetch('http://x.invalid/__sandbox')).json()) as { routes: string[] };
    for (const route of index.routes)
      expect(section, route).toContain(route.replace('{name}', 'NAME').replace(/ \{.*\}$/, ''));
  });
});

describe('DECISIONS.md ids cited by the sandbox', () => {
  it('name entries that exist and are not retired', () => {
    const decisions = readFileSync(new URL('../openapi/DECISIONS.md', import.meta.url), 'utf8');
    const files = [
      'src/mock/core.ts',
      'src/mock/server.ts',
      'src/mock/seed.ts',
      'src/msw.ts',
      'test/helpers/mock-cases.ts',
      'README.md',
    ];
    const cited = new Set(
      files.flatMap(
        (file) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8').match(/\b[DM]-\d\d\b/g) ?? [],
      ),
    );
    expect(cited.size).toBeGreaterThan(3);
    for (const id of cited) {
      expect(decisions, id).toMatch(new RegExp(`(### ${id} |\\*\\*${id} )`));
      expect(decisions, `${id} is retired`).not.toMatch(new RegExp(`\\*\\*${id}\\*\\* \\*\\(retired`));
    }
  });
});
