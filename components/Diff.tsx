import type { DiffPart } from '../lib/quote-check';

/**
 * A word diff as text: kept words plain, added ones in <ins>, removed ones in
 * <del> (styled by diff.css). Quote diffs come as word lists and need a space
 * after each part; paragraph diffs carry their own spacing.
 */
export function Diff({ parts, spaced = false }: { parts: readonly DiffPart[]; spaced?: boolean }) {
  const after = spaced ? ' ' : '';
  return (
    <>
      {parts.map((part, i) =>
        part.kind === 'same' ? (
          <span key={i}>
            {part.text}
            {after}
          </span>
        ) : part.kind === 'added' ? (
          <ins key={i}>
            {part.text}
            {after}
          </ins>
        ) : (
          <del key={i}>
            {part.text}
            {after}
          </del>
        ),
      )}
    </>
  );
}
