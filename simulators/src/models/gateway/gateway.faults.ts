import type { FaultHandler } from '../sim-device.js';
import type { GatewayModel } from './gateway.model.js';

type Options = Readonly<Record<string, number | string>> | undefined;

function num(options: Options, name: string, fallback: number): number {
  const value = Number(options?.[name]);
  return Number.isFinite(value) ? value : fallback;
}

/**
 * The 5G gateway fault signatures of domain.md §2.4.6 (plus `CELL_DOWN`, the cell outage that
 * starts a reconnect storm, and `CLOCK_SKEW` of §4.5 t = 20 min), keyed by their alarm code.
 * `DEV_COMM_LOSS` belongs to the south device and is handled by the runtime's relay.
 */
export function gatewayFaults(model: GatewayModel): Record<string, FaultHandler> {
  let degradedDb = 0;
  let congestion = 0;
  return {
    LINK_DEGRADED: {
      description: 'Signal degradation (occlusion, EMI): RSRP −10…−25 dB (option db, default 18) for minutes; SINR < 3 dB, UL capacity ↓, RTT ↑, loss ↑',
      inject: (_now, o) => {
        degradedDb = num(o, 'db', 18);
        model.radio.penalty.rsrpDb += degradedDb;
      },
      clear: () => {
        model.radio.penalty.rsrpDb -= degradedDb;
      },
    },
    HO_PINGPONG: {
      description: 'Handover ping-pong: PCI alternates between two cells every 15 s (≥ 3 changes in 60 s), hoCnt +1 each, RTT spikes 60–200 ms',
      inject: () => (model.faults.pingPong = true),
      clear: () => (model.faults.pingPong = false),
    },
    RLF: {
      description: 'Radio link failure: rlfCnt +1, outage 0.1–5 s (option outageMs, default 2000), messages buffered (bufMsgs ↑) and replayed',
      inject: (now, o) => model.forceRlf(now, num(o, 'outageMs', 2_000)),
      clear: () => undefined,
    },
    GW_OFFLINE: {
      description: 'Gateway offline (option cause: power | modem): no messages; LWT online:false after 1.5 × keepalive; power loss loses south data, a hung modem keeps buffering',
      inject: (now, o) => {
        if (o?.['cause'] === 'modem') model.modemHung = true;
        else model.powerOff(now, false);
      },
      clear: (now) => {
        if (model.modemHung) {
          model.modemHung = false;
          model.counters.reconnects++;
        } else model.powerOn(now);
      },
    },
    GW_SESSION_DOWN: {
      description: 'PDU session drop / broker unreachable: radio fine but pdu down, TCP reconnect loops (reconnects ↑ every 10 s)',
      inject: () => (model.pdu = 'down'),
      clear: () => (model.pdu = 'up'),
    },
    CELL_CONGESTION: {
      description: 'Cell congestion: PRB load > 80 %, RTT p99 > 60 ms, UL capacity per CPE −50 %',
      inject: (_now, o) => {
        congestion = num(o, 'load', 0.45);
        model.radio.penalty.load += congestion;
      },
      clear: () => {
        model.radio.penalty.load -= congestion;
      },
    },
    GW_NOT_REGISTERED: {
      description: 'Registration / SIM failure: rat none, no IP, no uplink; re-attach 1–5 s after clearing',
      inject: () => {
        model.registered = false;
        model.state = model.powered ? 'no_service' : model.state;
      },
      clear: (now) => {
        model.registered = true;
        model.scheduleReattach(now);
      },
    },
    GW_OVERTEMP: {
      description: 'Overheating: modem temperature climbs past 80 °C (throughput halved), reboots at 85 °C (uptime resets)',
      inject: () => (model.faults.overheat = true),
      clear: () => (model.faults.overheat = false),
    },
    CELL_DOWN: {
      description: 'Serving cell down: RLF at once, no service until cleared, then re-attach within 1–5 s and replay at 5–10× (reconnect storm)',
      inject: () => (model.cellDown = true),
      clear: (now) => {
        model.cellDown = false;
        model.scheduleReattach(now);
      },
    },
    CLOCK_SKEW: {
      description: 'Gateway clock jumps (option offsetS, default +90 s): every ts it stamps or forwards is shifted (domain.md §4.5 t = 20 min)',
      inject: (_now, o) => (model.faults.clockOffsetMs = num(o, 'offsetS', 90) * 1000),
      clear: () => (model.faults.clockOffsetMs = 0),
    },
  };
}
