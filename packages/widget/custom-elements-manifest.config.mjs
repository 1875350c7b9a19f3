export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/test/**'],
  outdir: '.',
  litelement: true,
};
