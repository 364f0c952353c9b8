/**
 * Where a story came from. Every story the background matches against holds
 * one, and the overlay, popup, compare page and options say it: a reader who
 * meets "AP · edited" should see whether that AP story shipped with
 * Wiretrace, came in a file a trainer handed out, or was learned from their
 * own visit to apnews.com.
 */
export type StorySource =
  | { kind: 'bundled' }
  /** An index file the reader imported, by the file's name. */
  | { kind: 'imported'; name: string }
  /** A published index the reader subscribed to, by the name its publisher gives it. */
  | { kind: 'subscription'; name: string }
  /** Learned from the reader's visit to an agency's own site (site "apnews.com", date YYYY-MM-DD). */
  | { kind: 'learned'; site: string; date: string }
  /** Added by the reader from any page ("Add this page to my stories"). */
  | { kind: 'added'; site: string; date: string };

export type SourceKind = StorySource['kind'];

export const BUNDLED: StorySource = Object.freeze({ kind: 'bundled' });
