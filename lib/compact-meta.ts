/**
 * A story's metadata and quotes as the compact build stores them (schema 2):
 * a JSON array in a fixed order (no field names), each quote's surrounding
 * sentence stored as what stands before and after the quote (not the quote
 * twice), deflated with a dictionary the file carries (the first stories'
 * own metadata: agencies, outlets, the words of the beat). The wire texts
 * are never stored.
 */
import { deflateSync, inflateSync } from 'fflate';
import type { Story, StoryQuote, StoryVersion } from './index-schema';

/** Deflate looks back 32 KB at most: a longer dictionary would not be used. */
export const META_DICTIONARY_BYTES = 32 * 1024;
const DEFLATE_LEVEL = 9;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

type Context = string | [before: string, after: string];

function contextOf(q: StoryQuote): Context {
  const at = q.context.indexOf(q.text);
  return at < 0 ? q.context : [q.context.slice(0, at), q.context.slice(at + q.text.length)];
}

/** The story in positional form, without its texts. */
export function metaRecord(story: Story): Uint8Array {
  const headline = story.headlines[0];
  const record = [
    story.id,
    story.agency,
    story.date,
    story.dateline,
    story.bylines,
    story.headlines,
    story.url,
    story.versions.map((v) => [
      v.id,
      v.outlet,
      v.url,
      v.language,
      v.shownDates,
      v.credits,
      v.relation,
      v.writeThrough,
      // Most versions are titled with the story's headline: 0 says so.
      v.title === headline ? 0 : v.title,
    ]),
    story.wire.map((w) => w.version),
    story.quotes.map((q) => [q.text, q.speaker, q.role, contextOf(q), q.version]),
  ];
  return encoder.encode(JSON.stringify(record));
}

export function compressMeta(record: Uint8Array, dictionary: Uint8Array): Uint8Array {
  return deflateSync(record, { level: DEFLATE_LEVEL, dictionary });
}

/**
 * The story back from its stored bytes (wire paragraphs empty). Throws on damage; the caller
 * validates the result like any imported story, so a wrong type is named by its field.
 */
export function decodeMeta(bytes: Uint8Array, dictionary: Uint8Array): unknown {
  const r = JSON.parse(decoder.decode(inflateSync(bytes, { dictionary }))) as unknown[];
  if (!Array.isArray(r) || r.length !== 10) throw new Error('not a story record');
  const [id, agency, date, dateline, bylines, headlines, url, versions, wire, quotes] = r as [
    string,
    string,
    string,
    string | null,
    string[],
    string[],
    string | null,
    unknown[][],
    string[],
    unknown[][],
  ];
  const headline = Array.isArray(headlines) ? headlines[0] : undefined;
  return {
    id,
    agency,
    date,
    dateline,
    bylines,
    headlines,
    url,
    versions: versions.map(
      ([vid, outlet, vurl, language, shownDates, credits, relation, writeThrough, title]) =>
        ({
          id: vid,
          outlet,
          url: vurl,
          language,
          shownDates,
          credits,
          relation,
          writeThrough,
          title: title === 0 ? headline : title,
        }) as StoryVersion,
    ),
    wire: wire.map((version) => ({ version, paragraphs: [] })),
    quotes: quotes.map(([text, speaker, role, context, version]) => ({
      text,
      speaker,
      role,
      context: Array.isArray(context) ? `${context[0]}${text as string}${context[1]}` : context,
      version,
    })),
  };
}

/** A dictionary from records (the first stories'), the most recent last: deflate reaches those cheapest. */
export function metaDictionary(records: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const r of records) length += r.length;
  const all = new Uint8Array(length);
  let at = 0;
  for (const r of records) {
    all.set(r, at);
    at += r.length;
  }
  return all.slice(Math.max(0, length - META_DICTIONARY_BYTES));
}
