// The sandbox seed: its TypeScript shape (the JSON Schema in ./seed.schema.json is the reference, shipped as
// `ryzeapi-chat-contract/sandbox-seed.schema.json`), how a bad one is reported (naming the field), and the checks
// a schema cannot express (an instance's account must exist, a token belongs to one place). Browser-safe.
import type { MockContract } from './contract.js';

/** Accounts by name; each account token reaches every instance whose `account` names the account. */
export interface SeedAccount {
  tokens: string[];
}

/** A chat muted from the start: for good, for a documented `duration` counted from the clock's start, or `until`. */
export interface SeedMute {
  number: string;
  duration?: string;
  /** RFC 3339 date-time; `null` for no end. */
  until?: string | null;
}

export interface SeedInstance {
  /** The account (a key of `accounts`) whose tokens reach this instance. */
  account?: string;
  /** Instance tokens: each reaches this instance only. */
  tokens?: string[];
  /** `false`: every valid request gets 503. Default true. */
  connected?: boolean;
  /** Contacts already blocked (phone numbers or JIDs). */
  blocked?: string[];
  muted?: SeedMute[];
}

export interface RateLimitOptions {
  /** Requests per window and token. Default 100 (the documented limit). */
  limit?: number;
  /** Default 60. */
  windowSeconds?: number;
  /** `false`: count (the headers stay live) but never answer 429. Default true. */
  enforce?: boolean;
}

export interface ClockOptions {
  /** Where the clock starts: an RFC 3339 date-time or Unix milliseconds. Default: now. */
  start?: string | number;
  /** `true`: the clock moves only when advanced. Default false (it follows the real time, plus any advance). */
  frozen?: boolean;
}

/**
 * A fault: `latencyMs` delays matching answers (real time); `status` turns a share (`rate`, default 1) of what would
 * be successes into that status's first documented example. Without `operation` or `instance` it matches every request.
 */
export interface FaultRule {
  operation?: string;
  instance?: string;
  latencyMs?: number;
  status?: number;
  rate?: number;
}

/**
 * The sandbox's starting point (JSON Schema: `ryzeapi-chat-contract/sandbox-seed.schema.json`). Every field is
 * optional; `{}` is the zero-configuration sandbox: any non-empty token, every instance exists and is connected,
 * the documented rate limit (100 per 60 s per token), the real time, no faults.
 */
export interface SandboxSeed {
  $schema?: string;
  accounts?: Record<string, SeedAccount>;
  instances?: Record<string, SeedInstance>;
  rateLimit?: RateLimitOptions | false;
  clock?: ClockOptions;
  faults?: FaultRule[];
  /** Seeds which requests a fault's `rate` hits, so a run repeats. Default 1. */
  randomSeed?: number;
}

/** A seed (or fault list) the sandbox refuses; `field` names what is wrong (`instances.my-instance.blocked[0]`). */
export class SandboxSeedError extends Error {
  override name = 'SandboxSeedError';
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`Invalid sandbox seed: ${field || '(the seed itself)'} ${problem}`);
  }
}

/** An error as ajv reports it (the fields the message needs). */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  propertyName?: string;
}

/** `/instances/my-instance/blocked/0` -> `instances.my-instance.blocked[0]`. */
export function fieldName(pointer: string, propertyName?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (propertyName !== undefined) parts.push(propertyName);
  return parts.reduce((field, part) => {
    if (/^\d+$/.test(part)) return `${field}[${part}]`;
    if (/^[A-Za-z_$][\w$-]*$/.test(part)) return field ? `${field}.${part}` : part;
    return `${field}[${JSON.stringify(part)}]`;
  }, '');
}

const COMPOSITE = new Set(['oneOf', 'anyOf', 'not', 'if', 'propertyNames']);

function valueAt(root: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      root,
    );
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Turn schema errors into one SandboxSeedError naming the most specific field. */
export function seedError(errors: readonly SchemaError[], seed: unknown): SandboxSeedError {
  const depth = (e: SchemaError) => e.instancePath.split('/').length + (e.propertyName !== undefined ? 1 : 0);
  const deepest = errors.reduce((a, b) => (depth(b) > depth(a) ? b : a), errors[0]!);
  const here = errors.filter((e) => e.instancePath === deepest.instancePath && e.propertyName === deepest.propertyName);
  const concrete = here.filter((e) => !COMPOSITE.has(e.keyword));
  const field = fieldName(deepest.instancePath, deepest.propertyName);
  const value = deepest.propertyName === undefined ? valueAt(seed, deepest.instancePath) : deepest.propertyName;
  const first = concrete[0] ?? deepest;
  if (first.keyword === 'additionalProperties') {
    return new SandboxSeedError(
      fieldName(deepest.instancePath, String(first.params.additionalProperty)),
      'is not a field of the seed schema',
    );
  }
  if (concrete.length > 0 && concrete.every((e) => e.keyword === 'required')) {
    const names = [...new Set(concrete.map((e) => String(e.params.missingProperty)))];
    return new SandboxSeedError(field, `needs ${names.join(' or ')}`);
  }
  const components = [
    ...new Set(concrete.map((e) => /#\/components\/\w+\/([^/]+)/.exec(e.schemaPath)?.[1]).filter(Boolean)),
  ];
  if (components.length > 1)
    return new SandboxSeedError(field, `is ${shown(value)}, which matches none of ${components.join(', ')}`);
  const allowed = first.params.allowedValues;
  const detail = Array.isArray(allowed)
    ? `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`
    : (first.message ?? 'is invalid');
  return new SandboxSeedError(field, `${detail} (got ${shown(value)})`);
}

const durationSpelling = (contract: MockContract, spelling: string) =>
  contract.operations.some((op) => op.responses.get(200)?.some((e) => e.match?.duration?.includes(spelling)));

/** What the schema cannot say: accounts named by instances exist, a token is declared once, fault targets exist. */
export function seedRuleError(seed: SandboxSeed, contract: MockContract): SandboxSeedError | undefined {
  const seen = new Map<string, string>();
  const claim = (token: string, field: string) => {
    const earlier = seen.get(token);
    if (earlier !== undefined)
      return new SandboxSeedError(
        field,
        `repeats a token already declared at ${earlier}: a token belongs to one account or instance`,
      );
    seen.set(token, field);
    return undefined;
  };
  for (const [name, account] of Object.entries(seed.accounts ?? {})) {
    for (const [i, token] of account.tokens.entries()) {
      const error = claim(token, fieldName(`/accounts/${name.replace(/~/g, '~0').replace(/\//g, '~1')}/tokens/${i}`));
      if (error) return error;
    }
  }
  for (const [name, instance] of Object.entries(seed.instances ?? {})) {
    const at = (rest: string) => fieldName(`/instances/${name.replace(/~/g, '~0').replace(/\//g, '~1')}${rest}`);
    if (instance.account !== undefined && !(instance.account in (seed.accounts ?? {}))) {
      return new SandboxSeedError(
        at('/account'),
        `names the account ${shown(instance.account)}, which accounts does not declare`,
      );
    }
    for (const [i, token] of (instance.tokens ?? []).entries()) {
      const error = claim(token, at(`/tokens/${i}`));
      if (error) return error;
    }
    for (const [i, mute] of (instance.muted ?? []).entries()) {
      if (typeof mute.until === 'string' && !Number.isFinite(Date.parse(mute.until))) {
        return new SandboxSeedError(at(`/muted/${i}/until`), `is not a valid date-time (got ${shown(mute.until)})`);
      }
      if (mute.duration !== undefined && mute.duration !== '' && !durationSpelling(contract, mute.duration)) {
        return new SandboxSeedError(
          at(`/muted/${i}/duration`),
          `is not a duration the mock knows (got ${shown(mute.duration)})`,
        );
      }
    }
  }
  if (typeof seed.clock?.start === 'string' && !Number.isFinite(Date.parse(seed.clock.start))) {
    return new SandboxSeedError('clock.start', `is not a valid date-time (got ${shown(seed.clock.start)})`);
  }
  return faultRuleError(seed.faults ?? [], contract, 'faults');
}

/** Fault rules name operations and statuses the contract documents. */
export function faultRuleError(
  faults: readonly FaultRule[],
  contract: MockContract,
  at: string,
): SandboxSeedError | undefined {
  for (const [i, fault] of faults.entries()) {
    const operations = contract.operations.filter(
      (op) => fault.operation === undefined || op.operationId === fault.operation,
    );
    if (operations.length === 0) {
      const known = contract.operations.map((op) => op.operationId).join(', ');
      return new SandboxSeedError(
        `${at}[${i}].operation`,
        `is not an operation of the contract (got ${shown(fault.operation)}; operations: ${known})`,
      );
    }
    if (fault.status !== undefined && !operations.every((op) => op.responses.has(fault.status!))) {
      const statuses = [...new Set(operations.flatMap((op) => [...op.responses.keys()].filter((s) => s >= 400)))].join(
        ', ',
      );
      return new SandboxSeedError(
        `${at}[${i}].status`,
        `is not an error status the operation documents (got ${fault.status}; documented: ${statuses})`,
      );
    }
  }
  return undefined;
}
