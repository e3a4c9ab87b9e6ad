import { createApiClient } from 'ryzeapi-chat-contract';

const api = createApiClient({
  token: process.env.RYZE_TOKEN ?? '',
  baseUrl: process.env.RYZE_BASE_URL ?? 'https://ryzeapi.cloud', // the mock: http://127.0.0.1:4010
});

const { data, error, response } = await api.POST('/api/chat/mute/{instance}', {
  params: { path: { instance: process.env.RYZE_INSTANCE ?? 'my-instance' } },
  body: { number: '5511999999999', mute: true, duration: '8h' },
});
if (error) throw new Error(`HTTP ${response.status}: ${error.error.message}`);
console.log(data.muted ? `${data.message} (${data.duration} s; 0 = no end)` : data.message);
