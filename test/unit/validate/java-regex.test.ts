import { describe, expect, it } from 'vitest';
import { translateJavaRegex } from '../../../src/shared/validate/java-regex';

function matches(pattern: string, name: string): boolean {
  const t = translateJavaRegex(pattern);
  if (!t.ok) throw new Error(t.reason);
  return t.regex.test(name);
}

describe('translateJavaRegex', () => {
  it('matches the whole name, as Matcher.matches() does', () => {
    expect(matches('f\\.a', 'f.a')).toBe(true);
    expect(matches('f\\.a', 'xf.a')).toBe(false);
    expect(matches('f\\.a', 'f.ab')).toBe(false);
    expect(matches('a|b', 'ab')).toBe(false);
    expect(matches('a|b', 'b')).toBe(true);
  });

  it('reads \\Q…\\E as literal text', () => {
    expect(matches('\\Qa.b*c\\E', 'a.b*c')).toBe(true);
    expect(matches('\\Qa.b*c\\E', 'axbbc')).toBe(false);
    expect(matches('x\\Q(1)', 'x(1)')).toBe(true);
  });

  it('takes leading inline flags', () => {
    expect(matches('(?i)data_\\d+\\.CSV', 'DATA_7.csv')).toBe(true);
    expect(matches('data', 'DATA')).toBe(false);
  });

  it('turns possessive quantifiers and atomic groups into plain ones', () => {
    expect(matches('a++b', 'aab')).toBe(true);
    expect(matches('(?>ab|a)c', 'abc')).toBe(true);
    expect(matches('x{2}+y', 'xxy')).toBe(true);
  });

  it('maps \\A and \\z to anchors', () => {
    expect(matches('\\Araw\\z', 'raw')).toBe(true);
  });

  it('keeps character classes, including a leading ]', () => {
    expect(matches('[]a]+', ']a]')).toBe(true);
    expect(matches('[^.]+\\.txt', 'notes.txt')).toBe(true);
    expect(matches('[^.]+\\.txt', 'a.b.txt')).toBe(false);
  });

  it('refuses Java-only syntax with a reason', () => {
    expect(translateJavaRegex('[a-z&&[^b]]')).toMatchObject({ ok: false });
    expect(translateJavaRegex('\\p{Lower}+')).toMatchObject({ ok: false, reason: expect.stringContaining('\\p') });
    expect(translateJavaRegex('(?x) a b')).toMatchObject({ ok: false });
    expect(translateJavaRegex('a(?i)b')).toMatchObject({ ok: false });
    expect(translateJavaRegex('(unclosed')).toMatchObject({ ok: false });
    expect(translateJavaRegex('trailing\\')).toMatchObject({ ok: false });
  });
});
