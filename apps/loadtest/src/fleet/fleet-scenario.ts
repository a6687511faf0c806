import type { DeviceType } from '@plantwatch/contracts';
import type { PlantLayout, Scenario, ScenarioDevice } from '@plantwatch/simulators';

/** Enterprise and site of the synthetic fleet: `load/fleet/synthetic/l01/c001/d00001`. */
export const FLEET_SITE = 'load/fleet';
const AREA = `${FLEET_SITE}/synthetic`;
const PER_CELL = 100;
const PER_LINE = 10;

/** What a synthetic fleet is: `devices` devices of one type, grouped 100 to a cell, 10 cells to a line. */
export interface FleetSpec {
  readonly devices: number;
  readonly type: DeviceType;
}

/** Device keys of a fleet, in publishing order. */
export function fleetDeviceKeys(spec: FleetSpec): string[] {
  return Array.from({ length: spec.devices }, (_, i) => {
    const cell = Math.floor(i / PER_CELL);
    const line = Math.floor(cell / PER_LINE);
    return `${AREA}/l${String(line + 1).padStart(2, '0')}/c${String(cell + 1).padStart(3, '0')}/d${String(i + 1).padStart(5, '0')}`;
  });
}

/**
 * The fleet as a scenario, so it joins a generated plant beside real ones (`generatePlant([…, fleetScenario(spec)])`):
 * every device gets its own credentials and topic ACL like any plant device.
 */
export function fleetScenario(spec: FleetSpec): Scenario {
  if (!Number.isInteger(spec.devices) || spec.devices < 1 || spec.devices > 100_000) throw new RangeError(`fleet size must be 1–100,000 devices, got ${spec.devices}`);
  return {
    name: 'load-fleet',
    description: `Synthetic load fleet: ${spec.devices} × ${spec.type}`,
    layout(): PlantLayout {
      const nodes: Record<string, { name: string }> = { load: { name: 'Load test' }, [FLEET_SITE]: { name: 'Synthetic fleet' }, [AREA]: { name: 'Synthetic devices' } };
      const devices: ScenarioDevice[] = fleetDeviceKeys(spec).map((key) => {
        const [, , , line, cell, device] = key.split('/') as [string, string, string, string, string, string];
        nodes[`${AREA}/${line}`] ??= { name: `Line ${line}` };
        nodes[`${AREA}/${line}/${cell}`] ??= { name: `Cell ${cell}` };
        return { key, type: spec.type, name: `Fleet ${device}` };
      });
      return { nodes, devices };
    },
  };
}
