import { useEffect, useState } from 'preact/hooks';
import { languageName, LANGUAGES_TOLD } from '../../lib/language';
import { MAX_LEXICON_BYTES, parseLexicon } from '../../lib/lexicon';
import { sendMessage } from '../../messaging/protocol';
import { listWordLists, putWordList, removeWordList } from '../../utils/story-db';
import { sizeText } from './sources';

/** "es-en.tsv", "pt.tsv", "ru_en.txt": the language a file name starts with, when it is one the pages can be in. */
function languageOfFileName(name: string): string | null {
  const code = /^([a-z]{2,3})(?:[-_.]|$)/i.exec(name)?.[1]?.toLowerCase() ?? null;
  return code && LANGUAGES_TOLD.includes(code) ? code : null;
}

type Listed = Awaited<ReturnType<typeof listWordLists>>[number];

/**
 * Word lists for pages in other languages (issue: translations). A list is checked here (lib/lexicon reads it, as the
 * background will) before it is stored; a bad one is explained and the lists in use stay as they were. One list per
 * language: a new one replaces the language's earlier one.
 */
export function WordLists() {
  const [lists, setLists] = useState<Listed[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const refresh = async () => setLists(await listWordLists());

  useEffect(() => {
    void refresh();
  }, []);

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    try {
      const language = chosen || languageOfFileName(file.name);
      if (!language) throw new Error('Choose its language first (or name the file like "es-en.tsv").');
      if (file.size > MAX_LEXICON_BYTES) throw new Error('The file is too large for a word list.');
      const text = await file.text();
      const { pairs } = parseLexicon(language, text);
      await putWordList({ language, name: file.name, addedAt: Date.now(), pairs, text });
      await sendMessage('wordListsChanged', undefined);
      await refresh();
      setMessage({
        kind: 'ok',
        text: `${file.name} is in use for pages in ${languageName(language)}: ${pairs.toLocaleString('en')} word pairs.`,
      });
    } catch (error) {
      setMessage({ kind: 'error', text: `${file.name} was not added: ${(error as Error).message}` });
    } finally {
      input.value = '';
    }
  };

  const remove = async (list: Listed) => {
    await removeWordList(list.language);
    await sendMessage('wordListsChanged', undefined);
    await refresh();
    setMessage({ kind: 'ok', text: `Removed the ${languageName(list.language)} word list.` });
  };

  return (
    <fieldset class="word-lists">
      <legend>Pages in other languages</legend>
      <p class="hint">
        Wiretrace recognises a translated story through a word list of the page’s language: a text file with one{' '}
        <code>word</code>, tab, <code>English word</code> pair a line (Wiktionary and FreeDict lists have this form).
        The list stays on this device.
      </p>
      {lists === null ? (
        <p>Loading…</p>
      ) : lists.length === 0 ? (
        <p class="hint word-lists-none">
          No word lists yet: pages in other languages are matched only by what they share as written.
        </p>
      ) : (
        <ul class="word-lists-in-use">
          {lists.map((list) => (
            <li key={list.language}>
              {languageName(list.language)}: {list.name}, {list.pairs.toLocaleString('en')} word pairs,{' '}
              {sizeText(list.bytes)}{' '}
              <button
                type="button"
                aria-label={`Remove the ${languageName(list.language)} word list`}
                onClick={() => void remove(list)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <label>
        Language of the list
        <select value={chosen} onChange={(e) => setChosen(e.currentTarget.value)}>
          <option value="">from the file name (es-en.tsv)</option>
          {LANGUAGES_TOLD.map((code) => (
            <option key={code} value={code}>
              {languageName(code)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Add a word list (.tsv or .txt)
        <input
          type="file"
          accept=".tsv,.txt,text/plain,text/tab-separated-values"
          onChange={(e) => void importFile(e.currentTarget)}
        />
      </label>
      {message && (
        <p
          role={message.kind === 'error' ? 'alert' : 'status'}
          class={message.kind === 'error' ? 'index-problem' : undefined}
        >
          {message.text}
        </p>
      )}
    </fieldset>
  );
}
