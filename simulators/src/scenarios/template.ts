/** Values a key or name template can refer to. */
export type TemplateVars = Readonly<Record<string, string | number | boolean>>;

/**
 * Fills `{name}`, `{name:W}` (zero-padded to W digits), `{name+K}` and `{name+K:W}` from `vars`
 * (scenario data files, docs/simulators.md). An unknown name is an error, never an empty string.
 */
export function fill(template: string, vars: TemplateVars): string {
  return template.replace(/\{([A-Za-z]\w*)(?:\+(\d+))?(?::(\d+))?\}/g, (_, name: string, plus: string | undefined, width: string | undefined) => {
    const value = vars[name];
    if (value === undefined) throw new RangeError(`template ${JSON.stringify(template)}: unknown placeholder {${name}}`);
    if (plus === undefined && width === undefined) return String(value);
    const n = Number(value) + Number(plus ?? 0);
    if (!Number.isInteger(n)) throw new RangeError(`template ${JSON.stringify(template)}: {${name}} is not an integer`);
    return String(n).padStart(Number(width ?? 0), '0');
  });
}

/** Resolves a count: a number, `$knob`, `{field}` of the current row, or digits. */
export function resolveCount(spec: number | string, knobs: TemplateVars, row: TemplateVars): number {
  if (typeof spec === 'number') return spec;
  const value = spec.startsWith('$') ? knobs[spec.slice(1)] : spec.startsWith('{') ? row[spec.slice(1, -1)] : Number(spec);
  const n = Number(value);
  if (value === undefined || !Number.isFinite(n) || n < 0) throw new RangeError(`count ${JSON.stringify(spec)} does not resolve to a non-negative number`);
  return n;
}
