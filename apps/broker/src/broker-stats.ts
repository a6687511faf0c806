/**
 * Broker counters, cumulative since start (except `clientsConnected`). Published retained on
 * {@link STATS_TOPIC} for services, and returned by `RunningBroker.stats()`.
 */
export interface BrokerStats {
  /** Transport connections accepted (TCP and WebSocket), whether or not they log in. */
  connections: number;
  /** MQTT clients online now. */
  clientsConnected: number;
  /** CONNECTs refused for credentials (CONNACK 4) or a Last Will outside the client's rights (5). */
  authFailures: number;
  /** CONNECTs refused with CONNACK 2 (empty id with a persistent session, id owned by another user). */
  identifierRejected: number;
  /** PUBLISH packets refused by the topic ACL; the client is disconnected. */
  publishDenied: number;
  /** Subscriptions refused by the topic ACL (SUBACK 0x80). */
  subscribeDenied: number;
  /** Deliveries withheld because the receiver may not read the topic. */
  forwardDenied: number;
  /** Connections closed for a packet larger than the limit. */
  oversizeRejected: number;
  /** Connections closed for a first packet that is not CONNECT, or a malformed fixed header. */
  protocolRejected: number;
  /** Connections closed because no CONNECT arrived in time. */
  connectTimeouts: number;
  /** PUBLISH packets that arrived over a client's rate budget (reading from it was paused). */
  rateLimited: number;
  /** Chunks with PUBLISH packets whose reading waited because aedes' delivery queue was over its high mark (broker-wide backpressure). */
  ingressHeld: number;
}

/** Retained, readable by services only (see acl.ts). */
export const STATS_TOPIC = '$SYS/plantwatch/broker/stats';

/** All counters at zero. */
export function emptyStats(): BrokerStats {
  return {
    connections: 0,
    clientsConnected: 0,
    authFailures: 0,
    identifierRejected: 0,
    publishDenied: 0,
    subscribeDenied: 0,
    forwardDenied: 0,
    oversizeRejected: 0,
    protocolRejected: 0,
    connectTimeouts: 0,
    rateLimited: 0,
    ingressHeld: 0,
  };
}
