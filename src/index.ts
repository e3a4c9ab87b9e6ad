export { PRODUCTION_BASE_URL, authMiddleware, createApiClient } from './client.js';
export type { ApiClientOptions, AuthScheme } from './client.js';
export type { components, operations, paths } from '../generated/schema.js';
