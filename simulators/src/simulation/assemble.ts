import type { PlantDevice } from '@plantwatch/domain';
import type { Clock } from '../kit/clock.js';
import type { Scheduler } from '../kit/scheduler.js';
import { isGatewaySimDevice, type GatewayControl } from '../models/gateway/gateway-control.js';
import { GATEWAY_KEEPALIVE_S } from '../models/gateway/gateway.device.js';
import type { FaultHandler, SimDevice } from '../models/sim-device.js';
import { deviceClientId } from '../mqtt/client-id.js';
import { DeviceRuntime, type Outlet } from './device-runtime.js';
import { GatewayRelay, type GatewayRelayOptions } from './gateway-relay.js';
import type { Link, LinkFactory } from './link.js';

/** One MQTT connection of the simulation and the devices it carries. */
export interface Connection {
  readonly owner: DeviceRuntime;
  readonly link: Link;
  /** Present for a 5G gateway: its store-and-forward relay. */
  readonly relay?: GatewayRelay;
  /** Devices published through this connection (the owner first). */
  readonly carried: readonly DeviceRuntime[];
}

/** What {@link assemble} needs. */
export interface AssembleInput {
  readonly devices: readonly { readonly plant: PlantDevice; readonly sim: SimDevice }[];
  readonly passwords: Readonly<Record<string, string>>;
  readonly links: LinkFactory;
  readonly scheduler: Scheduler;
  readonly clock: Clock;
  readonly keepaliveS: number;
  readonly relay: GatewayRelayOptions;
}

/**
 * Wires devices to connections (domain.md §3.1, §3.6): a device with `via` naming a simulated
 * gateway publishes through that gateway's relay and has no connection of its own; every other
 * device gets one link with its own credentials and Last Will. Each link subscribes to the
 * command topics of the devices it carries and routes commands to them.
 */
export function assemble(input: AssembleInput): Connection[] {
  const gatewayKeys = new Set(input.devices.filter((d) => isGatewaySimDevice(d.sim)).map((d) => d.plant.key));
  const southOf = new Map<string, { plant: PlantDevice; sim: SimDevice }[]>();
  for (const d of input.devices) {
    const via = d.plant.via;
    if (via !== undefined && gatewayKeys.has(via)) southOf.set(via, [...(southOf.get(via) ?? []), d]);
  }
  const connections: Connection[] = [];
  for (const d of input.devices) {
    if (d.plant.via !== undefined && gatewayKeys.has(d.plant.via)) continue;
    const sim = d.sim;
    connections.push(isGatewaySimDevice(sim) ? gatewayConnection({ plant: d.plant, sim }, southOf.get(d.plant.key) ?? [], input) : directConnection(d, input));
  }
  for (const connection of connections) routeCommands(connection, input.clock);
  return connections;
}

function openLink(owner: PlantDevice, input: AssembleInput, keepaliveS: number, will: () => ReturnType<DeviceRuntime['offlineMessage']>): Link {
  return input.links({ ownerKey: owner.key, clientId: deviceClientId(owner.key), username: owner.key, password: input.passwords[owner.key] ?? '', keepaliveS, will });
}

function directConnection(d: { plant: PlantDevice; sim: SimDevice }, input: AssembleInput): Connection {
  const box: { link?: Link } = {};
  const outlet: Outlet = (topic, payload, qos, retain) => box.link?.publish(topic, payload, qos, retain);
  const owner = new DeviceRuntime(d.sim, d.plant, outlet);
  const up = openLink(d.plant, input, input.keepaliveS, () => owner.offlineMessage(input.clock.now(), 'lwt'));
  box.link = up;
  up.onUp(() => {
    for (const m of owner.birthMessages(input.clock.now())) up.publish(m.topic, m.payload, m.qos, m.retain);
  });
  return { owner, link: up, carried: [owner] };
}

function gatewayConnection(d: { plant: PlantDevice; sim: SimDevice & { gateway: GatewayControl } }, south: readonly { plant: PlantDevice; sim: SimDevice }[], input: AssembleInput): Connection {
  const box: { relay?: GatewayRelay } = {};
  const owner = Object.assign(new DeviceRuntime(d.sim, d.plant, (t, p, q, r) => box.relay?.forward(t, p, q, r)), { control: d.sim.gateway });
  const carried = south.map((s) => new DeviceRuntime(s.sim, s.plant, (t, p, q, r) => box.relay?.forward(t, p, q, r, s.plant.key)));
  const link = openLink(d.plant, input, d.sim.gateway.keepaliveS ?? GATEWAY_KEEPALIVE_S, () => owner.offlineMessage(input.clock.now(), 'lwt'));
  const live = new GatewayRelay(owner, carried, link, input.scheduler, input.clock, input.relay);
  box.relay = live;
  const relay = live;
  owner.afterStepHook = (now) => live.tick(now);
  return { owner, link, relay, carried: [owner, ...carried] };
}

function routeCommands(connection: Connection, clock: Clock): void {
  const byKey = new Map(connection.carried.map((r) => [r.key, r]));
  connection.link.subscribe(connection.carried.flatMap((r) => r.commandFilters()));
  connection.link.onMessage((topic, payload) => {
    const key = topic.split('/', 8).slice(2).join('/');
    byKey.get(key)?.onCommand(topic, payload, clock.now());
  });
}

/**
 * Faults a device can take: its model's, plus `DEV_COMM_LOSS` for a south device (§2.4.6
 * "south-side device loss": the gateway stops hearing it and reports it offline).
 */
export function faultsOf(runtime: DeviceRuntime, relay: GatewayRelay | undefined): Readonly<Record<string, FaultHandler>> {
  const own = runtime.sim.faults ?? {};
  if (relay === undefined || runtime.device.via === undefined) return own;
  const key = runtime.key;
  return {
    ...own,
    DEV_COMM_LOSS: {
      description: 'South-side device loss: gateway OK but the device stops answering (Modbus timeout); the gateway reports it online:false, reason comm_loss',
      inject: () => relay.southLost(key),
      clear: () => relay.southBack(key),
    },
  };
}
