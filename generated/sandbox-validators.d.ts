// GENERATED FILE - DO NOT EDIT.
// Made by scripts/generate.mjs from openapi/openapi.yaml; change the spec and run `npm run generate`.
// Bundle SHA-256: 6c0a51716056e1db5a173c4d99225fd5b6244d59d23288a69a11a963fef49e19
// Seed schema: src/mock/seed.schema.json, SHA-256 b9251fdab88f1d70102c1e33707b248e55b83734310989dd4d6fd2386d84a91b.
// ajv 8.20.0 standalone code (JSON Schema 2020-12, options {"strict":false,"allErrors":true,"validateFormats":false}), printed by
// esbuild 0.28.2: no code is made from strings at run time (DECISIONS T-07). ajv stays an optional peer:
// its runtime helpers are imported.
/** A validator as ajv builds it: true when valid; otherwise `errors` holds ajv's error objects. */
export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: { instancePath: string; schemaPath: string; keyword: string; params: Record<string, unknown>; message?: string }[] | null;
}
/** The seed (seed.schema.json), the fault list (its `faults`), and the `instance` path parameter. */
export const seed: ValidateFunction;
export const faults: ValidateFunction;
export const instance: ValidateFunction;
/** Request body validators by operationId. */
export const bodies: Readonly<Record<string, ValidateFunction>>;
export const bundleSha256: string;
