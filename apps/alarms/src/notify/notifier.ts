import type { AlarmView } from '@plantwatch/contracts';
import type { AlarmChange } from '@plantwatch/domain';
import type { Clock } from '../clock.js';
import type { Contacts } from '../rules/roster-file.js';
import { MailChannel, type MailOptions } from './mail.channel.js';
import { DEFAULT_RETRY, RetryingSender, type RetryOptions } from './retrying-sender.js';
import { webhookAttempt } from './webhook.channel.js';

export interface NotifierOptions {
  readonly webhookUrl?: string;
  readonly mail?: MailOptions;
  /** Also POST every annunciated raise of these severities to the webhook (default none). */
  readonly webhookOnRaise?: readonly string[];
  readonly retry?: RetryOptions;
}

/**
 * Pushes alarms to people (domain.md §3.8, seed H4): an escalation goes to the person it
 * escalated to by webhook and e-mail; the one-map gets every transition through the api's
 * socket.io namespace. Deliveries retry with backoff and carry an idempotency key
 * (`{alarm id}#{seq}`: the transition's own sequence number).
 */
export class Notifier {
  readonly sender: RetryingSender;
  private readonly mail: MailChannel | undefined;

  constructor(
    clock: Clock,
    private readonly options: NotifierOptions,
    private contacts: Contacts,
    log: (message: string) => void,
  ) {
    this.sender = new RetryingSender(clock, options.retry ?? DEFAULT_RETRY, log);
    this.mail = options.mail === undefined ? undefined : new MailChannel(options.mail);
  }

  setContacts(contacts: Contacts): void {
    this.contacts = contacts;
  }

  notify(change: AlarmChange): void {
    const alarm: AlarmView = { ...change.values, device: change.device, ts: change.ts };
    const key = `${alarm.id}#${change.seq}`;
    const person = alarm.assignee;
    const contact = person === undefined ? undefined : this.contacts[person];
    if (alarm.event === 'escalate') {
      const to = person === undefined ? undefined : { person, ...(contact?.name ? { name: contact.name } : {}), ...(contact?.email ? { email: contact.email } : {}) };
      if (this.options.webhookUrl) this.sender.send(`webhook ${key}`, webhookAttempt(this.options.webhookUrl, { idempotencyKey: key, kind: 'escalate', ...(to ? { to } : {}), alarm }));
      if (this.mail && contact?.email) this.sender.send(`mail ${key}`, this.mail.attempt(contact.email, alarm, key));
    } else if (alarm.event === 'raise' && alarm.state === 'active_unack' && this.options.webhookUrl && this.options.webhookOnRaise?.includes(alarm.sev)) {
      this.sender.send(`webhook ${key}`, webhookAttempt(this.options.webhookUrl, { idempotencyKey: key, kind: 'raise', alarm }));
    }
  }

  close(): void {
    this.mail?.close();
  }
}
