/**
 * Readability's own pre-check, imported on its own: the package's main module brings the whole of Readability (a
 * third of the content script, 34 KB minified) with it, and the content script needs only this check since
 * extraction reads the page itself (lib/page-walk.ts, lib/main-content.ts).
 */
declare module '@mozilla/readability/Readability-readerable.js' {
  export default function isProbablyReaderable(
    document: Document,
    options?: { minScore?: number; minContentLength?: number; visibilityChecker?: (node: Node) => boolean },
  ): boolean;
}
