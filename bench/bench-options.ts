/**
 * Whole-number benchmark options from `--name value` / `--name=value` arguments and
 * `<PREFIX>_<NAME>` environment variables (arguments win), into `options` in place.
 */
export function readNumericOptions<T extends { [K in keyof T]: number }>(
  options: T,
  keys: Readonly<Record<string, keyof T>>,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  prefix: string,
): T {
  const set = (name: string, raw: string | undefined, where: string): void => {
    const key = keys[name];
    if (!key) throw new Error(`unknown option ${where} (known: ${Object.keys(keys).join(', ')})`);
    const value = Number(raw?.replace(/_/g, ''));
    if (raw === undefined || !Number.isInteger(value) || value < 0) throw new Error(`${where} needs a whole number ≥ 0, got ${raw}`);
    (options as Record<keyof T, number>)[key] = value;
  };
  for (const name of Object.keys(keys)) {
    const variable = `${prefix}_${name.toUpperCase().replace(/-/g, '_')}`;
    if (env[variable] !== undefined) set(name, env[variable], variable);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    if (eq > 0) set(arg.slice(2, eq), arg.slice(eq + 1), arg.slice(0, eq));
    else set(arg.slice(2), argv[++i], arg);
  }
  return options;
}
