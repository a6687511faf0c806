import type { AlarmView } from '@plantwatch/contracts';
import type { Attempt } from './retrying-sender.js';

/** What the webhook receives: one notification, with a key that is the same on every retry. */
export interface WebhookBody {
  readonly idempotencyKey: string;
  readonly kind: 'escalate' | 'raise';
  readonly to?: { readonly person: string; readonly name?: string; readonly email?: string };
  readonly alarm: AlarmView;
}

/**
 * POSTs a JSON notification with an `Idempotency-Key` header. 2xx is done; 408, 429 and 5xx or
 * a network error are retried with backoff; any other 4xx is a permanent refusal.
 */
export function webhookAttempt(url: string, body: WebhookBody, timeoutMs = 10_000): () => Promise<Attempt> {
  const payload = JSON.stringify(body);
  return async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': body.idempotencyKey },
      body: payload,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (response.ok) return 'done';
    return response.status === 408 || response.status === 429 || response.status >= 500 ? 'retry' : 'give-up';
  };
}
