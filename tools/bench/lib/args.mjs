// Command-line flags shared by every bench script: `--name value`, `--name=value` or a bare
// `--name` (true). A bad number fails loudly, naming the flag, before anything starts.

export function flag(name, fallback, argv = process.argv) {
  const prefix = `--${name}=`;
  const inline = argv.find((arg) => arg.startsWith(prefix));
  if (inline !== undefined) return inline.slice(prefix.length);
  const i = argv.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const value = argv[i + 1];
  return value === undefined || value.startsWith('--') ? true : value;
}

/** A non-negative finite number (an integer when `integer`), or `fallback` when the flag is absent. */
export function numberFlag(name, fallback, { integer = true, argv = process.argv } = {}) {
  const raw = flag(name, undefined, argv);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw === true || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new TypeError(`--${name} must be a non-negative ${integer ? 'integer' : 'number'}, got ${String(raw)}`);
  }
  return value;
}

export const smoke = flag('smoke', false) === true;
