// Which repository files become pages of the site (copied by scripts/build.mjs with a `source:` line,
// so their relative links still resolve from where they live) and where everything else links to.
// One list for the build and for the link rewriter in config.ts, so neither can drift.

/** The repository as its README and package metadata name it. */
export const REPOSITORY = 'https://github.com/credit-check/credit-check';

/** Repository file → the site page it is copied to (relative to docs/). */
export const COPIED = {
  'packages/sdk/README.md': 'packages/sdk.md',
  'packages/widget/README.md': 'packages/widget.md',
  'packages/mock-server/README.md': 'packages/mock-server.md',
  'demo/README.md': 'packages/demo.md',
  'ARCHITECTURE.md': 'architecture.md',
  'CONTRIBUTING.md': 'contributing.md',
  'SECURITY.md': 'security-policy.md',
};

/** What the build writes (never edited by hand; ignored by git). */
export const GENERATED_DIRS = ['packages', 'reference', 'public'];
