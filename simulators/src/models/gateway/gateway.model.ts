import type { GatewayLink } from '@plantwatch/contracts';
import { clamp, quantise } from '../../kit/signal.js';
import type { Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import type { RelayStatus } from './gateway-control.js';
import { RadioModel, type RadioSite } from './radio.model.js';

/** Radio link state (domain.md §2.4.5). `off` = powered down or booting. */
export type RadioState = 'attached' | 'rlf' | 'idle' | 'no_service' | 'off';

/** Identity of a gateway on the network (§2.4.3). */
export interface GatewayIdentity {
  readonly band: string;
  readonly arfcn: number;
  readonly cellId: number;
  /** PCIs of the serving cell and its neighbour (handovers go between them). */
  readonly pcis: readonly [number, number];
  readonly ip: string;
  readonly fw: string;
}

/** §2.4.5 timers [ms]. */
export const TIMERS = { t310: 1_000, t311: [100, 3_000], reattach: [1_000, 5_000], boot: [30_000, 60_000], pduRetry: 10_000 } as const;
/** Out-of-sync / in-sync thresholds of radio link monitoring [dB SINR]. */
const Q_OUT = -5;
const Q_IN = -3;

/** A discrete gateway occurrence, published on `event` (§3.2: HO/RLF as events). */
export type GatewayEvent = Readonly<Record<string, number | string | boolean | null>> & { readonly type: string };

/**
 * The 5G gateway (domain.md §2.4): the radio model, the attach state machine of §2.4.5 (out of
 * sync for T310 → RLF → re-establishment within T311, else idle → re-attach in 1–5 s), the
 * counters and identity of §2.4.3, and the fault switches of §2.4.6. Pure: stepped by the
 * runtime's 1 s tick through {@link GatewayModel.advance}.
 */
export class GatewayModel {
  readonly radio: RadioModel;
  state: RadioState = 'attached';
  pdu: 'up' | 'down' = 'up';
  registered = true;
  cellDown = false;
  powered = true;
  /** Modem hung (GW_OFFLINE cause `modem`): no uplink, but the gateway keeps polling and buffering. */
  modemHung = false;
  private rebootAt = 0;
  /** Fault-driven switches (§2.4.6). */
  readonly faults = { pingPong: false, overheat: false, clockOffsetMs: 0 };
  readonly counters = { hoCnt: 0, rlfCnt: 0, reconnects: 0 };
  relay: RelayStatus = { bufMsgs: 0, south: 0, southOn: 0 };
  reportEveryMs = 10_000;
  private servingIdx: 0 | 1 = 0;
  private lastMs: number;
  private bootedAt: number;
  private outOfSyncMs = 0;
  private stateUntil = 0;
  private outageStart = 0;
  private lastHoMs = 0;
  private lastRetryMs = 0;
  private tempC: number;
  private rttBase: number;
  private readonly events: GatewayEvent[] = [];
  private readonly linkSeq = new SequenceCounter();
  private readonly eventSeq = new SequenceCounter();

  constructor(
    site: RadioSite,
    readonly identity: GatewayIdentity,
    private readonly rng: Rng,
    startMs: number,
  ) {
    this.radio = new RadioModel(site, rng);
    this.lastMs = startMs;
    this.bootedAt = startMs - rng.int(3_600, 30 * 86_400) * 1000;
    this.tempC = rng.uniform(40, 60);
    this.rttBase = rng.uniform(8, 15);
  }

  get pci(): number {
    return this.identity.pcis[this.servingIdx];
  }

  /** MQTT can flow: powered, registered, attached, PDU session up. */
  uplinkUp(): boolean {
    return this.powered && this.registered && !this.modemHung && this.state === 'attached' && this.pdu === 'up';
  }

  /** Steps the radio and the attach state machine to `nowMs` (idempotent for the same time). */
  advance(nowMs: number): void {
    const dt = nowMs - this.lastMs;
    if (dt <= 0) return;
    this.lastMs = nowMs;
    this.radio.step(dt, nowMs);
    this.tempC = clamp(this.tempC + (this.targetTemp() - this.tempC) * (1 - Math.exp(-dt / 300_000)), 20, 95);
    if (this.powered) this.stepAttach(dt, nowMs);
    else if (nowMs >= this.stateUntil && this.stateUntil > 0) this.boot(nowMs);
    if (this.state === 'attached') this.maybeHandover(nowMs);
    this.stepSessionAndHeat(nowMs);
    if (this.rebootAt > 0 && nowMs >= this.rebootAt) {
      this.rebootAt = 0;
      this.powerOff(nowMs, true);
    }
  }

  /** A `reboot` command: the gateway answers first, then goes down 2 s later. */
  requestReboot(nowMs: number): void {
    this.rebootAt = nowMs + 2_000;
  }

  /** Forces a radio link failure with an outage of `outageMs` (RLF fault, 0.1–5 s). */
  forceRlf(nowMs: number, outageMs: number): void {
    if (this.state !== 'attached') return;
    this.radioLinkFailure(nowMs);
    this.state = 'idle';
    this.stateUntil = nowMs + outageMs;
  }

  /** PDU session retries count as reconnects; an overheated modem reboots (§2.4.6). */
  private stepSessionAndHeat(nowMs: number): void {
    if (this.pdu === 'down' && this.state === 'attached' && nowMs - this.lastRetryMs >= TIMERS.pduRetry) {
      this.lastRetryMs = nowMs;
      this.counters.reconnects++;
    }
    if (this.powered && this.faults.overheat && this.tempC > 85) {
      this.emit({ type: 'reboot', cause: 'overtemp', tempC: quantise(this.tempC, 0.1) });
      this.powerOff(nowMs, true);
    }
  }

  /** The next queued event envelope, if any. */
  nextEvent(nowMs: number): object | undefined {
    const event = this.events.shift();
    return event === undefined ? undefined : { ts: nowMs, seq: this.eventSeq.next(), v: event, q: 'good' };
  }

  /** `telemetry/link` values (§3.4). */
  link(nowMs: number): { ts: number; seq: number; v: GatewayLink['v']; q: 'good' | 'uncertain' } {
    const r = this.radio;
    const attached = this.uplinkUp();
    const throttled = this.tempC > 80 ? 0.5 : 1;
    const v: GatewayLink['v'] = {
      rat: this.registered ? 'NR-SA' : 'none',
      band: this.identity.band,
      arfcn: this.identity.arfcn,
      pci: this.pci,
      rsrp: this.registered ? quantise(r.rsrp, 1) : null,
      rsrq: this.registered ? r.rsrq() : null,
      sinr: this.registered ? quantise(r.sinr, 0.5) : null,
      ulMbps: quantise(0.005 + 0.02 * this.relay.southOn + (this.relay.bufMsgs > 0 ? 0.5 : 0), 0.01),
      dlMbps: quantise(0.01 + 0.002 * this.relay.south, 0.01),
      ulCapMbps: attached ? quantise(r.ulCapMbps() * throttled, 0.1) : 0,
      rttMs: attached ? quantise(r.rttMs(this.rttBase) + (nowMs - this.lastHoMs < 10_000 ? this.rng.uniform(60, 200) : 0), 0.1) : null,
      rttP95Ms: attached ? quantise(r.rttMs(this.rttBase) * 1.5 + this.rng.uniform(0, 5), 0.1) : null,
      jitterMs: attached ? quantise(this.rng.uniform(1, 5) * (r.load > 0.8 ? 3 : 1), 0.1) : null,
      lossPct: attached ? Math.min(100, r.lossPct()) : null,
      south: this.relay.south,
      southOn: this.relay.southOn,
      bufMsgs: this.relay.bufMsgs,
      tempC: quantise(this.tempC, 0.1),
      uptimeS: this.powered ? Math.max(0, Math.floor((nowMs - this.bootedAt) / 1000)) : 0,
      hoCnt: this.counters.hoCnt,
      rlfCnt: this.counters.rlfCnt,
      reconnects: this.counters.reconnects,
      prbLoadPct: quantise(r.load * 100, 1),
      pdu: this.pdu,
    };
    return { ts: nowMs, seq: this.linkSeq.next(), v, q: attached ? 'good' : 'uncertain' };
  }

  /** Power loss / modem hang (GW_OFFLINE); `reboot` schedules a boot of 30–60 s. */
  powerOff(nowMs: number, reboot: boolean): void {
    this.powered = false;
    this.state = 'off';
    this.stateUntil = reboot ? nowMs + this.rng.uniform(...TIMERS.boot) : 0;
  }

  /** Power back: boots for 30–60 s, then attaches. */
  powerOn(nowMs: number): void {
    if (this.powered || this.stateUntil > 0) return;
    this.stateUntil = nowMs + this.rng.uniform(...TIMERS.boot);
  }

  /** Cell outage ends or registration returns: re-attach in 1–5 s (reconnect storm, §2.4.6). */
  scheduleReattach(nowMs: number): void {
    if (this.state === 'attached' || !this.powered) return;
    this.state = 'idle';
    this.stateUntil = nowMs + this.rng.uniform(...TIMERS.reattach);
  }

  emit(event: GatewayEvent): void {
    if (this.events.length < 64) this.events.push(event);
  }

  private boot(nowMs: number): void {
    this.powered = true;
    this.bootedAt = nowMs;
    this.tempC = Math.min(this.tempC, 55);
    this.state = 'idle';
    this.stateUntil = nowMs;
    this.emit({ type: 'boot' });
  }

  private stepAttach(dt: number, nowMs: number): void {
    const sinr = this.radio.sinr;
    if (this.state === 'attached') {
      this.outOfSyncMs = sinr < Q_OUT ? this.outOfSyncMs + dt : 0;
      if (this.cellDown || this.outOfSyncMs >= TIMERS.t310) this.radioLinkFailure(nowMs);
      return;
    }
    if (this.state === 'no_service' || nowMs < this.stateUntil) return;
    if (this.state === 'rlf') {
      if (sinr > Q_IN && !this.cellDown) return this.attach(nowMs, 're_established');
      this.state = 'idle';
      this.stateUntil = nowMs + this.rng.uniform(...TIMERS.reattach);
      return;
    }
    if (this.cellDown || !this.registered) this.state = 'no_service';
    else if (sinr > Q_OUT) this.attach(nowMs, 'reattached');
    else this.stateUntil = nowMs + this.rng.uniform(...TIMERS.reattach);
  }

  private radioLinkFailure(nowMs: number): void {
    this.counters.rlfCnt++;
    this.outOfSyncMs = 0;
    this.outageStart = nowMs;
    this.state = this.cellDown ? 'no_service' : 'rlf';
    this.stateUntil = nowMs + this.rng.uniform(...TIMERS.t311);
    this.emit({ type: 'rlf', pci: this.pci, sinr: quantise(this.radio.sinr, 0.5), cause: this.cellDown ? 'cell_down' : 't310_expiry' });
  }

  private attach(nowMs: number, how: 're_established' | 'reattached'): void {
    this.state = 'attached';
    this.emit({ type: how, pci: this.pci, outageMs: Math.max(0, nowMs - this.outageStart) });
  }

  private maybeHandover(nowMs: number): void {
    const pingPong = this.faults.pingPong && nowMs - this.lastHoMs >= 15_000;
    const random = this.rng.float() < 1 / 3_600 / 4; // ≈ one handover per 4 h per static CPE
    if (!pingPong && !random) return;
    const from = this.pci;
    this.servingIdx = this.servingIdx === 0 ? 1 : 0;
    this.counters.hoCnt++;
    this.lastHoMs = nowMs;
    this.emit({ type: 'handover', fromPci: from, toPci: this.pci, interruptMs: this.rng.int(30, 60) });
  }

  private targetTemp(): number {
    return (this.faults.overheat ? 88 : 48) + 4 * this.radio.load;
  }
}
