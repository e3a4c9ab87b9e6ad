const baseUrl = process.env.RYZE_BASE_URL ?? 'https://ryzeapi.cloud'; // the mock: http://127.0.0.1:4010
const instance = encodeURIComponent(process.env.RYZE_INSTANCE ?? 'my-instance');

const response = await fetch(`${baseUrl}/api/chat/mute/${instance}`, {
  method: 'POST',
  headers: { token: process.env.RYZE_TOKEN ?? '', 'Content-Type': 'application/json' },
  body: JSON.stringify({ number: '5511999999999', mute: true, duration: '8h' }),
});
const body = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.error.message}`);
console.log(body.muted ? `${body.message} (${body.duration} s; 0 = no end)` : body.message);
