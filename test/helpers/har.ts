/**
 * Real traffic as a HAR file: a fetch that records every exchange the way a
 * browser's devtools or mitmproxy would write it (pseudo-headers, base64
 * bodies, failed requests with status 0, other sites' requests mixed in).
 */
import { writeFile } from 'node:fs/promises';

export interface HarEntryJson {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    headers: { name: string; value: string }[];
    queryString: unknown[];
    cookies: unknown[];
    headersSize: number;
    bodySize: number;
    postData?: { mimeType: string; text: string };
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    headers: { name: string; value: string }[];
    cookies: unknown[];
    content: { size: number; mimeType: string; text?: string; encoding?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: object;
  timings: object;
}

const headerList = (headers: Headers) => {
  const out: { name: string; value: string }[] = [];
  headers.forEach((value, name) => {
    out.push({ name, value });
  });
  return out;
};

/** A fetch that records each exchange into `entries` as a HAR entry (base64 bodies when `base64`). */
export function recordingFetch(entries: HarEntryJson[], options: { base64?: boolean } = {}): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const bodyText = request.body ? await request.clone().text() : '';
    const response = await fetch(request);
    const text = await response.clone().text();
    entries.push({
      startedDateTime: new Date().toISOString(),
      time: 1,
      request: {
        method: request.method,
        url: request.url,
        httpVersion: 'HTTP/1.1',
        headers: [{ name: ':authority', value: new URL(request.url).host }, ...headerList(request.headers)],
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: bodyText.length,
        ...(bodyText ? { postData: { mimeType: request.headers.get('content-type') ?? '', text: bodyText } } : {}),
      },
      response: {
        status: response.status,
        statusText: response.statusText,
        httpVersion: 'HTTP/1.1',
        headers: headerList(response.headers),
        cookies: [],
        content: {
          size: text.length,
          mimeType: response.headers.get('content-type') ?? '',
          ...(options.base64 ? { text: Buffer.from(text).toString('base64'), encoding: 'base64' } : { text }),
        },
        redirectURL: '',
        headersSize: -1,
        bodySize: text.length,
      },
      cache: {},
      timings: { send: 0, wait: 1, receive: 0 },
    });
    return response;
  };
}

/** An entry as a HAR writer leaves it for a request that never got an answer, or for another site. */
export function otherEntry(url: string, status = 200): HarEntryJson {
  return {
    startedDateTime: new Date().toISOString(),
    time: 1,
    request: {
      method: 'GET',
      url,
      httpVersion: 'HTTP/2',
      headers: [],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status,
      statusText: '',
      httpVersion: 'HTTP/2',
      headers: [{ name: 'content-type', value: 'text/html' }],
      cookies: [],
      content: { size: 6, mimeType: 'text/html', text: '<html>' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 6,
    },
    cache: {},
    timings: {},
  };
}

export async function writeHarFile(path: string, entries: readonly HarEntryJson[]): Promise<string> {
  await writeFile(
    path,
    JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, pages: [], entries } }, null, 1),
  );
  return path;
}
