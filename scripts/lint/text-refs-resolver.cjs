// Spectral resolver that keeps the openapi-starter convention of `$ref`-ing code samples from x-codeSamples:
// Spectral parses every referenced file as YAML or JSON, so a shell or TypeScript sample breaks the lint with
// parser errors. This resolver hands files that are not YAML or JSON over as plain text (as Redocly's bundler
// does) and leaves everything else to Spectral. Used by scripts/lint.mjs via `spectral lint --resolver`.
const { Resolver } = require('@stoplight/spectral-ref-resolver');
const { resolveFile, createResolveHttp } = require('@stoplight/json-ref-readers');

const STRUCTURED = /\.(?:ya?ml|json)$/i;

class TextRefsResolver extends Resolver {
  resolve(source, opts = {}) {
    const parse = opts.parseResolveResult;
    return super.resolve(source, {
      ...opts,
      parseResolveResult: async (resolveOpts) => {
        const target = resolveOpts.targetAuthority.href().replace(/\/$/, '');
        if (!STRUCTURED.test(target)) {
          resolveOpts.result = String(resolveOpts.result);
          return resolveOpts;
        }
        return parse ? parse(resolveOpts) : resolveOpts;
      },
    });
  }
}

const resolveHttp = createResolveHttp();
module.exports = new TextRefsResolver({
  resolvers: { file: { resolve: resolveFile }, http: { resolve: resolveHttp }, https: { resolve: resolveHttp } },
});
