#!/usr/bin/env node
// `ryzeapi-chat-mock` (and `npm run mock` in this repository): serve the RyzeAPI chat sandbox on 127.0.0.1:4010.
// Flags are parsed strictly (util.parseArgs): a flag without its value, an unknown flag or a stray argument is refused
// with the usage and exit code 2. SIGINT, SIGTERM and SIGHUP close the server and exit 0
// (./lifecycle.js, shared with the docs server and `npm start`).
import { listenError, onShutdown, parseCommandLine, portValue } from './lifecycle.js';
import {
  CONTROL_PREFIX,
  DEFAULT_MOCK_HOST,
  DEFAULT_MOCK_PORT,
  startMockServer,
  type MockServerOptions,
} from './server.js';

const HELP = `Usage: ryzeapi-chat-mock [--port N] [--host H] [--seed FILE] [--rate-limit N|off] [--quiet]

Serves a sandbox of the RyzeAPI chat endpoints (POST /api/chat/block/{instance}, POST /api/chat/mute/{instance}) from
the bundled OpenAPI spec, with Prism's request validation. It keeps state per instance (block lists, mutes), echoes
the number sent, counts requests per token (100 per 60 s, as documented), and by default accepts any non-empty token
and any instance name. Pick any documented answer with the Prefer header ("Prefer: example=chatMutedOneWeek",
"Prefer: code=404"); control it under ${CONTROL_PREFIX} (GET ${CONTROL_PREFIX} lists the controls).

Options:
  --port N          port to listen on (default ${DEFAULT_MOCK_PORT}, or the PORT variable; 0 picks a free port)
  --host H          address to listen on (default ${DEFAULT_MOCK_HOST}, or the HOST variable)
  --seed FILE       a JSON or YAML seed: tokens, instances, block lists, mutes, rate limit, clock, faults
                    (schema: ryzeapi-chat-contract/sandbox-seed.schema.json)
  --rate-limit N    requests per window and token (overrides the seed); "off" counts but never answers 429
  --quiet           no line per request
  --help            this text`;

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

function usage(problem: string): never {
  return fail(`${problem}\n\n${HELP}`, 2);
}

const values = parseCommandLine({
  usage: HELP,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    seed: { type: 'string' },
    'rate-limit': { type: 'string' },
    quiet: { type: 'boolean' },
  },
});
const port = portValue(values.port, { flag: 'port', envName: 'PORT', fallback: DEFAULT_MOCK_PORT, usage: HELP });
// An empty HOST (`HOST= npx ryzeapi-chat-mock`) means the default, never every interface.
const host = values.host ?? (process.env.HOST?.trim() || DEFAULT_MOCK_HOST);
if (host.trim() === '')
  usage('--host needs an address, such as 127.0.0.1 (an empty one would listen on every interface).');
const rawLimit = values['rate-limit'];
if (
  rawLimit !== undefined &&
  rawLimit !== 'off' &&
  !(/^\d+$/.test(rawLimit) && Number(rawLimit) >= 1 && Number(rawLimit) <= 1_000_000)
) {
  usage(`Invalid --rate-limit "${rawLimit}": give a whole number from 1 to 1000000, or off.`);
}

const options: MockServerOptions = {
  port,
  host,
  ...(values.seed !== undefined ? { seed: values.seed } : {}),
  ...(rawLimit === 'off'
    ? { rateLimit: { enforce: false } }
    : rawLimit !== undefined
      ? { rateLimit: { limit: Number(rawLimit) } }
      : {}),
  ...(values.quiet ? {} : { log: (line: string) => console.log(`[mock] ${line}`) }),
};

let mock: Awaited<ReturnType<typeof startMockServer>>;
try {
  mock = await startMockServer(options);
} catch (error) {
  const message = (error as Error).message;
  fail(
    /EADDRINUSE/.test(message)
      ? listenError(error, { what: 'mock', host, port, hint: `--port ${port + 10}` })
      : message,
    1,
  );
}

console.log(`RyzeAPI chat mock listening on ${mock.url}`);
console.log(
  `Try: curl -s -X POST ${mock.url}/api/chat/mute/my-instance -H 'token: any-token' ` +
    `-H 'Content-Type: application/json' -d '{"number":"5511999999999","mute":true,"duration":"1w"}'`,
);
console.log(
  `State: curl -s ${mock.url}${CONTROL_PREFIX}/state. Pick a documented answer with -H 'Prefer: code=404'. Ctrl-C stops.`,
);

// A second signal while closing leaves at once.
onShutdown(() => mock.close(), { exitOnRepeat: true });
