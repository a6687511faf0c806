import type { PlantDevice } from '@plantwatch/domain';
import { fnv1a, Rng } from '../../kit/rng.js';
import type { DeviceContext, DeviceParams } from '../device-factory.js';
import type { CommandHandler } from '../sim-device.js';
import type { GatewaySimDevice } from './gateway-control.js';
import { gatewayFaults } from './gateway.faults.js';
import { GatewayModel, type GatewayIdentity } from './gateway.model.js';
import type { RadioSite } from './radio.model.js';

/** Radio tick [ms]: the modem query period of §2.7 (1–10 s), fine enough for T310 (1 s). */
export const GATEWAY_TICK_MS = 1_000;
/** §3.2: 5G gateways use a 60 s keepalive. */
export const GATEWAY_KEEPALIVE_S = 60;
/** §2.4.1 band/ARFCN pairs used in China (n79 China Mobile, n41, n78). */
const BANDS: Readonly<Record<string, number>> = { n79: 723_360, n41: 504_990, n78: 633_984 };

function param<T extends number | string | boolean>(params: DeviceParams | undefined, name: string, fallback: T): T {
  const value = params?.[name];
  return typeof value === typeof fallback ? (value as T) : fallback;
}

/** The gateway's radio spot: scenario parameters where given, else drawn from its own stream. */
function siteOf(params: DeviceParams | undefined, rng: Rng): RadioSite {
  return {
    baseRsrp: param(params, 'baseRsrp', Math.round(rng.uniform(-95, -70))),
    noiseFloor: rng.uniform(-105, -100),
    shadowSigma: rng.uniform(3, 6),
    shadowTauS: rng.uniform(30, 120),
    occlusionsPerHour: param(params, 'occlusionsPerHour', 0.5),
    difficult: param(params, 'difficult', false),
    cellLoad: rng.uniform(0.2, 0.5),
  };
}

function identityOf(key: string, params: DeviceParams | undefined, rng: Rng): GatewayIdentity {
  const band = param(params, 'band', 'n79');
  const cell = param(params, 'cell', 1);
  const pci = (cell * 3 + 300) % 1008;
  const h = fnv1a(key);
  return { band, arfcn: BANDS[band] ?? 723_360, cellId: 0x5a000 + cell, pcis: [pci, (pci + 3) % 1008], ip: `10.${64 + (h & 63)}.${(h >>> 8) & 255}.${1 + ((h >>> 16) % 254)}`, fw: `GW5G-2.${rng.int(1, 4)}.${rng.int(0, 9)}` };
}

function commands(model: GatewayModel): Record<string, CommandHandler> {
  return {
    reboot: (_request, nowMs) => {
      model.requestReboot(nowMs);
      return { status: 'accepted', progress: () => ({ status: 'applied', value: null }) };
    },
    'set-report-interval': (request) => {
      const seconds = request.value;
      if (typeof seconds !== 'number' || seconds < 1 || seconds > 300) return { status: 'rejected', code: 'OUT_OF_RANGE', message: 'value: report interval 1–300 s' };
      const prev = model.reportEveryMs / 1000;
      model.reportEveryMs = Math.round(seconds * 1000);
      return { status: 'accepted', prev, progress: () => ({ status: 'applied', value: seconds }) };
    },
  };
}

/**
 * A plant-model `gateway-5g` as a simulated device (domain.md §2.4): `telemetry/link` every 10 s
 * (settable 1–300 s), HO/RLF/boot `event`s, retained `state` with its serving cell, commands
 * `reboot` and `set-report-interval`, the §2.4.6 faults, and {@link GatewaySimDevice.gateway}
 * for the runtime's store-and-forward relay. Both streams tick every second (the radio model's
 * step); the link stream publishes only when a report is due.
 */
export function gatewayDevice(device: PlantDevice, context: DeviceContext): GatewaySimDevice {
  const rng = Rng.forKey(context.seed, device.key);
  const params = context.deviceParams?.(device.key);
  const model = new GatewayModel(siteOf(params, rng), identityOf(device.key, params, rng), rng, context.startMs);
  const stagger = fnv1a(device.key);
  let nextReport = context.startMs + (stagger % model.reportEveryMs);
  return {
    key: device.key,
    type: 'gateway-5g',
    meta: (nowMs) => ({
      ts: nowMs,
      v: {
        type: 'gateway-5g',
        schema: 1,
        name: device.name,
        ...(device.nameZh === undefined ? {} : { nameZh: device.nameZh }),
        fw: model.identity.fw,
        units: { rsrp: 'dBm', rsrq: 'dB', sinr: 'dB', ulMbps: 'Mbps', dlMbps: 'Mbps', ulCapMbps: 'Mbps', rttMs: 'ms', jitterMs: 'ms', lossPct: '%', tempC: 'degC' },
        cmds: { reboot: {}, 'set-report-interval': { min: 1, max: 300, unit: 's' } },
      },
    }),
    streams: [
      {
        cls: 'telemetry',
        sub: ['link'],
        qos: 0,
        periodMs: GATEWAY_TICK_MS,
        firstAfterMs: stagger % GATEWAY_TICK_MS,
        emit: (now) => {
          model.advance(now);
          if (now < nextReport || !model.powered) return undefined;
          nextReport = now + model.reportEveryMs;
          return model.link(now);
        },
      },
      {
        cls: 'event',
        sub: [],
        qos: 1,
        periodMs: GATEWAY_TICK_MS,
        firstAfterMs: stagger % GATEWAY_TICK_MS,
        emit: (now) => {
          model.advance(now);
          return model.nextEvent(now);
        },
      },
    ],
    state: () => ({ mode: 'auto', rat: model.registered ? 'NR-SA' : 'none', band: model.identity.band, cellId: model.identity.cellId, pci: model.pci, pdu: model.pdu, ip: model.registered ? model.identity.ip : null }),
    commands: commands(model),
    faults: gatewayFaults(model),
    gateway: {
      keepaliveS: GATEWAY_KEEPALIVE_S,
      uplinkUp: () => model.uplinkUp(),
      collecting: () => model.powered,
      report: (status) => (model.relay = status),
      reconnected: () => model.counters.reconnects++,
      clockOffsetMs: () => model.faults.clockOffsetMs,
    },
  };
}
