import { useState } from 'preact/hooks';
import { ADD_THIS_PAGE, CANNOT_READ_PAGE, checkFailure, sourceLabel } from '../../lib/labels';
import { sendMessage } from '../../messaging/protocol';

/**
 * "Add this page to my stories": the page in the tab (a press release, a wire story on a partner
 * site, a trainer's material) becomes a story of the reader's own, matched like any other. The
 * page is checked first when it was not (activeTab: the reader's click allows it on any site).
 * When whose text it is cannot be told from the page, the reader names it.
 */
export function AddPage({ tabId, checked, check }: { tabId: number; checked: boolean; check: () => Promise<boolean> }) {
  const [asking, setAsking] = useState<string | null>(null);
  const [named, setNamed] = useState('');
  const [result, setResult] = useState<{ text: string; problem: boolean } | null>(null);

  const add = async (source: string | null) => {
    setResult(null);
    if (!checked && !(await check())) return;
    const answer = await sendMessage('addPage', { tabId, source });
    if (!answer.ok) {
      const plain = checkFailure(answer.error);
      setResult({
        text: plain === CANNOT_READ_PAGE ? plain : `This page could not be added: ${answer.error}`,
        problem: true,
      });
      return;
    }
    const value = answer.value;
    if (value.added) {
      setAsking(null);
      const what =
        value.change === 'new'
          ? 'Added to your stories'
          : value.change === 'same'
            ? 'Already in your stories'
            : 'Added as an update of a story you have';
      setResult({ text: `${what}: “${value.headline}” (${sourceLabel(value.source)}).`, problem: false });
    } else if (value.reason === 'needs-source') {
      setNamed(value.suggestion);
      setAsking(value.suggestion);
    } else setResult({ text: 'No article found on this page to add.', problem: true });
  };

  return (
    <section class="add-page" aria-label={ADD_THIS_PAGE}>
      {asking === null ? (
        <button type="button" onClick={() => void add(null)}>
          {ADD_THIS_PAGE}
        </button>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (named.trim()) void add(named.trim());
          }}
        >
          <label>
            Whose text is this? (the agency or organisation)
            <input type="text" value={named} onInput={(e) => setNamed(e.currentTarget.value)} required />
          </label>
          <button type="submit">Add</button>
        </form>
      )}
      {result && (
        <p role={result.problem ? 'alert' : 'status'} class={result.problem ? 'note problem' : 'note'}>
          {result.text}
        </p>
      )}
    </section>
  );
}
