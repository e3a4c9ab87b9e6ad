// The MCP tools: four curated actions over the two operations. Their input and output JSON Schemas are cut from the
// bundle by scripts/generate.mjs (generated/mcp-tools.json, drift-checked); what is written here by hand is what a
// schema cannot say: the title, the description (what the call does, that it is idempotent, which tool undoes it,
// what the durations mean) and the annotations (DECISIONS ). No dependency, no Node-only code.
import generated from '../../generated/mcp-tools.json' with { type: 'json' };

/** A JSON Schema with an object at its root, as MCP wants for a tool's input and output. */
export interface ObjectSchema {
  type: 'object';
  [keyword: string]: unknown;
}

/** The behaviour hints of a tool (MCP `ToolAnnotations`). */
export interface RyzeToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** One tool as `tools/list` advertises it. */
export interface RyzeTool {
  name: RyzeToolName;
  title: string;
  description: string;
  inputSchema: ObjectSchema;
  outputSchema: ObjectSchema;
  annotations: RyzeToolAnnotations;
}

/** The tool names (spelled out so the published types need no JSON import; checked against the generated file). */
export type RyzeToolName = 'block_contact' | 'unblock_contact' | 'mute_chat' | 'unmute_chat';
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type _NamesMatchGenerated = Assert<Same<RyzeToolName, keyof typeof generated.tools>>;

/** The client method each tool calls (the generated file says which body constant the tool stands for). */
export type ClientMethod = 'blockContact' | 'unblockContact' | 'muteChat' | 'unmuteChat';

const RATE_LIMIT =
  "Each call counts against the token's rate limit (100 requests per minute). A failure comes back as a tool error " +
  "that gives the HTTP status and the API's message.";
const INSTANCE =
  '`instance` is the name of the WhatsApp session (instance) to act on; the configured token must own it.';
const CONTACT =
  '`number` names one person: a phone number in international digits (`5511999999999`), a user JID ' +
  '(`...@s.whatsapp.net`) or a hidden JID (`...@lid`); groups and channels cannot be blocked.';
const CHAT =
  '`number` names one chat: a person (phone number in international digits, user JID or `@lid` JID), a ' +
  'group (`...@g.us`) or a channel (`...@newsletter`).';

interface Curated {
  title: string;
  method: ClientMethod;
  destructive: boolean;
  description: string;
}

const CURATED = {
  block_contact: {
    title: 'Block a WhatsApp contact',
    method: 'blockContact',
    // While blocked, nothing is delivered either way; upstream does not say that messages sent meanwhile arrive
    // after an unblock, so they count as lost.
    destructive: true,
    description: [
      "Blocks a person on the instance's WhatsApp account: while they are blocked, no message goes either way " +
        "between them and the account. The chat history stays, and the phone's WhatsApp app follows by itself.",
      CONTACT,
      INSTANCE,
      'Idempotent: blocking someone who is already blocked succeeds and changes nothing. Undo it with ' +
        '`unblock_contact`.',
      "Returns the contact's JID (`contact_jid`), `blocked: true` and `blocked_count`, the number of contacts " +
        'blocked on the account after the call.',
      RATE_LIMIT,
    ].join('\n\n'),
  },
  unblock_contact: {
    title: 'Unblock a WhatsApp contact',
    method: 'unblockContact',
    destructive: false,
    description: [
      "Unblocks a person on the instance's WhatsApp account, so messages go both ways again. The phone's WhatsApp " +
        'app follows by itself.',
      CONTACT,
      INSTANCE,
      'Idempotent: unblocking someone who is not blocked succeeds and changes nothing. Undo it with `block_contact`.',
      "Returns the contact's JID (`contact_jid`), `blocked: false` and `blocked_count`, the number of contacts " +
        'still blocked on the account.',
      RATE_LIMIT,
    ].join('\n\n'),
  },
  mute_chat: {
    title: 'Mute a WhatsApp chat',
    method: 'muteChat',
    destructive: false,
    description: [
      "Mutes the notifications of one chat on the instance's WhatsApp account; its messages still arrive.",
      CHAT,
      INSTANCE,
      '`duration` is how long the mute lasts: `8h` or `8 hours` for 8 hours; `1w`, `7d` or `1 week` for one week; ' +
        '`always`, `forever`, `permanent`, an empty string, or no `duration` at all for no end. Nothing else is ' +
        'accepted (spellings are exact: lower case, single spaces). A timed mute ends by itself with no further ' +
        'call; a mute with no end lasts until `unmute_chat`.',
      'Idempotent: muting a chat that is already muted succeeds and leaves it muted for the window given. Undo it ' +
        'with `unmute_chat`.',
      "Returns the chat's JID (`chat_jid`), `muted: true`, a `message` naming the window, and `duration` in " +
        'seconds: `28800` (8 hours), `604800` (one week) or `0` (no end).',
      RATE_LIMIT,
    ].join('\n\n'),
  },
  unmute_chat: {
    title: 'Unmute a WhatsApp chat',
    method: 'unmuteChat',
    destructive: false,
    description: [
      "Ends any mute on one chat of the instance's WhatsApp account, so its notifications come back at once.",
      CHAT,
      INSTANCE,
      'Idempotent: unmuting a chat that is not muted succeeds and changes nothing. Undo it with `mute_chat`, which ' +
        'needs the window again (this call does not remember it).',
      "Returns the chat's JID (`chat_jid`), `muted: false` and `duration: 0`.",
      RATE_LIMIT,
    ].join('\n\n'),
  },
} as const satisfies Record<RyzeToolName, Curated>;

/** Where a sandbox-backed server says so: first in every description, and no open world. */
const SANDBOX_NOTE =
  'Sandbox: this server runs against an in-process simulation of RyzeAPI; no WhatsApp account is touched.';

/** The tools, in a stable order. `sandbox: true` marks them as acting on the in-process sandbox. */
export function ryzeTools({ sandbox = false }: { sandbox?: boolean } = {}): RyzeTool[] {
  return (Object.keys(CURATED) as RyzeToolName[]).map((name) => {
    const { title, description, destructive } = CURATED[name];
    const { inputSchema, outputSchema } = generated.tools[name];
    return {
      name,
      title,
      description: sandbox ? `${SANDBOX_NOTE}\n\n${description}` : description,
      inputSchema: inputSchema as ObjectSchema,
      outputSchema: outputSchema as ObjectSchema,
      annotations: {
        title,
        readOnlyHint: false,
        destructiveHint: destructive,
        idempotentHint: true,
        // Against the API the tools reach real WhatsApp accounts and people; in the sandbox the world is closed.
        openWorldHint: !sandbox,
      },
    };
  });
}

/** The client method behind a tool. */
export function clientMethod(name: RyzeToolName): ClientMethod {
  return CURATED[name].method;
}

/** Whether `name` is one of the tools. */
export function isToolName(name: string): name is RyzeToolName {
  return Object.hasOwn(CURATED, name);
}

/** The version of the spec the tools were generated from (the package version). */
export const SPEC_VERSION: string = generated.specVersion;
