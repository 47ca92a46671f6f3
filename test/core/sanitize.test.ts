import { describe, expect, it } from 'vitest';
import { basicCredentials, printable, redact, safeJson, weakSecretWarning } from '../../src/core/sanitize.js';

describe('printable: what a terminal would act on is shown, not acted on', () => {
  it('escapes C0 and C1 control characters, DEL, line separators and bidirectional overrides', () => {
    expect(printable('\u001b]0;pwned\u0007 \u001b[2J \u009b31m \u007f')).toBe(
      '\\u001b]0;pwned\\u0007 \\u001b[2J \\u009b31m \\u007f',
    );
    expect(printable('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(printable('\u202eevil\u2066 \u2028')).toBe('\\u202eevil\\u2066 \\u2028');
    expect(printable('plain: ünïcode, emoji 🙂, quotes "\'')).toBe('plain: ünïcode, emoji 🙂, quotes "\'');
  });

  it('caps the length, saying how much was left out', () => {
    expect(printable('x'.repeat(30), 10)).toBe('xxxxxxxxxx… (20 more characters)');
  });

  it('safeJson stays valid JSON with C1 and bidi escaped', () => {
    const text = safeJson({ a: '\u009b\u202e\u001b' });
    expect(text).toBe('{"a":"\\u009b\\u202e\\u001b"}');
    expect(JSON.parse(text)).toEqual({ a: '\u009b\u202e\u001b' });
  });
});

describe('redact: a secret is removed in every form it travels in', () => {
  const secrets = { clientId: 'shop:1', clientSecret: 's3cr+t/=x', tokens: ['tok.en-1'] };
  const basic = basicCredentials('shop:1', 's3cr+t/=x').slice('Basic '.length);

  it.each([
    ['as given', 's3cr+t/=x'],
    ['percent-encoded', encodeURIComponent('s3cr+t/=x')],
    ['form-encoded', 's3cr%2Bt%2F%3Dx'],
    ['inside the RFC 6749 Basic credential', basic],
    [
      'inside a Basic credential of id:secret without form-encoding',
      Buffer.from('shop:1:s3cr+t/=x').toString('base64'),
    ],
    ['the Basic credential percent-encoded', encodeURIComponent(basic)],
    ['an access token', 'tok.en-1'],
  ])('%s', (_, form) => {
    expect(redact(`before ${form} after`, secrets)).toBe('before [redacted] after');
  });
});

describe('redact: a secret too short to be told from a word is redacted only as a whole value', () => {
  const secrets = { clientId: 'shop', clientSecret: 'secret' };
  it.each([
    [
      'a form value',
      'client_secret=secret&grant_type=client_credentials',
      'client_secret=[redacted]&grant_type=client_credentials',
    ],
    ['a JSON string', '{"client_secret":"secret"}', '{"client_secret":"[redacted]"}'],
    ['a header value', 'x-echo: secret', 'x-echo: [redacted]'],
    ['the whole text', 'secret', '[redacted]'],
    ['a Basic credential (long)', `Basic ${Buffer.from('shop:secret').toString('base64')}`, 'Basic [redacted]'],
  ])('%s is redacted', (_, text, expected) => {
    expect(redact(text, secrets)).toBe(expected);
  });
  it.each([
    ['a probe name', '✗ token-wrong-secret'],
    ['a sentence', 'a wrong client secret was accepted'],
    ['a longer word', 'secrets'],
  ])('%s is left as it is', (_, text) => {
    expect(redact(text, secrets)).toBe(text);
  });
  it('a secret of 8 characters or more is redacted wherever it stands, inside words too', () => {
    expect(redact('token-wrong-s3cretXY!', { clientSecret: 's3cretXY' })).toBe('token-wrong-[redacted]!');
  });
  it('weakSecretWarning states the rule for a short secret, and says nothing of a long one', () => {
    expect(weakSecretWarning('CONNECT_CLIENT_SECRET', 'secret')).toMatch(
      /^CONNECT_CLIENT_SECRET is shorter than 8 characters: /,
    );
    expect(weakSecretWarning('CONNECT_CLIENT_SECRET', 'a-long-issued-secret')).toBeUndefined();
  });
});
