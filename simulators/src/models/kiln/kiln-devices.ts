import type { DeviceType } from '@plantwatch/contracts';
import { KILN_FANS, KILN_FAN_IDS } from './kiln-equipment.params.js';

/** Where a kiln sits in the plant hierarchy (domain.md §3.1): one line per kiln. */
export interface KilnLine {
  readonly enterprise: string;
  readonly site: string;
  readonly area: string;
  /** e.g. `tk03` (tunnel kiln 3) or `sk12` (shuttle kiln 12). */
  readonly line: string;
}

/** One device of a kiln as a scenario lays it out (a `ScenarioDevice` without the group). */
export interface KilnDeviceSpec {
  readonly key: string;
  readonly type: DeviceType;
  readonly name: string;
  readonly nameZh?: string;
}

/** Options of {@link tunnelKilnDeviceList}. */
export interface TunnelKilnListOptions {
  /** Burner devices b01…bNN to publish (≤ 40, the model has 8 zones × 5). Default 40. */
  readonly burners?: number;
  /** Flame-vision cameras cam01…camNN (§2.1.4: 4–8). Default 4. */
  readonly cameras?: number;
  /** Kiln label for names, e.g. `Tunnel kiln 3` / `3号隧道窑`. Default from the line slug. */
  readonly label?: string;
  readonly labelZh?: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Every device of one tunnel kiln (domain.md §2.1.4, §3.1): the PLC (`controller/plc`), burners
 * (`burners/b01`…), flame cameras (`vision/cam01`…), the six fans (`fans/exhaust-1`…), the pusher
 * (`pusher/pusher-1`) and the gas skid (`gas/skid-1`). All of them share one physical model.
 */
export function tunnelKilnDeviceList(line: KilnLine, options: TunnelKilnListOptions = {}): KilnDeviceSpec[] {
  const base = `${line.enterprise}/${line.site}/${line.area}/${line.line}`;
  const label = options.label ?? line.line.toUpperCase();
  const zh = options.labelZh ?? `${line.line.toUpperCase()}隧道窑`;
  const device = (cell: string, name: string, type: DeviceType, en: string, cn: string): KilnDeviceSpec => ({ key: `${base}/${cell}/${name}`, type, name: `${label} ${en}`, nameZh: `${zh}${cn}` });
  const burners = Math.min(40, Math.max(0, options.burners ?? 40));
  const cameras = Math.min(8, Math.max(0, options.cameras ?? 4));
  return [
    device('controller', 'plc', 'tunnel-kiln', 'PLC', ' PLC'),
    ...Array.from({ length: burners }, (_, k) => device('burners', `b${pad(k + 1)}`, 'kiln-burner', `burner ${k + 1}`, `${k + 1}号烧嘴`)),
    ...Array.from({ length: cameras }, (_, c) => device('vision', `cam${pad(c + 1)}`, 'flame-camera', `flame camera ${c + 1}`, `${c + 1}号火焰监控`)),
    ...KILN_FAN_IDS.map((id) => device('fans', id, 'kiln-fan', `fan ${id}`, KILN_FANS[id].nameZh)),
    device('pusher', 'pusher-1', 'kiln-pusher', 'car pusher', '推车机'),
    device('gas', 'skid-1', 'gas-skid', 'gas skid', '燃气调压撬'),
  ];
}

/** The one device of a shuttle kiln: its programme controller `controller/plc` (domain.md §2.2). */
export function shuttleKilnDeviceList(line: KilnLine, label = line.line.toUpperCase()): KilnDeviceSpec[] {
  const key = `${line.enterprise}/${line.site}/${line.area}/${line.line}/controller/plc`;
  return [{ key, type: 'shuttle-kiln', name: `${label} shuttle kiln controller`, nameZh: `${label}梭式窑控制器` }];
}
