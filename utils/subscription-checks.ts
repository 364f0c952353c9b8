/**
 * When subscriptions are checked, wired to the browser: an alarm about every
 * 6 hours (jittered, lib-free arithmetic in utils/subscriptions.ts) while at
 * least one subscription exists, and "Update now" from the options page. One
 * update at a time, so an alarm and a click never write over each other's
 * version; the index in use is opened again after a version changed.
 */
import { browser } from 'wxt/browser';
import type { SubscriptionStatus } from '../messaging/protocol';
import { oneAtATime } from './one-at-a-time';
import {
  freshRecord,
  newSubscription,
  nextCheckMinutes,
  subscriptionStatus,
  updateSubscription,
  type Fetch,
  type SubscriptionInput,
  type SubscriptionStore,
} from './subscriptions';

const CHECK_ALARM = 'wiretrace-subscriptions';

export interface SubscriptionChecks {
  list(): Promise<SubscriptionStatus[]>;
  add(input: SubscriptionInput): Promise<SubscriptionStatus>;
  update(id: string): Promise<SubscriptionStatus>;
  remove(id: string): Promise<void>;
}

export function subscriptionChecks(
  store: SubscriptionStore,
  fetcher: Fetch,
  /** Called after a subscription's version changed or it was removed: open the index in use again. */
  changed: () => Promise<unknown>,
): SubscriptionChecks {
  const inOrder = oneAtATime();

  const updateOne = (id: string) =>
    inOrder(async () => {
      const before = (await store.get(id))?.held?.version;
      const after = await updateSubscription(store, fetcher, id);
      if (after.held?.version !== before) await changed();
      return after;
    });

  /** An alarm while there is something to check; none at all otherwise. */
  const schedule = async () => {
    if ((await store.list()).length === 0) await browser.alarms.clear(CHECK_ALARM);
    else if (!(await browser.alarms.get(CHECK_ALARM)))
      await browser.alarms.create(CHECK_ALARM, { delayInMinutes: nextCheckMinutes() });
  };

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== CHECK_ALARM) return;
    void (async () => {
      for (const record of await store.list()) await updateOne(record.id);
      await schedule();
    })().catch((error: unknown) => console.warn('Wiretrace: subscriptions:', error));
  });
  void schedule().catch((error: unknown) => console.warn('Wiretrace: subscriptions:', error));

  return {
    list: async () => (await store.list()).map(subscriptionStatus),
    async add(input) {
      const subscription = newSubscription(input, Date.now());
      if ((await store.list()).some((r) => r.url === subscription.url))
        throw new Error(`You are already subscribed to ${subscription.url}.`);
      await store.put(freshRecord(subscription));
      await schedule();
      return subscriptionStatus(await updateOne(subscription.id));
    },
    update: async (id) => subscriptionStatus(await updateOne(id)),
    async remove(id) {
      await inOrder(() => store.remove(id));
      await changed();
      await schedule();
    },
  };
}
