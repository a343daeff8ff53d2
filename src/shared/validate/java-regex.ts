/** A Java regex translated for JavaScript, or why it could not be. */
export type TranslatedRegex = { ok: true; regex: RegExp } | { ok: false; reason: string };

/**
 * Translates a Java `java.util.regex` pattern, as used by regex replica catalog entries,
 * into a JavaScript RegExp that matches the WHOLE name, like Java's `Matcher.matches()`.
 *
 * Handled: `\Q…\E` quoting, leading inline flags `(?i)`, `(?s)`, `(?m)`, `\A`, `\z`, `\Z`,
 * possessive quantifiers (`*+`, `++`, `?+`, `{n}+`, made greedy) and atomic groups
 * (`(?>…)`, made plain groups); both only change backtracking, not which names match, for
 * replica patterns. Refused (with a reason): character-class union or intersection
 * (`[a[b]]`, `&&`), `\p{…}` classes, the comments flag `x`, and inline flags later in the
 * pattern. Cost: O(pattern length).
 */
export function translateJavaRegex(pattern: string): TranslatedRegex {
  let flags = '';
  let rest = pattern;
  const leading = /^\(\?([a-zA-Z]+)\)/.exec(rest);
  if (leading) {
    for (const flag of leading[1]!) {
      if (flag === 'i' || flag === 's' || flag === 'm') {
        if (!flags.includes(flag)) flags += flag;
      } else if (flag !== 'u' && flag !== 'd' && flag !== 'U')
        return { ok: false, reason: `inline flag '${flag}' has no JavaScript equivalent` };
    }
    rest = rest.slice(leading[0].length);
  }

  let out = '';
  let inClass = false;
  let i = 0;
  while (i < rest.length) {
    const c = rest[i]!;
    if (c === '\\') {
      const next = rest[i + 1];
      if (next === undefined) return { ok: false, reason: 'the pattern ends with a lone backslash' };
      if (next === 'Q') {
        const end = rest.indexOf('\\E', i + 2);
        const literal = rest.slice(i + 2, end === -1 ? rest.length : end);
        out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = end === -1 ? rest.length : end + 2;
        continue;
      }
      if (!inClass && next === 'A') {
        out += '^';
      } else if (!inClass && (next === 'z' || next === 'Z')) {
        out += '$';
      } else if (next === 'p' || next === 'P') {
        return { ok: false, reason: `the class '\\${next}{…}' has no JavaScript equivalent without the unicode flag` };
      } else {
        out += c + next;
      }
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === '[') return { ok: false, reason: 'nested character classes (union) are Java-only' };
      if (c === '&' && rest[i + 1] === '&')
        return { ok: false, reason: 'character class intersection (&&) is Java-only' };
      if (c === ']') inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      i++;
      // A ']' right after '[' or '[^' is a literal in both languages.
      if (rest[i] === '^') out += rest[i++];
      if (rest[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && rest[i + 1] === '?') {
      if (rest[i + 2] === '>') {
        out += '(?:';
        i += 3;
        continue;
      }
      if (/^\(\?[a-zA-Z-]+[:)]/.test(rest.slice(i)))
        return { ok: false, reason: 'inline flags inside the pattern are not supported' };
    }
    if ((c === '*' || c === '+' || c === '?' || c === '}') && rest[i + 1] === '+') {
      out += c; // possessive → greedy
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  try {
    return { ok: true, regex: new RegExp(`^(?:${out})$`, flags) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
