import type { AedesOptions, AedesPublishPacket, AuthenticateError, Client, ConnectPacket, PublishPacket, Subscription } from 'aedes';
import type { PlantIndex } from '@plantwatch/domain';
import { mayPublish, mayRead, maySubscribe } from './acl.js';
import type { BrokerStats } from './broker-stats.js';
import { authenticatePrincipal, type Principal } from './principal.js';

/** What the hooks share: the plant model, the counters and per-client state. */
export interface HookContext {
  readonly plant: PlantIndex;
  readonly stats: BrokerStats;
  /** The principal of every authenticated client, for its lifetime. */
  readonly principals: WeakMap<Client, Principal>;
  /** Online clients by client id (maintained by the broker from aedes events). */
  readonly online: ReadonlyMap<string, Client>;
}

type Hooks = Required<Pick<AedesOptions, 'preConnect' | 'authenticate' | 'authorizePublish' | 'authorizeSubscribe' | 'authorizeForward'>>;

/** CONNECT fields aedes does not hand to `authenticate`: kept from preConnect until then. */
interface ConnectFacts {
  readonly clientId: string;
  readonly clean: boolean;
  readonly willTopic: string | undefined;
}

/** CONNACK return codes, MQTT 3.1.1 §3.2.2.3 table 3.1. */
const IDENTIFIER_REJECTED = 2;
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;

function connackError(returnCode: number, message: string): AuthenticateError {
  const error = new Error(message) as AuthenticateError;
  error.returnCode = returnCode as AuthenticateError['returnCode'];
  return error;
}

/**
 * The aedes hooks of plantwatch, one named function per concern (as in aedes' own `aedes.js`):
 * who may connect (`authenticate`), publish (`authorizePublish`), subscribe
 * (`authorizeSubscribe`) and receive (`authorizeForward`). Rules live in acl.ts.
 */
export function createAuthHooks(ctx: HookContext): Hooks {
  const connects = new WeakMap<Client, ConnectFacts>();

  /** Keeps what `authenticate` needs but does not get from aedes. */
  function preConnect(client: Client, packet: ConnectPacket, callback: (error: Error | null, success: boolean) => void): void {
    connects.set(client, { clientId: packet.clientId, clean: packet.clean !== false, willTopic: packet.will?.topic });
    callback(null, true);
  }

  function authenticate(
    client: Client,
    username: Readonly<string | undefined>,
    password: Readonly<Buffer | undefined>,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
  ): void {
    const facts = connects.get(client);
    connects.delete(client);
    // §3.1.3-8: an empty ClientId with CleanSession=0 MUST get CONNACK 2; aedes accepts it.
    if (facts && facts.clientId === '' && !facts.clean) {
      ctx.stats.identifierRejected++;
      return done(connackError(IDENTIFIER_REJECTED, 'empty client id needs CleanSession=1 (MQTT 3.1.1 §3.1.3-8)'), false);
    }
    const principal = username && password ? authenticatePrincipal(ctx.plant, username, password) : undefined;
    if (!principal) {
      ctx.stats.authFailures++;
      return done(connackError(BAD_USERNAME_OR_PASSWORD, 'bad user name or password'), false);
    }
    // The Last Will is published on the client's behalf later: hold it to the publish rules now.
    if (facts?.willTopic !== undefined && !mayPublish(principal, facts.willTopic)) {
      ctx.stats.authFailures++;
      return done(connackError(NOT_AUTHORIZED, `last will topic not allowed for ${principal.username}`), false);
    }
    // §3.1.4-2 lets a new connection take over a client id; only the same user may do so,
    // or a device could disconnect a service (or inherit its session) by reusing its id.
    const holder = ctx.online.get(client.id);
    if (holder && holder !== client && ctx.principals.get(holder)?.username !== principal.username) {
      ctx.stats.identifierRejected++;
      return done(connackError(IDENTIFIER_REJECTED, 'client id is in use by another user'), false);
    }
    ctx.principals.set(client, principal);
    done(null, true);
  }

  /**
   * MQTT 3.1.1 has no negative PUBACK, so a refused PUBLISH ends the connection (aedes closes
   * the client when this calls back with an error) and reaches no subscriber.
   */
  function authorizePublish(client: Client | null, packet: PublishPacket, callback: (error?: Error | null) => void): void {
    // aedes passes null only for Last Wills of clients of a dead cluster node: those wills were
    // checked against the owner's rights in `authenticate` when they were stored.
    if (client === null) return callback(null);
    const principal = ctx.principals.get(client);
    if (principal && mayPublish(principal, packet.topic)) return callback(null);
    ctx.stats.publishDenied++;
    callback(new Error(`publish to ${JSON.stringify(packet.topic.slice(0, 200))} not allowed for ${principal?.username ?? 'anonymous'}`));
  }

  /**
   * A refused filter gets 0x80 in the SUBACK (§3.9.3) and the client stays connected.
   * aedes persists every filter of a SUBSCRIBE (refused ones too) for a persistent session as
   * soon as one filter is granted, and would then queue offline messages for a refused `#`.
   * So a refused filter is downgraded to QoS 0 (never queued) at once, and the answers are
   * deferred a tick so that every filter of the packet is judged before anything is stored.
   */
  function authorizeSubscribe(client: Client, subscription: Subscription, callback: (error: Error | null, subscription?: Subscription | null) => void): void {
    const principal = ctx.principals.get(client);
    if (principal && maySubscribe(principal, subscription.topic)) {
      process.nextTick(callback, null, subscription);
      return;
    }
    ctx.stats.subscribeDenied++;
    subscription.qos = 0;
    process.nextTick(callback, null, null);
  }

  function authorizeForward(client: Client, packet: AedesPublishPacket): AedesPublishPacket | null {
    const principal = ctx.principals.get(client);
    if (principal && mayRead(principal, packet.topic)) return packet;
    ctx.stats.forwardDenied++;
    return null;
  }

  return { preConnect, authenticate, authorizePublish, authorizeSubscribe, authorizeForward };
}
