# RYZE_TOKEN: account or instance token. RYZE_BASE_URL: http://127.0.0.1:4010 for the local mock.
curl --fail-with-body -sS -X POST \
  "${RYZE_BASE_URL:-https://ryzeapi.cloud}/api/chat/block/${RYZE_INSTANCE:-my-instance}" \
  -H "token: $RYZE_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{"number": "5511999999999", "block": true}'
