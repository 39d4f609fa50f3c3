/**
 * Sets exactly these environment variables for the CLI run in-process: the ones given, and
 * none of the others (so a variable from the developer's shell cannot leak into a test).
 */
export function envSetter<K extends string>(keys: readonly K[]) {
  return (values: Partial<Record<K, string>>) => {
    for (const key of keys) {
      const value = values[key];
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
