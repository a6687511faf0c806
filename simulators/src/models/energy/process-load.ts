import type { DeviceContext } from '../device-factory.js';

/** What a process draws at one instant: the quantities a meter or a stack monitor follows. */
export interface ProcessLoadSample {
  /** Electric active power [kW]. */
  readonly kw: number;
  /** Natural gas [Nm³/h]. */
  readonly gasNm3h: number;
}

/** A process's load at simulated time `nowMs` (advances the process model as needed). */
export type ProcessLoadSource = (nowMs: number) => ProcessLoadSample;

/**
 * `context.shared` key of the one {@link ProcessLoads} registry of a simulation (domain.md §2.6.4:
 * a meter attached to a process follows that process's load).
 */
export const PROCESS_LOADS_KEY = 'energy/process-loads';

/**
 * Which process each meter, gas meter or CEMS follows. Process models register their load under
 * their line key (`enterprise/site/area/line`) and under `line/{device slug}`; a meter resolves, in
 * order: an explicit {@link ProcessLoads.attach} (a scenario wires any meter to any registered
 * key), then `{its line}/{its cell}` (a meter in cell `hf-04` of line `hf` follows furnace hf-04),
 * then `{its line}` (the sum of every process on that line: a header meter). No match → the meter
 * runs standalone on its shift profile.
 */
export class ProcessLoads {
  private readonly sources = new Map<string, ProcessLoadSource[]>();
  private readonly attachments = new Map<string, string>();

  /** Adds `source` under `key`; several sources under one key are summed. */
  register(key: string, source: ProcessLoadSource): void {
    const list = this.sources.get(key);
    if (list === undefined) this.sources.set(key, [source]);
    else list.push(source);
  }

  /** Makes `meterKey` follow whatever is registered under `processKey`. */
  attach(meterKey: string, processKey: string): void {
    this.attachments.set(meterKey, processKey);
  }

  /** The load `meterKey` follows, or undefined to run standalone. Resolve after every factory ran. */
  resolve(meterKey: string): ProcessLoadSource | undefined {
    const parts = meterKey.split('/');
    const line = parts.slice(0, 4).join('/');
    const candidates = [this.attachments.get(meterKey), `${line}/${parts[4] ?? '_'}`, line];
    for (const key of candidates) {
      const list = key === undefined ? undefined : this.sources.get(key);
      if (list !== undefined && list.length > 0) return sumOf(list);
    }
    return undefined;
  }
}

function sumOf(list: readonly ProcessLoadSource[]): ProcessLoadSource {
  if (list.length === 1) return list[0] as ProcessLoadSource;
  return (nowMs) => {
    let kw = 0;
    let gasNm3h = 0;
    for (const source of list) {
      const s = source(nowMs);
      kw += s.kw;
      gasNm3h += s.gasNm3h;
    }
    return { kw, gasNm3h };
  };
}

/** The simulation's process-load registry (`context.shared(PROCESS_LOADS_KEY)`). */
export function processLoads(context: Pick<DeviceContext, 'shared'>): ProcessLoads {
  return context.shared(PROCESS_LOADS_KEY, () => new ProcessLoads());
}

/** Registers `source` for a process device under its line key and `line/{device slug}`. */
export function registerProcessLoad(context: Pick<DeviceContext, 'shared'>, deviceKey: string, source: ProcessLoadSource): void {
  const parts = deviceKey.split('/');
  const line = parts.slice(0, 4).join('/');
  const registry = processLoads(context);
  registry.register(line, source);
  registry.register(`${line}/${parts[5] ?? ''}`, source);
}
