import type { SimDevice } from '../sim-device.js';

/** Store-and-forward status the runtime reports to its gateway model (shown in `telemetry/link`). */
export interface RelayStatus {
  /** Messages waiting in the store-and-forward buffer (§2.4.3 `bufMsgs`). */
  readonly bufMsgs: number;
  readonly south: number;
  readonly southOn: number;
}

/**
 * What the simulation runtime needs from a 5G gateway model beyond {@link SimDevice}: whether the
 * uplink can carry MQTT right now, whether the gateway is polling its south devices, and a place
 * to report the store-and-forward backlog (domain.md §2.4.3–§2.4.6, §3.6).
 */
export interface GatewayControl {
  /** Radio attached, registered, PDU session up and powered: MQTT can flow. */
  uplinkUp(): boolean;
  /** Powered and polling south devices (false while off or rebooting: their data is lost). */
  collecting(): boolean;
  /** MQTT keepalive [s] of the gateway's connection (§3.2: 60 s for 5G gateways). */
  readonly keepaliveS: number;
  report(status: RelayStatus): void;
  /** The MQTT session came back after the broker had dropped it (`reconnects` counter). */
  reconnected(): void;
  /** Offset added to every `ts` the gateway forwards (clock-skew fault, domain.md §4.5 t = 20 min). */
  clockOffsetMs(): number;
}

/** A gateway device: a {@link SimDevice} whose runtime also relays its south devices. */
export interface GatewaySimDevice extends SimDevice {
  readonly gateway: GatewayControl;
}

export function isGatewaySimDevice(device: SimDevice): device is GatewaySimDevice {
  return (device as Partial<GatewaySimDevice>).gateway !== undefined;
}
