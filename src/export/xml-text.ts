/**
 * Text made safe for XML 1.0: the five markup characters escaped, and the characters XML 1.0 cannot hold
 * at all (controls other than tab, newline and carriage return; lone surrogates; U+FFFE/U+FFFF) replaced
 * by U+FFFD, since no escape can represent them and a reader would refuse the whole file.
 */

// Lone surrogates (a high one not followed by a low one, a low one not preceded by a high one) included.
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Only what XML 1.0 can hold: for strings handed to a writer that escapes markup itself. */
export function xmlCharacters(text: string): string {
  return text.replace(NOT_IN_XML, '\uFFFD');
}

const MARKUP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escaped for element content and double-quoted attribute values alike. Tabs, newlines and carriage
 * returns become character references so that attribute values keep them (an XML parser turns raw ones in
 * attributes into spaces).
 */
export function xmlEscape(text: string): string {
  return xmlCharacters(text).replace(/[&<>"'\t\n\r]/g, (c) => MARKUP[c] ?? `&#${c.charCodeAt(0)};`);
}
