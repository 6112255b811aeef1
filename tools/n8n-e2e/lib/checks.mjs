// A minimal check list: every check is named, counted, and reported on one line, prefixed with the
// run it belongs to (`label`), so two n8n versions can report side by side.
export function createChecks(label = '') {
  const results = [];
  const prefix = label ? `[${label}] ` : '';
  return {
    label,
    log(line) {
      console.log(`${prefix}${line}`);
    },
    check(name, condition, detail = '') {
      results.push({ name, ok: Boolean(condition) });
      console.log(`${prefix}${condition ? '  ok  ' : '  FAIL'} ${name}${!condition && detail ? ` (${detail})` : ''}`);
    },
    equal(name, actual, expected) {
      const ok = JSON.stringify(actual) === JSON.stringify(expected);
      this.check(name, ok, `got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
    },
    fail(name, error) {
      results.push({ name, ok: false });
      console.log(`${prefix}  FAIL ${name} (${error instanceof Error ? error.message : String(error)})`);
    },
    summary() {
      const passed = results.filter((r) => r.ok).length;
      return { passed, failed: results.length - passed };
    },
  };
}
