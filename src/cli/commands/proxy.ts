import { printable } from '../../core/sanitize.js';
import { findingLine } from '../../traffic/report/shared.js';
import { parseCommand } from '../args.js';
import { endTraffic, reportOptions } from '../report-options.js';
import { UsageError } from '../usage.js';
import { COMMAND_OPTIONS, endpoints, listening, OPTION, parseConfig, read } from '../options.js';

/** The options `proxy` takes: each one is in its --help (test/cli/help.test.ts). */
export const PROXY_OPTIONS = parseConfig(COMMAND_OPTIONS.proxy);

export async function proxy(argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, PROXY_OPTIONS);
  const { host, port, tokenPort } = listening(values);
  const maxBytes = read(OPTION.proxyMaxBytes, values);
  const { baseUrl, tokenUrl } = endpoints(values);
  const options = await reportOptions(values);

  const { startValidatingProxy } = await import('../../traffic/proxy.js');
  const known = new Set(options.baseline?.findings.map((f) => f.fingerprint) ?? []);
  const proxied = await startValidatingProxy({
    baseUrl,
    tokenUrl,
    host,
    ...(port ? { port } : {}),
    ...(tokenPort ? { tokenPort } : {}),
    maxBytes,
    onFinding: (f) => process.stderr.write(`proxy: ${findingLine(f, known.has(f.fingerprint))}\n`),
    onSkipped: (reason) => process.stderr.write(`proxy: ${printable(reason)}\n`),
  }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`the proxy could not listen on ${host} (${error.code ?? error.message})`);
  });
  // Listening for the stop before the URLs are printed: a caller that reads them and stops the proxy at once
  // still gets the report and the exit code, not a process killed by the signal's default action.
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stdout.write(`CONNECT_BASE_URL=${proxied.baseUrl}\nCONNECT_TOKEN_URL=${proxied.tokenUrl}\n`);
  process.stderr.write(
    `proxy: forwarding to ${printable(baseUrl, 200)} and ${printable(tokenUrl, 200)}; Ctrl-C stops and writes the report\n`,
  );
  await stopped;
  await proxied.close();
  return endTraffic(proxied.recorder.report('proxy', `${baseUrl} and ${tokenUrl}`), options);
}
