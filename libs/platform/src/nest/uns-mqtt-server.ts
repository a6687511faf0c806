import { MqttContext, ServerMqtt, type MqttOptions } from '@nestjs/microservices';

/** Bound on the topic → handler caches; they start over when full. */
const MAX_ROUTES = 100_000;

type Handler = NonNullable<ReturnType<ServerMqtt['getHandlerByPattern']>>;
type MessageHandler = ReturnType<ServerMqtt['getMessageHandler']>;
type MqttClient = Parameters<ServerMqtt['bindEvents']>[0];
/** A `@DeviceMessages` method: the payload (JSON-parsed, or the text when it is not JSON) and its MQTT context. */
type Take = (data: unknown, ctx: MqttContext) => void;

/** What a device message's handler returns (Nest's type asks for a promise; one shared, none made). */
const TAKEN: Promise<undefined> = Promise.resolve(undefined);

/** `@DeviceMessages` methods by controller prototype: method name → topic filter. */
const deviceMethods = new WeakMap<object, Map<string, string>>();

/**
 * Marks a controller method that takes the device messages on `filter` (`uns/v1/…`), called by
 * {@link UnsMqttServer} directly, synchronously, once per message — in place of `@EventPattern`
 * for the device stream, whose per-message pipeline (deserializer, processing hooks, pipes,
 * interceptors: ten promises) cost each service more than its own work did under load
 * (docs/decisions.md, "The device stream bypasses Nest's event pipeline"). The method must not
 * throw; if it does, the error is logged and the next message is taken as usual.
 */
export function DeviceMessages(filter: string): MethodDecorator {
  return (target, key) => {
    const methods = deviceMethods.get(target) ?? new Map<string, string>();
    methods.set(String(key), filter);
    deviceMethods.set(target, methods);
  };
}

/**
 * Nest's Transport.MQTT server with its per-message routing made cheap (profiled under load: it
 * was the largest single cost of ingest, alarms and the api). Stock Nest tries `JSON.parse` on
 * every topic (an exception per message) and then splits and matches the topic against every
 * wildcard handler; here a topic that is not a JSON pattern is its own route, and the handler a
 * topic resolves to is remembered. Device messages go to the `@DeviceMessages` methods of the
 * controllers given to {@link takeDeviceMessages}; everything else (service requests and
 * replies, command answers) goes through Nest as usual.
 */
export class UnsMqttServer extends ServerMqtt {
  private readonly routes = new Map<string, Handler>();
  private readonly takers: { readonly filter: string; readonly take: Take }[] = [];
  private readonly takersByTopic = new Map<string, readonly Take[]>();

  constructor(private readonly mqttOptions: Required<MqttOptions>['options']) {
    super(mqttOptions);
  }

  /** Registers the `@DeviceMessages` methods of `controllers`; call before the app listens. */
  takeDeviceMessages(...controllers: object[]): void {
    for (const controller of controllers) {
      const taken = new Set<string>(); // a method a subclass overrides is taken once
      for (let proto = Object.getPrototypeOf(controller) as object | null; proto !== null; proto = Object.getPrototypeOf(proto) as object | null) {
        for (const [name, filter] of deviceMethods.get(proto) ?? []) {
          if (taken.has(name)) continue;
          taken.add(name);
          const method = (controller as Record<string, unknown>)[name] as Take;
          this.takers.push({ filter, take: method.bind(controller) });
        }
      }
    }
    this.takersByTopic.clear();
  }

  override bindEvents(client: MqttClient): void {
    super.bindEvents(client);
    const filters = [...new Set(this.takers.map((taker) => taker.filter))];
    if (filters.length > 0) client.subscribe(filters, this.mqttOptions.subscribeOptions ?? { qos: 0 });
  }

  override getMessageHandler(pub: MqttClient): MessageHandler {
    const nest = super.getMessageHandler(pub);
    return (channel: string, buffer: Buffer, packet?: Record<string, unknown>): Promise<unknown> => {
      const takers = this.takersOf(channel);
      if (takers.length === 0) return nest(channel, buffer, packet);
      const data: unknown = this.parseMessage(buffer.toString());
      const ctx = new MqttContext([channel, packet ?? {}]);
      for (const take of takers) {
        try {
          take(data, ctx);
        } catch (error) {
          this.logger.error(`device message on ${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        }
      }
      return TAKEN;
    };
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

  private takersOf(topic: string): readonly Take[] {
    let takers = this.takersByTopic.get(topic);
    if (takers === undefined) {
      takers = this.takers.filter((taker) => this.matchMqttPattern(taker.filter, topic)).map((taker) => taker.take);
      if (this.takersByTopic.size >= MAX_ROUTES) this.takersByTopic.clear();
      this.takersByTopic.set(topic, takers);
    }
    return takers;
  }
}
