#!/usr/bin/env node
// `ryzeapi-chat-mock` (and `npm run mock` in this repository): serve the RyzeAPI chat mock on 127.0.0.1:4010.
//   ryzeapi-chat-mock [--port N] [--host H] [--quiet]      PORT and HOST work too; --port 0 picks a free port.
import { DEFAULT_MOCK_HOST, DEFAULT_MOCK_PORT, startMockServer } from './server.js';

const HELP = `Usage: ryzeapi-chat-mock [--port N] [--host H] [--quiet]

Serves a mock of the RyzeAPI chat endpoints (POST /api/chat/block/{instance}, POST /api/chat/mute/{instance})
from the bundled OpenAPI spec, with Prism's request validation. Any non-empty token is accepted.
Choose an answer with the Prefer header: "Prefer: example=chatMutedOneWeek", "Prefer: code=404", or both.

Options:
  --port N   port to listen on (default ${DEFAULT_MOCK_PORT}, or the PORT variable; 0 picks a free port)
  --host H   address to listen on (default ${DEFAULT_MOCK_HOST}, or the HOST variable)
  --quiet    no line per request
  --help     this text`;

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}

const rawPort = argument('port') ?? process.env.PORT ?? String(DEFAULT_MOCK_PORT);
const port = Number(rawPort);
if (!/^\d+$/.test(rawPort) || port > 65535) {
  fail(`Invalid port "${rawPort}": give a whole number from 0 to 65535 (PORT=${DEFAULT_MOCK_PORT} or --port ${DEFAULT_MOCK_PORT}).`, 2);
}
const host = argument('host') ?? process.env.HOST ?? DEFAULT_MOCK_HOST;
const quiet = process.argv.includes('--quiet');

try {
  const mock = await startMockServer({
    port,
    host,
    ...(quiet ? {} : { log: (line: string) => console.log(`[mock] ${line}`) }),
  });
  console.log(`RyzeAPI chat mock listening on ${mock.url}`);
  console.log(
    `Try: curl -s -X POST ${mock.url}/api/chat/mute/my-instance -H 'token: any-token' ` +
      `-H 'Content-Type: application/json' -d '{"number":"5511999999999","mute":true,"duration":"1w"}'`,
  );
  console.log(`Pick any documented answer with -H 'Prefer: example=chatUnmuted' or -H 'Prefer: code=404'. Ctrl-C stops.`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void mock.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const message = (error as Error).message;
  if (/EADDRINUSE/.test(message)) {
    fail(`Port ${port} on ${host} is already in use: stop the other server or pick another port (--port ${port + 10}).`, 1);
  }
  fail(message, 1);
}
