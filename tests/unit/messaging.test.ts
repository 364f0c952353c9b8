import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerMessages, MESSAGE_TYPES, sendMessage, type Handlers, type MessageType } from '../../messaging/protocol';

/** A handler for every message of the protocol, each recording that it ran. */
function everyHandler() {
  const ran: string[] = [];
  const handlers = Object.fromEntries(
    MESSAGE_TYPES.map((type) => [
      type,
      vi.fn(() => {
        ran.push(type);
        return `answer to ${type}`;
      }),
    ]),
  ) as unknown as Handlers;
  return { handlers, ran };
}

/** Delivers a message as the browser would, from `sender`, and returns what goes back to it. */
async function deliver(type: MessageType, sender: object): Promise<unknown> {
  let reply: (response: unknown) => void = () => undefined;
  const replied = new Promise((resolve) => (reply = resolve));
  const message = { id: 1, type, data: { tabId: 1, storyId: 'x', query: 'x' }, timestamp: Date.now() };
  const handled = await fakeBrowser.runtime.onMessage.trigger(message, sender, reply);
  expect(handled).toContain(true);
  return ((await replied) as { res: unknown }).res;
}

const OWN = { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/popup.html` };
const STRANGERS = {
  'another extension': { id: 'some-other-extension-id', url: 'chrome-extension://some-other-extension-id/x.html' },
  'a web page': { url: 'https://news.example/article', origin: 'https://news.example' },
};

describe('the one gate every message passes', () => {
  let stop = () => undefined as void;
  afterEach(() => {
    stop();
    fakeBrowser.reset();
  });

  describe.each(Object.entries(STRANGERS))('from %s', (_, sender) => {
    it.each(MESSAGE_TYPES)('refuses "%s" and runs no handler', async (type) => {
      const { handlers, ran } = everyHandler();
      stop = answerMessages(handlers);
      expect(await deliver(type, sender)).toEqual({
        ok: false,
        error: 'Wiretrace refuses messages from other extensions or pages.',
      });
      expect(ran).toEqual([]);
    });
  });

  it.each(MESSAGE_TYPES)('answers "%s" from our own pages and scripts, in the one result shape', async (type) => {
    const { handlers, ran } = everyHandler();
    stop = answerMessages(handlers);
    expect(await deliver(type, OWN)).toEqual({ ok: true, value: `answer to ${type}` });
    expect(ran).toEqual([type]);
  });

  it('answers a failing handler with its reason, in the same shape', async () => {
    const { handlers } = everyHandler();
    handlers.compare = () => {
      throw new Error('The index in use has no story "x".');
    };
    stop = answerMessages(handlers);
    expect(await deliver('compare', OWN)).toEqual({ ok: false, error: 'The index in use has no story "x".' });
  });

  it('gives the asker the same shape when nothing answers (the background gone after an update)', async () => {
    await expect(sendMessage('tabStatus', { tabId: 1 })).resolves.toMatchObject({
      ok: false,
      error: expect.any(String),
    });
  });
});
