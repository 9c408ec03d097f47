// The only URL schemes the registry accepts, from an HSDS import or a staff form: a link with any other scheme
// (javascript:, data:, vbscript:, file: …) could run in, or leave, the reader's browser when it is shown as a link.
export const allowedUrlSchemes = ['http:', 'https:', 'mailto:', 'tel:'] as const;

/**
 * The scheme a URL names (`javascript:`), lower-cased, or undefined when it names none. `example.lv:8080/x` names
 * none (a host with a dot, and a port), so a website typed without `https://` is not mistaken for one.
 */
export function urlScheme(value: string): string | undefined {
  // Browsers ignore leading spaces and control characters and tabs or new lines inside a scheme: `java\tscript:`.
  const cleaned = value.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
  const match = /^([a-z][a-z0-9+.-]*):(.*)$/is.exec(cleaned);
  if (!match) return undefined;
  const [, name, rest] = match as unknown as [string, string, string];
  if (name.includes('.') && /^\d+(?:[/?#]|$)/.test(rest)) return undefined;
  return `${name.toLowerCase()}:`;
}

/** True when a URL names a scheme and it is not one of allowedUrlSchemes. */
export function hasForbiddenUrlScheme(value: string): boolean {
  const scheme = urlScheme(value);
  return scheme !== undefined && !(allowedUrlSchemes as readonly string[]).includes(scheme);
}
