// GENERATED FILE - DO NOT EDIT.
// Made by scripts/generate.mjs from openapi/openapi.yaml; change the spec and run `npm run generate`.
// Bundle SHA-256: 6c0a51716056e1db5a173c4d99225fd5b6244d59d23288a69a11a963fef49e19
// Schemas: 13 (verifierPointers in src/verify/contract.ts), in the bundle with every object closed.
// ajv 8.20.0 standalone code (JSON Schema 2020-12, options {"strict":false,"allErrors":true,"validateFormats":false}), printed by
// esbuild 0.28.2: no code is made from strings at run time (DECISIONS T-07). ajv stays an optional peer:
// its runtime helpers are imported.
/** A validator as ajv builds it: true when valid; otherwise `errors` holds ajv's error objects. */
export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: { instancePath: string; schemaPath: string; keyword: string; params: Record<string, unknown>; message?: string }[] | null;
}
/** Validators by JSON pointer into the bundle (`#/components/schemas/ErrorResponse`). */
export const validators: Readonly<Record<string, ValidateFunction>>;
export const bundleSha256: string;
