import { createRyzeClient } from 'ryzeapi-chat-contract';

const client = createRyzeClient({
  token: process.env.RYZE_TOKEN ?? '',
  baseUrl: process.env.RYZE_BASE_URL ?? 'https://ryzeapi.cloud', // the mock: http://127.0.0.1:4010
});

// Throws a RyzeApiError (with kind, status and the upstream message) unless the chat is now muted.
const result = await client.muteChat({ instance: process.env.RYZE_INSTANCE ?? 'my-instance', number: '5511999999999', duration: '8h' });
console.log(result.muted ? `${result.message} (${result.duration} s; 0 = no end)` : result.message);
