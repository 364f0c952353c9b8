import { useEffect, useState } from 'preact/hooks';
import { sendMessage, valueOf, type SubscriptionStatus } from '../../messaging/protocol';
import { MAX_SUBSCRIPTION_FILE_BYTES, parseSubscriptionFile, type SubscriptionInput } from '../../utils/subscriptions';
import { sizeText } from './sources';

/** "23 Nov 2026, 14:05": when an update was tried or last succeeded, in the reader's own time. */
function when(time: number): string {
  return new Date(time).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** "version 3, 1,204 stories, published 23 Nov 2026, 06:00; last update: a delta, 2 files, 41.2 KB". */
function describe(s: SubscriptionStatus): string {
  if (s.version === null) return 'nothing fetched yet';
  const published = s.published ? `, published ${when(Date.parse(s.published))}` : '';
  const update = s.lastUpdate
    ? `; last download: ${s.lastUpdate.kind === 'delta' ? 'the changes only' : 'the whole index'}, ${s.lastUpdate.files} ${s.lastUpdate.files === 1 ? 'file' : 'files'}, ${sizeText(s.lastUpdate.bytes)}`
    : '';
  return `version ${s.version}, ${s.stories.toLocaleString('en')} ${s.stories === 1 ? 'story' : 'stories'}${published}${update}`;
}

/**
 * Subscriptions to published indexes (issue 14): off until the reader adds one, by the address of
 * its manifest and the publisher's public key, or by a subscription file holding both. Each is
 * listed with the version held, when it last updated, and why its last try failed.
 */
export function Subscriptions({ onChange }: { onChange: () => void }) {
  const [list, setList] = useState<SubscriptionStatus[] | null>(null);
  const [url, setUrl] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const refresh = async () => setList(valueOf(await sendMessage('subscriptionsList', undefined)));
  useEffect(() => {
    void refresh().catch((error: Error) => setMessage({ kind: 'error', text: error.message }));
  }, []);

  /** Runs one request to the background, then lists again; says what failed in its words. */
  const run = async (task: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage({ kind: 'ok', text: await task() });
    } catch (error) {
      setMessage({ kind: 'error', text: (error as Error).message });
    } finally {
      setBusy(false);
      await refresh().catch(() => undefined);
      onChange();
    }
  };

  const subscribe = (input: SubscriptionInput) =>
    run(async () => {
      const s = valueOf(await sendMessage('subscriptionAdd', input));
      setUrl('');
      setPublicKey('');
      return s.lastError
        ? `Subscribed to ${s.name}, but its first update failed: ${s.lastError}`
        : `Subscribed to ${s.name}: ${describe(s)}.`;
    });

  const fromFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > MAX_SUBSCRIPTION_FILE_BYTES) {
      setMessage({ kind: 'error', text: `${file.name} is too large to be a subscription file.` });
      return;
    }
    try {
      await subscribe(parseSubscriptionFile(await file.text()));
    } catch (error) {
      setMessage({ kind: 'error', text: `${file.name}: ${(error as Error).message}` });
    }
  };

  const update = (s: SubscriptionStatus) =>
    run(async () => {
      const after = valueOf(await sendMessage('subscriptionUpdate', { id: s.id }));
      if (after.lastError) throw new Error(`${after.name} was not updated: ${after.lastError}`);
      return after.version === s.version
        ? `${after.name} is up to date (version ${after.version}).`
        : `${after.name} updated: ${describe(after)}.`;
    });

  const remove = (s: SubscriptionStatus) =>
    run(async () => {
      valueOf(await sendMessage('subscriptionRemove', { id: s.id }));
      return `Unsubscribed from ${s.name}; its stories are deleted from this device.`;
    });

  return (
    <fieldset class="subscriptions">
      <legend>Subscriptions to published indexes</legend>
      <p class="hint">
        A newsroom, school or fact-checking group may publish an index of wire stories, signed with its key. Wiretrace
        then fetches it about every 6 hours from that address only, without cookies and without saying anything about
        what you read.
      </p>
      {list === null ? (
        <p>Loading…</p>
      ) : list.length === 0 ? (
        <p class="subscriptions-none">No subscriptions: Wiretrace fetches nothing.</p>
      ) : (
        <ul class="subscriptions-list">
          {list.map((s) => (
            <li key={s.id} data-subscription={s.id}>
              <strong>{s.name}</strong> ({s.url}): {describe(s)}.{' '}
              {s.lastSuccessAt !== null && <span>Last updated {when(s.lastSuccessAt)}. </span>}
              {s.lastError !== null && (
                <span class="index-problem subscription-problem">
                  Last try{s.lastTriedAt !== null ? ` (${when(s.lastTriedAt)})` : ''} failed: {s.lastError}
                  {s.version !== null ? ` Version ${s.version} is still in use.` : ''}
                </span>
              )}{' '}
              <button type="button" disabled={busy} aria-label={`Update now: ${s.name}`} onClick={() => void update(s)}>
                Update now
              </button>{' '}
              <button type="button" disabled={busy} aria-label={`Remove ${s.name}`} onClick={() => void remove(s)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void subscribe({ url, publicKey });
        }}
      >
        <label>
          Address of the index{' '}
          <input
            type="url"
            name="subscription-url"
            value={url}
            placeholder="https://index.example.org/manifest"
            spellcheck={false}
            autocomplete="off"
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
        </label>{' '}
        <label>
          Publisher’s public key{' '}
          <input
            type="text"
            name="subscription-key"
            value={publicKey}
            placeholder="wiretrace-ed25519-public …"
            spellcheck={false}
            autocomplete="off"
            onInput={(e) => setPublicKey(e.currentTarget.value)}
          />
        </label>{' '}
        <button type="submit" disabled={busy}>
          Subscribe
        </button>
      </form>
      <label>
        Or subscribe with a subscription file (.json){' '}
        <input
          type="file"
          name="subscription-file"
          accept=".json,application/json"
          disabled={busy}
          onChange={(e) => void fromFile(e.currentTarget)}
        />
      </label>
      {message && (
        <p
          role={message.kind === 'error' ? 'alert' : 'status'}
          class={message.kind === 'error' ? 'index-problem subscriptions-message' : 'subscriptions-message'}
        >
          {message.text}
        </p>
      )}
    </fieldset>
  );
}
