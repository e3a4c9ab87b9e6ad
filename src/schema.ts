// `ryzeapi-chat-contract/schema`: the generated types, with one alias per component of the spec. The aliases are
// made by openapi-typescript's root-types option (scripts/generate.mjs): `PhoneNumber`, `MuteChatRequest`... for
// every schema, and `ResponseNotFound`, `ParameterInstance`, `HeaderXRateLimitLimit`... for the other kinds.
// test/package.test.ts and test/types.test-d.ts check that no exported name is ever lost.
import type { ParameterInstance } from '../generated/schema.js';

export type * from '../generated/schema.js';

/** The instance name (path parameter of both operations). Kept from 1.0; the same type as `ParameterInstance`. */
export type Instance = ParameterInstance;
