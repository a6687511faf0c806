import type { DeviceMeta, DeviceType } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';

/** The retained `meta` of a discrete device (§3.2): type, schema version, names, gateway, units, commands. */
export function discreteMeta(device: PlantDevice, type: DeviceType, nowMs: number, units: Readonly<Record<string, string>>, cmds?: Readonly<Record<string, Record<string, unknown>>>): DeviceMeta {
  return {
    ts: nowMs,
    v: {
      type, schema: 1, name: device.name,
      ...(device.nameZh === undefined ? {} : { nameZh: device.nameZh }),
      ...(device.via === undefined ? {} : { via: device.via }),
      units: { ...units },
      ...(cmds === undefined ? {} : { cmds }),
    },
  };
}
