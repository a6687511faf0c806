import type { AlarmView } from '@plantwatch/contracts';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Attempt } from './retrying-sender.js';

export interface MailOptions {
  /** `smtp://host:port` (or `smtps://`, with `user:pass@` when the relay wants it). */
  readonly url: string;
  readonly from: string;
}

/** E-mail over SMTP (nodemailer): one message per escalation, to the person it escalated to. */
export class MailChannel {
  private readonly transport: Transporter;

  constructor(private readonly options: MailOptions) {
    this.transport = nodemailer.createTransport(options.url);
  }

  attempt(to: string, alarm: AlarmView, idempotencyKey: string): () => Promise<Attempt> {
    const subject = `[plantwatch] ${alarm.sev.toUpperCase()} ${alarm.code} not acknowledged - escalation level ${alarm.esc}`;
    const text = [
      `${alarm.msg}${alarm.msgZh === undefined ? '' : ` / ${alarm.msgZh}`}`,
      `Device: ${alarm.device}`,
      `Signal: ${alarm.src}${alarm.val === undefined ? '' : ` = ${String(alarm.val)}`}${alarm.lim === undefined || alarm.lim === null ? '' : ` (limit ${alarm.lim})`}`,
      `Owner: ${alarm.owner ?? '—'}; now with: ${alarm.assignee ?? '—'}`,
      `Active since: ${alarm.activeSince === undefined ? '—' : new Date(alarm.activeSince).toISOString()}`,
      `Alarm id: ${alarm.id}`,
    ].join('\n');
    return async () => {
      await this.transport.sendMail({ from: this.options.from, to, subject, text, messageId: `<${idempotencyKey.replace(/[^A-Za-z0-9.-]/g, '_')}@plantwatch>` });
      return 'done';
    };
  }

  close(): void {
    this.transport.close();
  }
}
