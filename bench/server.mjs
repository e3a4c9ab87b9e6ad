#!/usr/bin/env node
// The benchmark's server: node:http on 127.0.0.1 and a free port, answering every POST with the documented
// block success body and the rate-limit headers, after reading the request body. It prints its port, and stops
// when its parent disconnects (it is started with an IPC channel) or on SIGTERM.
import { createServer } from 'node:http';

const body = JSON.stringify({
  success: true,
  message: 'Contact blocked successfully',
  contact_jid: '5511999999999@s.whatsapp.net',
  blocked_count: 7,
  blocked: true,
});
const headers = {
  'Content-Type': 'application/json',
  'Content-Length': Buffer.byteLength(body),
  'X-RateLimit-Limit': '100',
  'X-RateLimit-Remaining': '99',
  'X-RateLimit-Reset': '1795651260',
};

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, headers);
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: server.address().port });
});
const stop = () => server.close(() => process.exit(0));
process.on('disconnect', stop);
process.on('SIGTERM', stop);
