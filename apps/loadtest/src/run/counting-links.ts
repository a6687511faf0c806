import type { Link, LinkFactory } from '@plantwatch/simulators';

/** Messages with a `seq` handed to the broker by a simulation: live ones, and gateway backfill (`stale`) apart. */
export interface StreamCounter {
  count: number;
  backfill: number;
}

/**
 * Wraps a simulation's links to count the stream messages (telemetry, events: they carry a
 * `seq`) it puts on the wire — the "published" side of a steady run's loss accounting.
 * QoS 0 is counted only while the link is up (MqttLink drops it otherwise); QoS 1 is queued.
 */
export function countingLinks(inner: LinkFactory, counter: StreamCounter): LinkFactory {
  return (spec) => {
    const link: Link = inner(spec);
    const publish = link.publish.bind(link);
    link.publish = (topic, payload, qos, retain) => {
      if ((qos === 1 || link.up) && !retain && payload.includes('"seq":') && !topic.includes('/cmd/')) {
        if (payload.includes('"stale":true')) counter.backfill++;
        else counter.count++;
      }
      publish(topic, payload, qos, retain);
    };
    return link;
  };
}
