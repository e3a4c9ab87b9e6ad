// Redocly plugin for the docs page only. redocly.yaml applies its decorators to the `chat-docs` API
// (generated/openapi.yaml as `npm run docs` renders it); the bundle itself, the types, the lint and the
// breaking-change gate never see them. Each one changes how Redoc presents the contract, never what it says
// (DECISIONS.md D-28, D-30); test/docs-page-plugin.test.ts runs each on a tiny document, both ways.

/**
 * one-tag-flat: with a single tag, Redoc's sidebar folds every operation under one collapsed entry that adds
 * nothing (here "Chat"). Redoc lists untagged operations at the top level, so the page drops the lone tag.
 * Two tags or more are a real grouping and are kept.
 */
function oneTagFlat() {
  return {
    Root: {
      leave(root) {
        const used = new Set();
        for (const pathItem of Object.values(root.paths ?? {})) {
          for (const operation of Object.values(pathItem ?? {})) {
            for (const tag of operation?.tags ?? []) used.add(tag);
          }
        }
        for (const tag of root.tags ?? []) used.add(tag.name);
        if (used.size !== 1) return;
        delete root.tags;
        for (const pathItem of Object.values(root.paths ?? {})) {
          for (const operation of Object.values(pathItem ?? {})) {
            if (operation && typeof operation === 'object' && 'tags' in operation) delete operation.tags;
          }
        }
      },
    },
  };
}

/**
 * const-without-range: a schema whose `const` has `minimum` and `maximum` equal to it (the response `duration`
 * variants carry both for the OWASP integer rules) is printed by Redoc as the range "[ 28800 .. 28800 ]" next to
 * "Value: 28800". Those bounds say nothing the const does not, so the page drops them; a schema with a real range,
 * or without a const, is left alone.
 */
function constWithoutRange() {
  return {
    Schema: {
      leave(schema) {
        if (typeof schema.const !== 'number') return;
        if (schema.minimum === schema.const && schema.maximum === schema.const) {
          delete schema.minimum;
          delete schema.maximum;
        }
      },
    },
  };
}

export default function docsPagePlugin() {
  return {
    id: 'ryze-docs',
    decorators: {
      oas3: {
        'one-tag-flat': oneTagFlat,
        'const-without-range': constWithoutRange,
      },
    },
  };
}
