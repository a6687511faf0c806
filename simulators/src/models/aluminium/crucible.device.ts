import type { CrucibleTelemetry } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import type { DeviceContext } from '../device-factory.js';
import type { FaultHandler, SimDevice } from '../sim-device.js';
import { casthouseSite, type CasthouseSite } from './casthouse.site.js';
import type { CrucibleModel } from './crucible.model.js';
import { choiceOption, eventStream, faultHandler, metaOf, numberOption, stagger } from './device-kit.js';
import { nonNegative, roundTo, Sensor } from './sensor.js';

/** Publish periods (§3.4: telemetry 10 s); events polled every 5 s. */
export const CRUCIBLE_PERIODS = { telemetryMs: 10_000, eventMs: 5_000 } as const;

const UNITS = { tMetal: '°C', massT: 't', pos: 'deg', etaMin: 'min', purityPct: '%' };

/**
 * A hot-metal crucible as a {@link SimDevice} (domain.md §2.3.2, §3.4): `telemetry` every 10 s,
 * `event` departed / delivered / breakdown / repaired, retained `state` = transit state, and the
 * §2.3.8 HOT_METAL_SHORTAGE fault (truck breakdown). The crucible belongs to its site's logistics
 * whatever its enterprise (the smelter `xx-smelter` serves Yihe and Yuantai at `xx-watang`).
 */
export function crucibleDevice(device: PlantDevice, context: DeviceContext): SimDevice {
  const site = casthouseSite(context, device.key);
  const model = site.crucible(device.key);
  const rng = Rng.forKey(context.seed, device.key);
  const advance = (now: number): void => site.advance(now);
  const read = crucibleReader(site, model, rng);
  const { telemetryMs, eventMs } = CRUCIBLE_PERIODS;
  return {
    key: device.key,
    type: 'crucible',
    meta: metaOf(device, 'crucible', UNITS),
    streams: [
      {
        cls: 'telemetry', sub: [], qos: 0, periodMs: telemetryMs, firstAfterMs: stagger(device.key, telemetryMs),
        emit: (now) => {
          advance(now);
          return read(now);
        },
      },
      eventStream(device.key, eventMs, advance, () => model.events.next()),
    ],
    state: (now) => {
      advance(now);
      return { mode: model.state };
    },
    faults: { HOT_METAL_SHORTAGE: shortageFault(site, model) },
  };
}

/**
 * §2.3.8 "Crucible late / supply gap" (fault-storm t = 10 min: truck breakdown, no deliveries for
 * 2 h). Scope `road` (default): the broken truck blocks the park's one internal road (seed X10), so
 * no crucible departs or arrives; scope `truck`: only this crucible stops. ETAs slip; furnaces
 * that are not refilled fall, and after 90 min of unmet demand the plant's rod lines slow down.
 */
function shortageFault(site: CasthouseSite, model: CrucibleModel): FaultHandler {
  return faultHandler(
    (now) => site.advance(now),
    'Crucible truck breakdown / supply gap: ETA slips, furnace levels fall, after 90 min without delivery rod lines slow 15 % (options: scope road|truck default road, repairMin default 120)',
    (now, options) => {
      const repairMin = numberOption(options, 'repairMin', 120);
      model.breakDown(now, repairMin);
      if (choiceOption(options, 'scope', ['road', 'truck'], 'road') === 'road') site.logistics.blockRoad(now, repairMin);
    },
    (now) => {
      model.repair(now);
      site.logistics.clearRoad();
    },
  );
}

function crucibleReader(site: CasthouseSite, model: CrucibleModel, rng: Rng): (nowMs: number) => CrucibleTelemetry {
  const seq = new SequenceCounter();
  const tMetal = new Sensor({ wander: 1, rho: 0.99, white: 0.8, resolution: 1 }, rng);
  const mass = new Sensor({ wander: 0.02, rho: 0.95, white: 0.03, resolution: 0.1 }, rng);
  return (now) => {
    const [lat0, lon0] = model.params.smelterPos;
    const [lat1, lon1] = model.destPos;
    const f = model.posFrac;
    const gps = (): number => rng.normal(0, 0.00002); // ≈ 2 m
    return {
      ts: now,
      seq: seq.next(),
      v: {
        tMetal: model.tMetal === null ? null : tMetal.read(model.tMetal, now, rng),
        massT: nonNegative(mass.read(model.massT, now, rng)),
        pos: [roundTo(lat0 + (lat1 - lat0) * f + gps(), 0.00001), roundTo(lon0 + (lon1 - lon0) * f + gps(), 0.00001)],
        state: model.state,
        etaMin: model.etaMin(now, site.logistics),
        purityPct: model.purityPct,
        lid: model.state === 'filling' || model.state === 'pouring' ? 'open' : 'closed',
        dest: model.dest?.key ?? null,
      },
      q: 'good',
    };
  };
}
