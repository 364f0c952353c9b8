import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { RELATION_LABELS } from '../../lib/view';
import { sendMessage, type TabStatus } from '../../messaging/protocol';
import '../../components/page.css';

function Popup() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [status, setStatus] = useState<TabStatus | null>(null);
  const [note, setNote] = useState('');

  const refresh = async (id: number) => setStatus(await sendMessage('tabStatus', { tabId: id }));

  useEffect(() => {
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      if (tab?.id === undefined) return;
      setTabId(tab.id);
      void refresh(tab.id);
    });
  }, []);

  const check = async () => {
    if (tabId === null) return;
    setNote('Checking…');
    const answer = await sendMessage('checkTab', { tabId });
    setNote(answer.ok ? '' : `This page cannot be checked: ${answer.error ?? 'unknown error'}`);
    // The content script reports to the background; give it a moment to finish.
    setTimeout(() => void refresh(tabId), 500);
  };

  const line =
    status === null
      ? 'Loading…'
      : status.state === 'unchecked'
        ? 'This page has not been checked.'
        : status.result.match
          ? `${status.result.match.story.agency}: "${status.result.match.story.headline}" (${status.result.match.relation}: ${RELATION_LABELS[status.result.match.relation]})`
          : 'No wire story from the index found on this page.';

  return (
    <main class="popup">
      <h1>Wiretrace</h1>
      <p class="status" role="status">
        {line}
      </p>
      <button type="button" onClick={() => void check()}>
        Check this page
      </button>
      {note && <p class="note">{note}</p>}
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
