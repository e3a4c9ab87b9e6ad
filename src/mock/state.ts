// The sandbox's memory: a virtual clock, per-token rate-limit windows, who may reach which instance, and each
// instance's block list and mutes. Plain data behind small functions; the pipeline (./core.ts) decides when to
// read and change it. Browser-safe.
import type { FaultRule, SandboxSeed } from './seed.js';

export const DEFAULT_RATE_LIMIT = 100;
export const DEFAULT_WINDOW_SECONDS = 60;

/** A clock that follows the real time (unless frozen) plus whatever `advance` added. */
export class VirtualClock {
  private offset = 0;
  private readonly frozenAt: number | undefined;

  constructor(
    options: SandboxSeed['clock'] = {},
    private readonly realNow: () => number = Date.now,
  ) {
    const start =
      options.start === undefined
        ? undefined
        : typeof options.start === 'number'
          ? options.start
          : Date.parse(options.start);
    if (options.frozen) this.frozenAt = start ?? realNow();
    else if (start !== undefined) this.offset = start - realNow();
  }

  now(): number {
    return (this.frozenAt ?? this.realNow()) + this.offset;
  }

  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(
        `advance takes a number of milliseconds from 0 up (got ${String(ms)}): the clock never goes back`,
      );
    this.offset += ms;
    return this.now();
  }
}

/** What a response's X-RateLimit-* headers say. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Unix seconds when the current window ends. */
  reset: number;
}

interface Window {
  start: number;
  count: number;
}

/** Fixed windows per token, each starting with the token's first request after the previous one ended. */
export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  readonly enforce: boolean;
  private windows = new Map<string, Window>();

  constructor(options: SandboxSeed['rateLimit']) {
    const settings = options === false ? { enforce: false } : (options ?? {});
    this.limit = settings.limit ?? DEFAULT_RATE_LIMIT;
    this.windowMs = (settings.windowSeconds ?? DEFAULT_WINDOW_SECONDS) * 1000;
    this.enforce = settings.enforce ?? true;
  }

  private current(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    return window && now < window.start + this.windowMs ? window : undefined;
  }

  private state(window: Window | undefined, now: number): RateLimitState {
    const count = window?.count ?? 0;
    const end = (window?.start ?? now) + this.windowMs;
    return { limit: this.limit, remaining: Math.max(0, this.limit - count), reset: Math.ceil(end / 1000) };
  }

  /** Count one request; `exceeded` when it goes over the limit (and the limit is enforced). */
  take(key: string, now: number): RateLimitState & { exceeded: boolean } {
    let window = this.current(key, now);
    if (!window) {
      if (this.windows.size >= 10_000) this.sweep(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    // One object per request: the state, then whether it went over.
    const state = this.state(window, now) as RateLimitState & { exceeded: boolean };
    state.exceeded = this.enforce && window.count > this.limit;
    return state;
  }

  /** The state without counting. */
  peek(key: string, now: number): RateLimitState {
    return this.state(this.current(key, now), now);
  }

  entries(now: number): [string, RateLimitState][] {
    return [...this.windows]
      .filter(([key]) => this.current(key, now))
      .map(([key, window]) => [key, this.state(window, now)]);
  }

  private sweep(now: number) {
    for (const [key, window] of this.windows) if (now >= window.start + this.windowMs) this.windows.delete(key);
  }
}

/** The answer to "may this token act on this instance?". */
export type Access = 'ok' | 'unknown-instance' | 'forbidden' | 'disconnected';

/** Who may reach what, from the seed. With no tokens declared any token works; with no instances, every name exists. */
export class World {
  readonly tokensDeclared: boolean;
  readonly instancesDeclared: boolean;
  private readonly accountTokens = new Map<string, string>(); // token -> account
  private readonly instanceTokens = new Map<string, string>(); // token -> instance
  private readonly instances = new Map<string, { account: string | undefined; connected: boolean }>();

  constructor(seed: SandboxSeed) {
    for (const [account, { tokens }] of Object.entries(seed.accounts ?? {}))
      for (const token of tokens) this.accountTokens.set(token, account);
    for (const [name, instance] of Object.entries(seed.instances ?? {})) {
      this.instances.set(name, { account: instance.account, connected: instance.connected ?? true });
      for (const token of instance.tokens ?? []) this.instanceTokens.set(token, name);
    }
    this.tokensDeclared = this.accountTokens.size + this.instanceTokens.size > 0;
    this.instancesDeclared = this.instances.size > 0;
  }

  knowsToken(token: string): boolean {
    return !this.tokensDeclared || this.accountTokens.has(token) || this.instanceTokens.has(token);
  }

  access(token: string, name: string): Access {
    const instance = this.instances.get(name);
    if (this.instancesDeclared && !instance) return 'unknown-instance';
    if (this.tokensDeclared) {
      const owner = this.instanceTokens.get(token);
      const account = this.accountTokens.get(token);
      const allowed =
        owner !== undefined ? owner === name : account !== undefined && (!instance || instance.account === account);
      if (!allowed) return 'forbidden';
    }
    return instance && !instance.connected ? 'disconnected' : 'ok';
  }

  connected(name: string): boolean {
    return this.instances.get(name)?.connected ?? true;
  }

  setConnected(name: string, connected: boolean): boolean {
    const instance = this.instances.get(name);
    if (instance) instance.connected = connected;
    else if (this.instancesDeclared) return false;
    else this.instances.set(name, { account: undefined, connected });
    return true;
  }

  declared(): [string, { account: string | undefined; connected: boolean }][] {
    return [...this.instances];
  }
}

/** One instance's block list (JIDs) and mutes (JID -> end in ms, `null` for no end). */
export interface InstanceMemory {
  blocked: Set<string>;
  mutes: Map<string, number | null>;
}

/** Every instance's memory, created when first used. Expired mutes are dropped whenever they are read. */
export class Memory {
  private readonly instances = new Map<string, InstanceMemory>();

  of(name: string): InstanceMemory {
    let memory = this.instances.get(name);
    if (!memory) {
      memory = { blocked: new Set(), mutes: new Map() };
      this.instances.set(name, memory);
    }
    return memory;
  }

  has(name: string): boolean {
    return this.instances.has(name);
  }

  expire(name: string, now: number): void {
    const memory = this.instances.get(name);
    if (!memory) return;
    for (const [jid, until] of memory.mutes) if (until !== null && until <= now) memory.mutes.delete(jid);
  }

  names(): string[] {
    return [...this.instances.keys()];
  }
}

/** A small seeded generator (mulberry32): the same seed gives the same sequence, so fault runs repeat. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The rules that apply to a request (by operation and instance). */
export function matchingFaults(rules: readonly FaultRule[], operationId: string, instance: string): FaultRule[] {
  return rules.filter(
    (rule) =>
      (rule.operation === undefined || rule.operation === operationId) &&
      (rule.instance === undefined || rule.instance === instance),
  );
}
