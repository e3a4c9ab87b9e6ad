// GENERATED FILE - DO NOT EDIT.
// Made by scripts/generate.mjs from openapi/openapi.yaml; change the spec and run `npm run generate`.
// Bundle SHA-256: 6c0a51716056e1db5a173c4d99225fd5b6244d59d23288a69a11a963fef49e19

export interface paths {
    "/api/chat/block/{instance}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Block or unblock a contact
         * @description Puts a person on the block list of the instance's WhatsApp account (`block: true`) or takes them off it
         *     (`block: false`). While a contact is blocked, no message goes either way between them and the account;
         *     the chat history stays as it was. The change reaches the phone's WhatsApp app by itself.
         *
         *     The response states the contact's final state and `blocked_count`, the size of the account's block list
         *     once the change is applied. Only people can be blocked: a group or channel identifier is not accepted.
         *
         *     The call is idempotent: blocking a blocked contact, or unblocking one that is not blocked, succeeds and
         *     changes nothing. It counts against the global rate limit (100 requests per minute per token). No webhook
         *     event is sent.
         */
        post: operations["blockContact"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chat/mute/{instance}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mute or unmute a chat
         * @description Silences notifications of one chat (`mute: true`) or ends an active mute (`mute: false`). The chat can
         *     be a person, a group or a channel (newsletter).
         *
         *     When muting, `duration` picks the window: 8 hours, one week, or no end at all. Several spellings name
         *     each window, listed with the seconds each one gives in the table under `duration` in the request body
         *     below; leaving the field out, or sending it empty, mutes with no end. A timed mute ends by itself, with no
         *     further call. When unmuting, `duration` has no effect.
         *
         *     The response gives the final state and the window in seconds: `28800` for 8 hours, `604800` for one
         *     week, and `0` both for a mute with no end and after unmuting (read `muted` to tell them apart).
         *
         *     The call is idempotent and counts against the global rate limit (100 requests per minute per token). No
         *     webhook event is sent.
         */
        post: operations["muteChat"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * PhoneNumber
         * @description A phone number in international form, digits only: country code, area code and subscriber number with
         *     no `+`, spaces, dashes or brackets (`5511999999999`, not `+55 (11) 99999-9999`). This is the preferred way
         *     to name a person.
         * @example 5511999999999
         */
        PhoneNumber: string;
        /**
         * UserJid
         * @description The WhatsApp ID (JID) of a person, their international number followed by `@s.whatsapp.net`.
         * @example 5511999999999@s.whatsapp.net
         */
        UserJid: string;
        /**
         * LidJid
         * @description The hidden ("linked identity") JID of a person, digits followed by `@lid`. WhatsApp uses it instead of the
         *     phone number where the person's privacy settings hide the number.
         * @example 123456789012345@lid
         */
        LidJid: string;
        /**
         * ContactNumber
         * @description Names one person: a phone number in international digits (preferred), their user JID
         *     (`...@s.whatsapp.net`) or their hidden JID (`...@lid`). Groups and channels are not people and are
         *     refused.
         * @example 5511999999999
         */
        ContactNumber: components["schemas"]["PhoneNumber"] | components["schemas"]["UserJid"] | components["schemas"]["LidJid"];
        /**
         * BlockContactRequest
         * @description Which person to block or unblock, and which of the two to do.
         */
        BlockContactRequest: {
            number: components["schemas"]["ContactNumber"];
            /**
             * @description `true` puts the contact on the block list, `false` takes them off it.
             * @example true
             */
            block: boolean;
        };
        /**
         * ContactJid
         * @description The JID of the person the operation applied to, as WhatsApp names them.
         * @example 5511999999999@s.whatsapp.net
         */
        ContactJid: components["schemas"]["UserJid"] | components["schemas"]["LidJid"];
        /**
         * BlockedCount
         * Format: int32
         * @description How many contacts are on the account's block list once the operation is applied. The upper bound is the
         *     range of a 32-bit integer, not a documented WhatsApp limit.
         * @example 7
         */
        BlockedCount: number;
        /**
         * ContactBlockedResponse
         * @description The contact is on the block list.
         */
        ContactBlockedResponse: {
            /**
             * @description Always `true` on success.
             * @example true
             * @constant
             */
            success: true;
            /**
             * @description Fixed text for a block.
             * @example Contact blocked successfully
             * @constant
             */
            message: "Contact blocked successfully";
            contact_jid: components["schemas"]["ContactJid"];
            blocked_count: components["schemas"]["BlockedCount"];
            /**
             * @description The contact's final state; `true` means blocked.
             * @example true
             * @constant
             */
            blocked: true;
        };
        /**
         * UnblockMessage
         * @description Text for people describing an unblock. Upstream does not document its wording, so the contract promises
         *     only non-empty text; the example shows the likely wording. Read `blocked`, not this text.
         * @example Contact unblocked successfully
         */
        UnblockMessage: string;
        /**
         * ContactUnblockedResponse
         * @description The contact is not on the block list.
         */
        ContactUnblockedResponse: {
            /**
             * @description Always `true` on success.
             * @example true
             * @constant
             */
            success: true;
            message: components["schemas"]["UnblockMessage"];
            contact_jid: components["schemas"]["ContactJid"];
            blocked_count: components["schemas"]["BlockedCount"];
            /**
             * @description The contact's final state; `false` means not blocked.
             * @example false
             * @constant
             */
            blocked: false;
        };
        /**
         * BlockContactResponse
         * @description The outcome of a block or an unblock; `blocked` tells which.
         */
        BlockContactResponse: components["schemas"]["ContactBlockedResponse"] | components["schemas"]["ContactUnblockedResponse"];
        /**
         * ErrorDetail
         * @description What went wrong.
         * @example {
         *       "message": "Number is required"
         *     }
         */
        ErrorDetail: {
            /**
             * @description Text for people. Each error response lists the documented messages as examples; the wording is not a
             *     stable interface, so branch on the HTTP status instead.
             * @example Number is required
             */
            message: string;
        };
        /**
         * ErrorResponse
         * @description The body of every failure: `success` is `false` and `error.message` explains the failure in English.
         *     There is no numeric error code; the HTTP status is the machine-readable part.
         */
        ErrorResponse: {
            /**
             * @description Always `false` on failure.
             * @example false
             * @constant
             */
            success: false;
            error: components["schemas"]["ErrorDetail"];
        };
        /**
         * GroupJid
         * @description The JID of a group chat, an identifier followed by `@g.us`.
         * @example 120363025246125486@g.us
         */
        GroupJid: string;
        /**
         * NewsletterJid
         * @description The JID of a WhatsApp channel (newsletter), an identifier followed by `@newsletter`.
         * @example 120363144038483540@newsletter
         */
        NewsletterJid: string;
        /**
         * ChatNumber
         * @description Names one chat: a person (phone number in international digits, user JID or hidden `@lid` JID), a group
         *     (`...@g.us`) or a channel (`...@newsletter`).
         * @example 5511999999999
         */
        ChatNumber: components["schemas"]["PhoneNumber"] | components["schemas"]["UserJid"] | components["schemas"]["LidJid"] | components["schemas"]["GroupJid"] | components["schemas"]["NewsletterJid"];
        /**
         * MuteDuration
         * @description How long a mute lasts. Each window has several accepted spellings, matched exactly as written here
         *     (lower case, single spaces); the response gives the window in seconds:
         *
         *     | Spelling | Window | Seconds (`duration` in the response) |
         *     | --- | --- | --- |
         *     | `8h`, `8 hours` | 8 hours | `28800` |
         *     | `1w`, `7d`, `1 week` | one week | `604800` |
         *     | `always`, `forever`, `permanent` | no end | `0` |
         *     | `""` (empty), or the field left out | no end | `0` |
         *
         *     Any other value is refused with `400` and the message `Invalid duration: <value>`.
         * @example 8h
         * @enum {string}
         */
        MuteDuration: "8h" | "8 hours" | "1w" | "7d" | "1 week" | "always" | "forever" | "permanent" | "";
        /**
         * MuteRequest
         * @description Silence a chat's notifications for a window, or with no end.
         */
        MuteRequest: {
            number: components["schemas"]["ChatNumber"];
            /**
             * @description `true`: this request mutes the chat.
             * @example true
             * @constant
             */
            mute: true;
            duration?: components["schemas"]["MuteDuration"];
        };
        /**
         * UnmuteRequest
         * @description End any active mute on a chat, so its notifications come back.
         */
        UnmuteRequest: {
            number: components["schemas"]["ChatNumber"];
            /**
             * @description `false`: this request unmutes the chat.
             * @example false
             * @constant
             */
            mute: false;
            /**
             * @description Has no effect when unmuting; the server ignores it. It is allowed so that a form built for muting can
             *     be reused, but it must still be one of the documented spellings.
             */
            duration?: components["schemas"]["MuteDuration"];
        };
        /**
         * MuteChatRequest
         * @description Either a mute (`mute: true`, with an optional `duration`) or an unmute (`mute: false`). The value of `mute`
         *     tells the two apart.
         */
        MuteChatRequest: components["schemas"]["MuteRequest"] | components["schemas"]["UnmuteRequest"];
        /**
         * ChatJid
         * @description The JID of the chat the operation applied to, as WhatsApp names it.
         * @example 5511999999999@s.whatsapp.net
         */
        ChatJid: components["schemas"]["UserJid"] | components["schemas"]["LidJid"] | components["schemas"]["GroupJid"] | components["schemas"]["NewsletterJid"];
        /**
         * ChatMuted8HoursResponse
         * @description The chat is muted for 8 hours (asked for with `8h` or `8 hours`).
         */
        ChatMuted8HoursResponse: {
            /**
             * @description Always `true` on success.
             * @example true
             * @constant
             */
            success: true;
            /**
             * @description Fixed text for this outcome.
             * @example Chat muted for 8 hours
             * @constant
             */
            message: "Chat muted for 8 hours";
            chat_jid: components["schemas"]["ChatJid"];
            /**
             * @description The final state; `true` means muted.
             * @example true
             * @constant
             */
            muted: true;
            /**
             * Format: int32
             * @description The mute window in seconds, here 8 hours.
             * @example 28800
             * @constant
             */
            duration: 28800;
        };
        /**
         * ChatMutedOneWeekResponse
         * @description The chat is muted for one week (asked for with `1w`, `7d` or `1 week`).
         */
        ChatMutedOneWeekResponse: {
            /**
             * @description Always `true` on success.
             * @example true
             * @constant
             */
            success: true;
            /**
             * @description Fixed text for this outcome.
             * @example Chat muted for 1 week
             * @constant
             */
            message: "Chat muted for 1 week";
            chat_jid: components["schemas"]["ChatJid"];
            /**
             * @description The final state; `true` means muted.
             * @example true
             * @constant
             */
            muted: true;
            /**
             * Format: int32
             * @description The mute window in seconds, here one week.
             * @example 604800
             * @constant
             */
            duration: 604800;
        };
        /**
         * ChatMutedPermanentlyResponse
         * @description The chat is muted with no end (asked for with `always`, `forever`, `permanent`, an empty value or no `duration`).
         */
        ChatMutedPermanentlyResponse: {
            /**
             * @description Always `true` on success.
             * @example true
             * @constant
             */
            success: true;
            /**
             * @description Fixed text for this outcome.
             * @example Chat muted permanently
             * @constant
             */
            message: "Chat muted permanently";
            chat_jid: components["schemas"]["ChatJid"];
            /**
             * @description The final state; `true` means muted.
             * @example true
             * @constant
             */
            muted: true;
            /**
             * Format: int32
             * @description `0`: this mute has no end. It lasts until the chat is unmuted.
             * @example 0
             * @constant
             */
            duration: 0;
        };
        /**
         * ChatMutedResponse
         * @description The chat is muted; one variant per window.
         */
        ChatMutedResponse: components["schemas"]["ChatMuted8HoursResponse"] | components["schemas"]["ChatMutedOneWeekResponse"] | components["schemas"]["ChatMutedPermanentlyResponse"];
        /**
         * ChatUnmutedResponse
         * @description The chat is not muted; its notifications are back.
         */
        ChatUnmutedResponse: {
            /**
             * @description Always `true` on success.
             * @example true
             * @constant
             */
            success: true;
            /**
             * @description Fixed text for this outcome.
             * @example Chat notifications unmuted successfully
             * @constant
             */
            message: "Chat notifications unmuted successfully";
            chat_jid: components["schemas"]["ChatJid"];
            /**
             * @description The final state; `false` means not muted.
             * @example false
             * @constant
             */
            muted: false;
            /**
             * Format: int32
             * @description `0`: no mute is active.
             * @example 0
             * @constant
             */
            duration: 0;
        };
        /**
         * MuteChatResponse
         * @description The outcome of a mute or an unmute; `muted` tells which, and for a mute, `duration` and `message` tell
         *     the window.
         */
        MuteChatResponse: components["schemas"]["ChatMutedResponse"] | components["schemas"]["ChatUnmutedResponse"];
    };
    responses: {
        /**
         * @description The request was refused before anything changed: the body is not valid JSON, a required field
         *     is missing, a field has the wrong type, or the number names something that cannot be blocked (a group or
         *     a channel). The message says which.
         */
        BlockContactBadRequest: {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description No usable token came with the request: neither a `token` header nor an `Authorization: Bearer`
         *     header was sent, or the token sent is unknown or revoked. The message says which; several wordings are in
         *     use.
         */
        Unauthorized: {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description The token is valid but does not own the instance in the path: an instance token was used for
         *     another instance, or an account token for an instance of another account.
         */
        Forbidden: {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description No instance with this name exists for the account. */
        NotFound: {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description The token has used up its requests for the current window (100 per minute for these routes), or
         *     WhatsApp itself is throttling the account. Wait until the time in `X-RateLimit-Reset` before sending again.
         */
        TooManyRequests: {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description The server failed while handling the request. The operation may or may not have been applied;
         *     because both operations are idempotent, sending the same request again is safe.
         */
        InternalServerError: {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description The instance has no live WhatsApp session (it is not connected or not paired), or the server
         *     cannot reach its WhatsApp bridge. Nothing was changed. Connect the instance, then try again.
         */
        ServiceUnavailable: {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description The request was refused before anything changed: the instance name is empty, the body is not
         *     valid JSON, a required field is missing, a field has the wrong type, or `duration` is not one of the
         *     accepted spellings. The message says which; for an unknown duration it repeats the value that was sent.
         */
        MuteChatBadRequest: {
            headers: {
                "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
    };
    parameters: {
        /**
         * @description The name of the instance (the WhatsApp session) to act on, as chosen when it was created. The token must
         *     own it. Upstream does not document a character set; the contract accepts any non-empty name that fits
         *     in one path segment.
         * @example my-instance
         */
        Instance: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description How many requests the token may make in the current window. Both chat operations share the global limit of 100 per minute.
         * @example 100
         */
        "X-RateLimit-Limit": number;
        /**
         * @description How many requests the token may still make before the window resets. `0` means the next request gets `429`.
         * @example 99
         */
        "X-RateLimit-Remaining": number;
        /**
         * @description When the current window ends and the count starts again, as a Unix time in whole seconds (UTC): in a real
         *     answer, a moment within the next minute. After a `429`, wait until then before retrying; no `Retry-After`
         *     header is sent. The example value (the first second of the year 2100) only shows the format.
         * @example 4102444800
         */
        "X-RateLimit-Reset": number;
    };
    pathItems: never;
}
export type PhoneNumber = components['schemas']['PhoneNumber'];
export type UserJid = components['schemas']['UserJid'];
export type LidJid = components['schemas']['LidJid'];
export type ContactNumber = components['schemas']['ContactNumber'];
export type BlockContactRequest = components['schemas']['BlockContactRequest'];
export type ContactJid = components['schemas']['ContactJid'];
export type BlockedCount = components['schemas']['BlockedCount'];
export type ContactBlockedResponse = components['schemas']['ContactBlockedResponse'];
export type UnblockMessage = components['schemas']['UnblockMessage'];
export type ContactUnblockedResponse = components['schemas']['ContactUnblockedResponse'];
export type BlockContactResponse = components['schemas']['BlockContactResponse'];
export type ErrorDetail = components['schemas']['ErrorDetail'];
export type ErrorResponse = components['schemas']['ErrorResponse'];
export type GroupJid = components['schemas']['GroupJid'];
export type NewsletterJid = components['schemas']['NewsletterJid'];
export type ChatNumber = components['schemas']['ChatNumber'];
export type MuteDuration = components['schemas']['MuteDuration'];
export type MuteRequest = components['schemas']['MuteRequest'];
export type UnmuteRequest = components['schemas']['UnmuteRequest'];
export type MuteChatRequest = components['schemas']['MuteChatRequest'];
export type ChatJid = components['schemas']['ChatJid'];
export type ChatMuted8HoursResponse = components['schemas']['ChatMuted8HoursResponse'];
export type ChatMutedOneWeekResponse = components['schemas']['ChatMutedOneWeekResponse'];
export type ChatMutedPermanentlyResponse = components['schemas']['ChatMutedPermanentlyResponse'];
export type ChatMutedResponse = components['schemas']['ChatMutedResponse'];
export type ChatUnmutedResponse = components['schemas']['ChatUnmutedResponse'];
export type MuteChatResponse = components['schemas']['MuteChatResponse'];
export type ResponseBlockContactBadRequest = components['responses']['BlockContactBadRequest'];
export type ResponseUnauthorized = components['responses']['Unauthorized'];
export type ResponseForbidden = components['responses']['Forbidden'];
export type ResponseNotFound = components['responses']['NotFound'];
export type ResponseTooManyRequests = components['responses']['TooManyRequests'];
export type ResponseInternalServerError = components['responses']['InternalServerError'];
export type ResponseServiceUnavailable = components['responses']['ServiceUnavailable'];
export type ResponseMuteChatBadRequest = components['responses']['MuteChatBadRequest'];
export type ParameterInstance = components['parameters']['Instance'];
export type HeaderXRateLimitLimit = components['headers']['X-RateLimit-Limit'];
export type HeaderXRateLimitRemaining = components['headers']['X-RateLimit-Remaining'];
export type HeaderXRateLimitReset = components['headers']['X-RateLimit-Reset'];
export type $defs = Record<string, never>;
export interface operations {
    blockContact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The name of the instance (the WhatsApp session) to act on, as chosen when it was created. The token must
                 *     own it. Upstream does not document a character set; the contract accepts any non-empty name that fits
                 *     in one path segment.
                 * @example my-instance
                 */
                instance: components["parameters"]["Instance"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BlockContactRequest"];
            };
        };
        responses: {
            /**
             * @description The contact now has the requested state. `blocked` repeats that state and `blocked_count` gives the
             *     number of blocked contacts on the account afterwards.
             */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlockContactResponse"];
                };
            };
            400: components["responses"]["BlockContactBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    muteChat: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The name of the instance (the WhatsApp session) to act on, as chosen when it was created. The token must
                 *     own it. Upstream does not document a character set; the contract accepts any non-empty name that fits
                 *     in one path segment.
                 * @example my-instance
                 */
                instance: components["parameters"]["Instance"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MuteChatRequest"];
            };
        };
        responses: {
            /**
             * @description The chat now has the requested state. `muted` is the final state; `duration` is the mute window in
             *     seconds, `0` when the mute has no end or the chat was unmuted. `message` names the outcome.
             */
            200: {
                headers: {
                    "X-RateLimit-Limit": components["headers"]["X-RateLimit-Limit"];
                    "X-RateLimit-Remaining": components["headers"]["X-RateLimit-Remaining"];
                    "X-RateLimit-Reset": components["headers"]["X-RateLimit-Reset"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MuteChatResponse"];
                };
            };
            400: components["responses"]["MuteChatBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
