/** The most characters of an input value any error message repeats. */
export const MAX_QUOTED_CHARS = 60;

/**
 * `value` in double quotes for an error message, cut to at most 60 characters (plus "…" and the real length),
 * with control characters shown as escapes. A message must never echo a 5 MB field back to the user, the log
 * or a CLI terminal, and never print a raw control character there.
 */
export function quoted(value: string, max: number = MAX_QUOTED_CHARS): string {
  let end = max - 1;
  // Never split a surrogate pair (an emoji or a rare CJK name character) into half a character.
  if (value.length > max && /[\ud800-\udbff]/.test(value.charAt(end - 1))) end -= 1;
  const cut = value.length > max ? `${value.slice(0, end)}…` : value;
  // eslint-disable-next-line no-control-regex
  const visible = cut.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const suffix = value.length > max ? ` (${value.length.toLocaleString('en-US')} characters)` : '';
  return `"${visible}"${suffix}`;
}
