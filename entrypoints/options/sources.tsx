import { useEffect, useState } from 'preact/hooks';
import { openIndexFile } from '../../lib/index-file';
import { IMPORT_STORIES, sourceSummary, storiesText } from '../../lib/labels';
import { sendMessage, valueOf, type IndexStatus, type SourceStatus } from '../../messaging/protocol';
import { addImport, removeImport } from '../../utils/story-db';

/** Largest index file accepted for import: well past 100,000 stories in the compact build. */
const MAX_IMPORT_BYTES = 512 * 2 ** 20;

export function sizeText(bytes: number): string {
  return bytes < 2 ** 20 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

/** "bundled with Wiretrace: 1 story, the newest from 2022-01-12, 25.2 KB" (lib/labels.ts says it). */
function describeSource(source: SourceStatus): string {
  const name =
    source.kind === 'imported'
      ? `imported: ${source.name}`
      : source.kind === 'subscription'
        ? `subscription: ${source.name}`
        : source.name;
  return sourceSummary(name, source.stories, source.info && { ...source.info, size: sizeText(source.info.bytes) });
}

/**
 * Where the stories come from: the bundled index, each imported file (several at once, each
 * removable), the reader's reading and their own additions. A file is opened and checked here
 * before it is stored; a bad one is explained and the stories in use stay as they were.
 */
export function StorySources({ refresh }: { refresh: number }) {
  const [status, setStatus] = useState<IndexStatus | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    void sendMessage('indexInfo', undefined).then((answer) => answer.ok && setStatus(answer.value));
  }, [refresh]);

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      if (file.size > MAX_IMPORT_BYTES)
        throw new Error(`The file is ${(file.size / 2 ** 20).toFixed(0)} MB; the limit is 512 MB.`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const opened = openIndexFile(bytes);
      if (opened.info.stories > 0) opened.index.story(0);
      await addImport(file.name, bytes);
      setStatus(valueOf(await sendMessage('reloadIndex', undefined)));
      setMessage({ kind: 'ok', text: `Imported ${file.name}: ${storiesText(opened.info.stories)}.` });
    } catch (error) {
      setMessage({
        kind: 'error',
        text: `${file.name} was not imported: ${(error as Error).message} The stories in use are unchanged.`,
      });
    }
  };

  const remove = async (source: SourceStatus) => {
    await removeImport(source.id!);
    setStatus(valueOf(await sendMessage('reloadIndex', undefined)));
    setMessage({ kind: 'ok', text: `Removed ${source.name}.` });
  };

  return (
    <fieldset class="index">
      <legend>Where the stories come from</legend>
      {status ? (
        <>
          <p class="index-info">Matching against {storiesText(status.stories)}:</p>
          <ul class="sources">
            {status.sources.map((source) => (
              <li key={source.id ?? source.kind} class={`source ${source.kind}`}>
                {describeSource(source)}
                {source.problem && (
                  <span class="index-problem">
                    {' '}
                    ({source.kind === 'imported' ? 'not in use: ' : ''}
                    {source.problem})
                  </span>
                )}{' '}
                {source.kind === 'imported' && (
                  <button type="button" aria-label={`Remove ${source.name}`} onClick={() => void remove(source)}>
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
          {status.problem && <p class="index-problem">{status.problem}</p>}
        </>
      ) : (
        <p class="index-info">Loading…</p>
      )}
      <label>
        {IMPORT_STORIES}
        <input
          type="file"
          accept=".json,.wtix,application/json,application/octet-stream"
          onChange={(e) => void importFile(e.currentTarget.files?.[0])}
        />
      </label>
      {message && (
        <p class={`index-message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </fieldset>
  );
}
