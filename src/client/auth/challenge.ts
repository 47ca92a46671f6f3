/**
 * The parameters of a Bearer challenge (RFC 6750 section 3): `error`,
 * `error_description`, `scope` and the like, from a WWW-Authenticate value.
 * Values are quoted-strings or tokens (RFC 9110 section 11.2); a value that
 * cannot be read is left out, never guessed.
 */
export function bearerChallenge(header: string | undefined): Readonly<Record<string, string>> {
  const found = /(?:^|,)\s*Bearer(?:\s+|$)(.*)$/i.exec(header ?? '');
  if (!found) return {};
  const params: Record<string, string> = {};
  const param =
    /\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([!#$%&'*+.^_`|~0-9A-Za-z-]+))\s*(?:,|$)/y;
  for (let match = param.exec(found[1]!); match; match = param.exec(found[1]!)) {
    params[match[1]!.toLowerCase()] ??= match[2]?.replace(/\\(.)/g, '$1') ?? match[3]!;
  }
  return params;
}
