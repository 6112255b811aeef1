// The environment for an npm or node child that must act as its own project. Under `npm run`, npm
// exports its config as npm_config_* (local_prefix is the monorepo root), so a nested npm would
// inherit it and install into the workspace.
export function withoutNpmConfig(env = process.env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name) && name !== 'INIT_CWD'));
}
