import { ServerMqtt, type MqttOptions } from '@nestjs/microservices';

/** Bound on the topic → handler cache; it starts over when full. */
const MAX_ROUTES = 100_000;

type Handler = NonNullable<ReturnType<ServerMqtt['getHandlerByPattern']>>;

/**
 * Nest's Transport.MQTT server with its per-message routing made cheap (profiled under load: it
 * was the largest single cost of ingest, alarms and the api). Stock Nest tries `JSON.parse` on
 * every topic (an exception per message) and then splits and matches the topic against every
 * wildcard handler; here a topic that is not a JSON pattern is its own route, and the handler a
 * topic resolves to is remembered.
 */
export class UnsMqttServer extends ServerMqtt {
  private readonly routes = new Map<string, Handler>();

  constructor(options: Required<MqttOptions>['options']) {
    super(options);
  }

  protected override getRouteFromPattern(pattern: string): string {
    const first = pattern.charCodeAt(0);
    // '{' or '[': a JSON pattern ({cmd: …}); anything else is a plain topic.
    return first === 123 || first === 91 ? super.getRouteFromPattern(pattern) : pattern;
  }

  override getHandlerByPattern(pattern: string): Handler | null {
    const known = this.routes.get(pattern);
    if (known !== undefined) return known;
    const handler = super.getHandlerByPattern(pattern);
    if (handler === null) return null; // not remembered: handlers may still be registering
    if (this.routes.size >= MAX_ROUTES) this.routes.clear();
    this.routes.set(pattern, handler);
    return handler;
  }
}
