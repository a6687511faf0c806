import type { z } from 'zod';

/**
 * Device payloads are checked on the hot path of every service (ingest, alarms, api), and zod's
 * general machinery (a result object per node, issue arrays, a copy of every object) cost a
 * sixth of each service's CPU under load (docs/load.md). The schemas stay the one definition:
 * {@link parsePayload} first runs a yes/no checker compiled from the schema's zod definition, and
 * asks zod itself only when that says no, so every error message is zod's own.
 *
 * The checker covers what the payload schemas use — strict and loose objects, arrays, records
 * with string keys, tuples, unions, numbers (finite, int, bounds), strings (length, regex),
 * enums, literals, booleans, null, nullable, optional, defaults on object keys. A schema with
 * anything else (a refinement, a transform, a plain stripping `z.object`, other formats) gets
 * no checker and is parsed by zod alone. On success the input itself is the result, with the
 * defaults of absent keys filled in — exactly zod's output for these schemas (the differential
 * test in simulators/ holds every simulated payload and thousands of broken ones to that).
 */

type Check = (value: unknown) => boolean;

interface CheckDef {
  readonly check: string;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly length?: number;
  readonly format?: string;
  readonly pattern?: RegExp;
}

interface SchemaDef {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly format?: string;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly catchall?: z.ZodType;
  readonly keyType?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly items?: readonly z.ZodType[];
  readonly rest?: z.ZodType | null;
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly values?: readonly unknown[];
  readonly defaultValue?: unknown;
}

class Unsupported extends Error {}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const always: Check = () => true;

const checkers = new WeakMap<z.ZodType, Check | null>();

export type PayloadParse = { readonly success: true; readonly data: unknown } | { readonly success: false; readonly error: z.ZodError };

/** zod's `safeParse`, fast for valid payloads; see the file comment. */
export function parsePayload(schema: z.ZodType, data: unknown): PayloadParse {
  let check = checkers.get(schema);
  if (check === undefined) {
    check = compilePayloadCheck(schema) ?? null;
    checkers.set(schema, check);
  }
  if (check !== null && check(data)) return { success: true, data };
  return schema.safeParse(data);
}

/** The compiled yes/no checker of `schema`, or undefined when it uses something not covered. */
export function compilePayloadCheck(schema: z.ZodType): Check | undefined {
  try {
    return compile(schema, false);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/** `inUnion`: a union option must not fill defaults (a failing option would leave them behind). */
function compile(schema: z.ZodType, inUnion: boolean): Check {
  const def = defOf(schema);
  switch (def.type) {
    case 'number':
      return numberCheck(def);
    case 'string':
      return stringCheck(def);
    case 'boolean':
      return plain(def, (v) => typeof v === 'boolean');
    case 'null':
      return plain(def, (v) => v === null);
    case 'unknown':
    case 'any':
      return plain(def, always);
    case 'enum': {
      const allowed = new Set(Object.values(def.entries ?? {}));
      return plain(def, (v) => allowed.has(v));
    }
    case 'literal': {
      const allowed = new Set(def.values ?? []);
      return plain(def, (v) => allowed.has(v));
    }
    case 'nullable': {
      const inner = compile(need(def.innerType), inUnion);
      return plain(def, (v) => v === null || inner(v));
    }
    case 'optional': {
      const inner = compile(need(def.innerType), inUnion);
      return plain(def, (v) => v === undefined || inner(v));
    }
    case 'array':
      return arrayCheck(def, compile(need(def.element), inUnion));
    case 'tuple':
      return tupleCheck(def, inUnion);
    case 'object':
      return objectCheck(def, inUnion);
    case 'record':
      return recordCheck(def, inUnion);
    case 'union': {
      const options = (def.options ?? []).map((option) => compile(option, true));
      return plain(def, (v) => options.some((option) => option(v)));
    }
    default:
      throw new Unsupported(def.type);
  }
}

function need(schema: z.ZodType | null | undefined): z.ZodType {
  if (!schema) throw new Unsupported('missing inner schema');
  return schema;
}

/** A schema with no checks of its own (a refinement on it is not covered). */
function plain(def: SchemaDef, check: Check): Check {
  if (def.checks !== undefined && def.checks.length > 0) throw new Unsupported(`checks on ${def.type}`);
  return check;
}

function numberCheck(def: SchemaDef): Check {
  let min = -Infinity;
  let minInclusive = true;
  let max = Infinity;
  let maxInclusive = true;
  let integer = false;
  if (def.format !== undefined) {
    if (def.format !== 'safeint') throw new Unsupported(`number format ${def.format}`);
    integer = true;
  }
  for (const { _zod } of def.checks ?? []) {
    const check = _zod.def;
    if (check.check === 'greater_than' && check.value !== undefined && check.value >= min) {
      min = check.value;
      minInclusive = check.inclusive === true;
    } else if (check.check === 'less_than' && check.value !== undefined && check.value <= max) {
      max = check.value;
      maxInclusive = check.inclusive === true;
    } else if (check.check === 'number_format' && check.format === 'safeint') integer = true;
    else throw new Unsupported(`number check ${check.check}`);
  }
  return (v) =>
    typeof v === 'number' &&
    (integer ? Number.isSafeInteger(v) : Number.isFinite(v)) &&
    (minInclusive ? v >= min : v > min) &&
    (maxInclusive ? v <= max : v < max);
}

function stringCheck(def: SchemaDef): Check {
  if (def.format !== undefined) throw new Unsupported(`string format ${def.format}`);
  const { min, max } = lengthBounds(def);
  const patterns: RegExp[] = [];
  for (const { _zod } of def.checks ?? []) {
    const check = _zod.def;
    if (check.check === 'string_format' && check.format === 'regex' && check.pattern) patterns.push(check.pattern);
    else if (!isLengthCheck(check)) throw new Unsupported(`string check ${check.check}`);
  }
  return (v) => {
    if (typeof v !== 'string' || v.length < min || v.length > max) return false;
    for (const pattern of patterns) {
      pattern.lastIndex = 0; // as zod does: a global or sticky pattern starts over
      if (!pattern.test(v)) return false;
    }
    return true;
  };
}

function isLengthCheck(check: CheckDef): boolean {
  return check.check === 'min_length' || check.check === 'max_length' || check.check === 'length_equals';
}

function lengthBounds(def: SchemaDef): { min: number; max: number } {
  let min = 0;
  let max = Infinity;
  for (const { _zod } of def.checks ?? []) {
    const check = _zod.def;
    if (check.check === 'min_length') min = Math.max(min, check.minimum ?? 0);
    else if (check.check === 'max_length') max = Math.min(max, check.maximum ?? Infinity);
    else if (check.check === 'length_equals') {
      min = Math.max(min, check.length ?? 0);
      max = Math.min(max, check.length ?? Infinity);
    }
  }
  return { min, max };
}

function arrayCheck(def: SchemaDef, element: Check): Check {
  for (const { _zod } of def.checks ?? []) if (!isLengthCheck(_zod.def)) throw new Unsupported(`array check ${_zod.def.check}`);
  const { min, max } = lengthBounds(def);
  return (v) => {
    if (!Array.isArray(v) || v.length < min || v.length > max) return false;
    for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
    return true;
  };
}

function tupleCheck(def: SchemaDef, inUnion: boolean): Check {
  if (def.rest) throw new Unsupported('tuple rest');
  const items = (def.items ?? []).map((item) => {
    if (defOf(item).type === 'optional') throw new Unsupported('optional tuple item');
    return compile(item, inUnion);
  });
  return plain(def, (v) => Array.isArray(v) && v.length === items.length && items.every((item, i) => item(v[i])));
}

interface KeyCheck {
  readonly key: string;
  readonly check: Check;
  /** Absent is fine (optional) … */
  readonly optional: boolean;
  /** … or is filled with this (default). */
  readonly fill?: { readonly value: unknown };
}

function objectCheck(def: SchemaDef, inUnion: boolean): Check {
  const catchall = def.catchall === undefined ? undefined : defOf(def.catchall).type;
  // no catchall: zod strips unknown keys (a copy the checker does not make); other catchalls check them
  if (catchall !== 'never' && catchall !== 'unknown' && catchall !== 'any') throw new Unsupported(`object catchall ${catchall ?? 'strip'}`);
  const shape = def.shape ?? {};
  const keys: KeyCheck[] = Object.keys(shape).map((key) => keyCheck(key, need(shape[key]), inUnion));
  const known = new Set(keys.map((k) => k.key));
  const strict = catchall === 'never';
  return plain(def, (v) => {
    if (!isObject(v)) return false;
    for (const { key, check, optional, fill } of keys) {
      const value = v[key];
      if (value === undefined) {
        if (fill !== undefined) v[key] = fill.value;
        else if (!optional) return false;
      } else if (!check(value)) return false;
    }
    if (strict) for (const key in v) if (!known.has(key)) return false;
    return true;
  });
}

function keyCheck(key: string, schema: z.ZodType, inUnion: boolean): KeyCheck {
  const def = defOf(schema);
  if (def.type === 'default') {
    if (inUnion) throw new Unsupported('default inside a union');
    const value = def.defaultValue;
    if (value !== null && typeof value === 'object') throw new Unsupported('object default');
    return { key, check: plain(def, compile(need(def.innerType), inUnion)), optional: true, fill: { value } };
  }
  const check = compile(schema, inUnion);
  return { key, check, optional: check(undefined) };
}

function recordCheck(def: SchemaDef, inUnion: boolean): Check {
  if (!def.keyType || defOf(def.keyType).type !== 'string') throw new Unsupported('record key other than string');
  const keyOk = compile(def.keyType, inUnion);
  const valueOk = compile(need(def.valueType), inUnion);
  return plain(def, (v) => {
    if (!isObject(v)) return false;
    for (const key in v) if (!keyOk(key) || !valueOk(v[key])) return false;
    return true;
  });
}
