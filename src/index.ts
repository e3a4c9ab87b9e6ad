// `ryzeapi-chat-contract`: the client (createRyzeClient), its error, the helpers, and the thin openapi-fetch
// client it is built on (createApiClient). Types only: `ryzeapi-chat-contract/schema`.
export { createRyzeClient } from './ryze-client.js';
export type {
  BlockContactParams,
  CallOptions,
  Exact,
  MuteChatParams,
  RyzeClient,
  RyzeClientOptions,
  UnblockContactParams,
  UnmuteChatParams,
} from './ryze-client.js';
export type { RetryInfo, RetryOptions } from './retry.js';
export { RyzeApiError } from './errors.js';
export type {
  RyzeApiErrorBase,
  RyzeApiErrorConstructor,
  RyzeApiErrorDetails,
  RyzeApiErrorInit,
  RyzeApiErrorKind,
} from './errors.js';
export { parseRateLimit } from './rate-limit.js';
export type { RateLimit } from './rate-limit.js';
export {
  MUTE_DURATIONS,
  MUTE_DURATION_SECONDS,
  isMuteDuration,
  normalizeNumber,
  parseChatId,
  parseContactId,
  parseMuteDuration,
  readMuteResponse,
} from './helpers.js';
export type { ChatId, ChatKind, ContactKind, MuteDuration, MuteState } from './helpers.js';
export { PRODUCTION_BASE_URL, authMiddleware, createApiClient } from './api-client.js';
export type { ApiClientOptions, AuthMiddleware, AuthScheme } from './api-client.js';
export type { components, operations, paths } from '../generated/schema.js';
export type {
  BlockContactRequest,
  BlockContactResponse,
  ErrorResponse,
  MuteChatRequest,
  MuteChatResponse,
} from './schema.js';
