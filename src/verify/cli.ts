#!/usr/bin/env node
// `ryzeapi-chat-verify`: check a live server against the contract (see ./command.ts and `--help`).
import { runCommand } from './command.js';

const code = await runCommand(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
}).catch((error: unknown) => {
  process.stderr.write(`ryzeapi-chat-verify failed: ${(error as Error).message}\n`);
  return 2 as const;
});
process.exitCode = code;
