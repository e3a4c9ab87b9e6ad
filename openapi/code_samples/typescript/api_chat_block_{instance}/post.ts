import { createRyzeClient } from 'ryzeapi-chat-contract';

const client = createRyzeClient({
  token: process.env.RYZE_TOKEN ?? '',
  baseUrl: process.env.RYZE_BASE_URL ?? 'https://ryzeapi.cloud', // the mock: http://127.0.0.1:4010
});

// Throws a RyzeApiError (with kind, status and the upstream message) unless the contact is now blocked.
const result = await client.blockContact({ instance: process.env.RYZE_INSTANCE ?? 'my-instance', number: '5511999999999' });
console.log(`${result.contact_jid} blocked: ${result.blocked}; ${result.blocked_count} contacts blocked in all`);
