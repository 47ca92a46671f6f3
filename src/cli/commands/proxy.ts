import { DEFAULT_BASE_URL, DEFAULT_TOKEN_URL } from '../../core/spec.js';
import { printable } from '../../core/sanitize.js';
import { bytesArg, LISTEN_OPTIONS, listenArgs, parseCommand, urlArg } from '../args.js';
import { finishTraffic, REPORT_OPTIONS, reportOptions } from '../report-options.js';
import { EXIT, UsageError } from '../usage.js';

export async function proxy(argv: string[]): Promise<number> {
  const { values } = parseCommand(argv, {
    'base-url': { type: 'string' },
    'token-url': { type: 'string' },
    ...LISTEN_OPTIONS,
    'max-bytes': { type: 'string' },
    ...REPORT_OPTIONS,
  });
  const { host, port, tokenPort } = listenArgs(values);
  const maxBytes = bytesArg('max-bytes', values['max-bytes']);
  const baseUrl = urlArg('base-url', values['base-url']) ?? process.env.CONNECT_BASE_URL ?? DEFAULT_BASE_URL;
  const tokenUrl = urlArg('token-url', values['token-url']) ?? process.env.CONNECT_TOKEN_URL ?? DEFAULT_TOKEN_URL;
  const options = await reportOptions(values);

  const { startValidatingProxy } = await import('../../traffic/proxy.js');
  const known = new Set(options.baseline?.findings.map((f) => f.fingerprint) ?? []);
  const proxied = await startValidatingProxy({
    baseUrl,
    tokenUrl,
    host,
    ...(port ? { port } : {}),
    ...(tokenPort ? { tokenPort } : {}),
    ...(maxBytes ? { maxBytes } : {}),
    onFinding: (f) =>
      process.stderr.write(
        `proxy: ${known.has(f.fingerprint) ? 'known' : f.severity} ${f.check} [${f.operation} ${f.status ?? '-'}] at ${printable(f.location, 200)}: ${printable(`${f.title}: ${f.message}`)}\n`,
      ),
    onSkipped: (reason) => process.stderr.write(`proxy: ${printable(reason)}\n`),
  }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`the proxy could not listen on ${host} (${error.code ?? error.message})`);
  });
  process.stdout.write(`CONNECT_BASE_URL=${proxied.baseUrl}\nCONNECT_TOKEN_URL=${proxied.tokenUrl}\n`);
  process.stderr.write(
    `proxy: forwarding to ${printable(baseUrl, 200)} and ${printable(tokenUrl, 200)}; Ctrl-C stops and writes the report\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await proxied.close();
  let report = proxied.recorder.report('proxy', `${baseUrl} and ${tokenUrl}`, options.baseline);
  report = await finishTraffic(report, options);
  return report.summary.errors > 0 ? EXIT.PROBLEM : EXIT.OK;
}
