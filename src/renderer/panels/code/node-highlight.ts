/**
 * Highlights canvas nodes from outside the canvas (compare, search) with a style sheet of
 * attribute selectors, so that no node re-renders and the canvas code stays untouched. Each
 * owner has its own sheet; `clearHighlight` removes it.
 */
const sheets = new Map<string, HTMLStyleElement>();

export interface HighlightRule {
  /** Node keys (`j:ID`, `f:LFN`). */
  keys: readonly string[];
  /** CSS declarations, e.g. `outline: 3px solid #12b76a`. */
  style: string;
}

/** Past this many keys a rule is cut: a selector per node costs style recalculation time. */
const MAX_KEYS = 5000;

function selector(key: string): string {
  return `.react-flow__node[data-id="${CSS.escape(key)}"]`;
}

export function setHighlight(owner: string, rules: readonly HighlightRule[], dimOthers = false): void {
  let sheet = sheets.get(owner);
  if (!sheet) {
    sheet = document.createElement('style');
    sheet.dataset.highlight = owner;
    document.head.append(sheet);
    sheets.set(owner, sheet);
  }
  const css: string[] = [];
  if (dimOthers) css.push('.react-flow__node { opacity: 0.25; }');
  for (const rule of rules) {
    if (rule.keys.length === 0) continue;
    const keys = rule.keys.slice(0, MAX_KEYS);
    css.push(`${keys.map(selector).join(',\n')} { ${rule.style}; opacity: 1; }`);
  }
  sheet.textContent = css.join('\n');
}

export function clearHighlight(owner: string): void {
  sheets.get(owner)?.remove();
  sheets.delete(owner);
}
