import { buildTopic, parseDeviceKey, type CommandAck, type CommandRequest } from '@plantwatch/contracts';
import type { Secrets } from '@plantwatch/platform';
import mqtt, { type MqttClient } from 'mqtt';
import { BURNERS, CAMERA, CNC, GATEWAY, KILN_PLC } from './onemap-plant.js';

/** One device's own MQTT connection (the broker lets it publish only under its own path). */
export class TestDevice {
  private constructor(
    readonly key: string,
    readonly client: MqttClient,
  ) {}

  static async connect(brokerUrl: string, key: string, secrets: Secrets): Promise<TestDevice> {
    const client = await mqtt.connectAsync(brokerUrl, { username: key, password: secrets.devices[key] ?? '', protocolVersion: 4, reconnectPeriod: 0, clientId: `t${Math.random().toString(36).slice(2, 12)}` });
    return new TestDevice(key, client);
  }

  publish(cls: 'telemetry' | 'state' | 'meta' | 'event' | 'alarm' | 'cmd', sub: readonly string[], payload: object, retain = false): void {
    this.client.publish(buildTopic({ ...parseDeviceKey(this.key), cls, sub }), JSON.stringify(payload), { qos: cls === 'telemetry' ? 0 : 1, retain });
  }
}

/** The simulator's default TC positions (12 every 4 m, 12 every 2 m in the firing zone, 12 every 4 m). */
const TC_POS = Array.from({ length: 36 }, (_, i) => (i < 12 ? 2 + 4 * i : i < 24 ? 49 + 2 * (i - 12) : 74 + 4 * (i - 24)));
const P_POS = [2, 14, 26, 38, 50, 62, 74, 86, 98, 110];
const ZONE_CENTRES = Array.from({ length: 8 }, (_, z) => 48 + (z + 0.5) * 3);
/** Each zone's control TC: the one nearest the zone centre (as the simulator and the alarm rules map them). */
const ZONE_TC = ZONE_CENTRES.map((c) => nearest(c));

/** §2.1.3 default curve (x = fraction of length → °C). */
function curve(m: number): number {
  const knots: Array<[number, number]> = [[0, 200], [0.2, 600], [0.36, 1080], [0.4, 1220], [0.47, 1480], [0.55, 1480], [0.62, 1050], [0.75, 580], [1, 80]];
  const x = m / 120;
  for (let i = 1; i < knots.length; i++) {
    const [x0, y0] = knots[i - 1] as [number, number];
    const [x1, y1] = knots[i] as [number, number];
    if (x <= x1) return y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
  }
  return 80;
}

export interface FakeKilnOptions {
  /** Publish period [ms]. */
  readonly periodMs?: number;
  /** Simulated minutes per real second for setpoint ramps (fast tests). */
  readonly minutesPerSecond?: number;
  /** Never answer commands (timeout tests). */
  readonly silent?: boolean;
}

/**
 * A tunnel kiln PLC that obeys `set-zone-sp` / `set-curve` the way domain.md §3.5 and
 * command.schemas.ts say: `expired` past `expiresAt`, `rejected` out of range, else `accepted`
 * (with `prev`), then ramps the zone setpoint and answers `applied` with `reachedAt` once the
 * zone's thermocouple is within 2 °C. Its burners, camera and a 5G gateway publish too.
 */
export class FakeKiln {
  readonly sp = ZONE_TC.map((i) => Math.round(curve(TC_POS[i] ?? 0)));
  private readonly target = [...this.sp];
  private readonly pv = TC_POS.map((m, i) => (ZONE_TC.includes(i) ? Math.round(curve(m)) : curve(m)));
  private readonly pending: Array<{ zones: number[]; request: CommandRequest; name: string }> = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  readonly received: CommandRequest[] = [];
  private readonly flame = [true, true, true, true];

  private constructor(
    private readonly plc: TestDevice,
    private readonly others: TestDevice[],
    private readonly options: FakeKilnOptions,
  ) {}

  static async start(brokerUrl: string, secrets: Secrets, options: FakeKilnOptions = {}): Promise<FakeKiln> {
    const plc = await TestDevice.connect(brokerUrl, KILN_PLC, secrets);
    const others = await Promise.all([...BURNERS, CAMERA, GATEWAY, CNC].map((k) => TestDevice.connect(brokerUrl, k, secrets)));
    const kiln = new FakeKiln(plc, others, options);
    await kiln.birth();
    kiln.timer = setInterval(() => kiln.tick(), options.periodMs ?? 250);
    return kiln;
  }

  /** The zone's thermocouple reading now. */
  zonePv(zone: number): number {
    return this.pv[ZONE_TC[zone - 1] ?? 0] ?? 0;
  }

  /** Burner `index` (0–3) loses its flame (the alarms service raises BURNER_FLAME_FAIL after 4 s). */
  flameOut(index: number): void {
    this.flame[index] = false;
    this.others[index]?.publish('state', [], { ts: Date.now(), v: { online: true, flame: false, sig: 0, valve: 'closed', mode: 'auto', relightCnt: 1 } }, true);
  }

  /** Publishes an alarm transition of the PLC (domain.md §3.4 alarm payload). */
  alarm(v: Record<string, unknown>): void {
    this.plc.publish('alarm', [], { ts: Date.now(), v });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([this.plc, ...this.others].map((d) => d.client.endAsync(true)));
  }

  private async birth(): Promise<void> {
    const now = Date.now();
    const cmds = { 'set-zone-sp': { min: 600, max: 1_600, maxStep: 100, maxRampPerMin: 10, targets: ZONE_CENTRES.map((_, z) => `zone.${z + 1}.sp`) }, 'set-curve': { min: 600, max: 1_600, length: 8, maxRampPerMin: 10 } };
    this.plc.publish('meta', [], { ts: now, v: { type: 'tunnel-kiln', schema: 1, name: 'Tunnel kiln 1 PLC', tcPos: TC_POS, pPos: P_POS, cmds } }, true);
    for (const device of [this.plc, ...this.others]) device.publish('state', [], { ts: now, v: { online: true } }, true);
    await this.plc.client.subscribeAsync(`${buildTopic({ ...parseDeviceKey(KILN_PLC), cls: 'cmd', sub: [] })}/+`, { qos: 1 });
    this.plc.client.on('message', (topic, payload) => this.command(topic, payload));
  }

  private command(topic: string, payload: Buffer): void {
    const name = topic.split('/').pop() ?? '';
    const request = JSON.parse(payload.toString()) as CommandRequest;
    this.received.push(request);
    if (this.options.silent) return;
    const answer = (ack: Omit<CommandAck, 'cmdId' | 'ts'>): void => this.plc.publish('cmd', [name, 'res'], { cmdId: request.cmdId, ts: Date.now(), ...ack });
    if (Date.now() > request.expiresAt) return answer({ status: 'expired' });
    const zones = name === 'set-zone-sp' ? [Number(/^zone\.(\d)\.sp$/.exec(request.target ?? '')?.[1])] : [1, 2, 3, 4, 5, 6, 7, 8];
    const values = Array.isArray(request.value) ? request.value : [request.value];
    if (zones.some((z) => !(z >= 1 && z <= 8))) return answer({ status: 'rejected', code: 'UNKNOWN_TARGET' });
    if (values.some((v) => typeof v !== 'number' || v < 600 || v > 1_600)) return answer({ status: 'rejected', code: 'OUT_OF_RANGE' });
    answer({ status: 'accepted', prev: name === 'set-zone-sp' ? (this.target[(zones[0] ?? 1) - 1] ?? null) : [...this.target] });
    zones.forEach((z, i) => (this.target[z - 1] = values[i] as number));
    this.pending.push({ zones, request, name });
  }

  private tick(): void {
    const now = Date.now();
    const rampPerTick = (this.options.minutesPerSecond ?? 30) * ((this.options.periodMs ?? 250) / 1000);
    this.sp.forEach((v, z) => {
      const goal = this.target[z] ?? v;
      const ramp = (this.pending.find((p) => p.zones.includes(z + 1))?.request.rampPerMin ?? 5) * rampPerTick;
      this.sp[z] = Math.abs(goal - v) <= ramp ? goal : v + Math.sign(goal - v) * ramp;
    });
    TC_POS.forEach((m, i) => {
      const zone = ZONE_TC.indexOf(i);
      const goal = zone >= 0 ? (this.sp[zone] ?? curve(m)) : curve(m);
      this.pv[i] = (this.pv[i] ?? goal) + 0.3 * (goal - (this.pv[i] ?? goal));
    });
    this.settle(now);
    this.publish(now);
  }

  private settle(now: number): void {
    for (const p of [...this.pending]) {
      if (!p.zones.every((z) => Math.abs(this.zonePv(z) - (this.target[z - 1] ?? 0)) < 2)) continue;
      this.pending.splice(this.pending.indexOf(p), 1);
      this.plc.publish('cmd', [p.name, 'res'], { cmdId: p.request.cmdId, ts: now, status: 'applied', value: p.request.value ?? null, reachedAt: now });
    }
  }

  private publish(now: number): void {
    const seq = ++this.seq;
    const r = (x: number): number => Math.round(x * 10) / 10;
    this.plc.publish('telemetry', ['profile'], { ts: now, seq, q: 'good', v: { t: this.pv.map(r), tCar: [96, 120, 185, 210, 160, 110], p: [-41, -33, -21, -9.8, 0.4, 11.8, 15.1, 22, 24.9, 3.1], pCar: [-38.9, 10.2, 20.5], o2: [13.1, 5.2, 12.4], co: 35, zeroPointM: 47.5, sp: this.sp.map(Math.round) } });
    this.plc.publish('telemetry', ['combustion'], { ts: now, seq, q: 'good', v: { gas: 168.4, air: 1862, lambda: 1.15, pGasMain: 214, pGasHdr: 11.6, pAir: 5.9, zoneValve: [42, 55, 61, 58, 60, 57, 49, 40], zoneGas: [16.1, 21, 23.4, 22.2, 23, 21.8, 18.8, 15.3], burnersOn: 40, burnersTotal: 40, gasTot: 12_345_678.9 } });
    const [b1, b2, b3, b4, cam, gw] = this.others;
    if (seq % 8 === 1) [b1, b2, b3, b4].forEach((b, i) => b?.publish('state', [], { ts: now, v: { online: true, flame: this.flame[i] ?? true, sig: this.flame[i] ? 78 : 0, valve: this.flame[i] ? 'open' : 'closed', mode: 'auto', relightCnt: 0 } }, true));
    cam?.publish('telemetry', [], { ts: now, seq, q: 'good', v: { burner: 'b01', colour: 'blue', hueDeg: 221, lenM: 0.82, brightPct: 63, stab: 0.91, status: 'normal' } });
    if (seq % 4 === 1) gw?.publish('telemetry', ['link'], { ts: now, seq, q: 'good', v: { rat: 'NR-SA', band: 'n79', arfcn: 723360, pci: 311, rsrp: -86, rsrq: -11.5, sinr: 18.5, ulMbps: 0.42, dlMbps: 0.05, ulCapMbps: 180, rttMs: 13.8, rttP95Ms: 21, jitterMs: 2.1, lossPct: 0.01, south: 1, southOn: 1, bufMsgs: 0, tempC: 52, uptimeS: 1234, hoCnt: 3, rlfCnt: 0, pdu: 'up' } });
  }
}

function nearest(m: number): number {
  let best = 0;
  TC_POS.forEach((p, i) => {
    if (Math.abs(p - m) < Math.abs((TC_POS[best] ?? 0) - m)) best = i;
  });
  return best;
}
