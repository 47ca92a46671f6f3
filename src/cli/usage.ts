/** Exit codes, the same for every subcommand. */
import { DEFAULT_TIMEOUT_MS, MAX_TIMER_MS } from '../core/signals.js';
export { RUN_EXIT as EXIT } from '../evidence/outcome.js';

/** Bad arguments or configuration: exit 2 with a one-line reason. */
export class UsageError extends Error {
  override readonly name = 'UsageError' as const;
}

/** The report options drift, validate and proxy share (report-options.ts), written once. */
const REPORT_HELP = `  --strict                every warning is an error
  --format F              text (default), json, markdown, junit, html (one self-contained page; runs no script)
  --out FILE              write the report to FILE instead of stdout
  --baseline FILE         findings in FILE are known: reported, but only new ones fail
  --update-baseline FILE  write this run's findings to FILE (stable fingerprints)
  --evidence FILE         write the exchanges behind the findings as a HAR (redacted)
  --sunset-within DAYS    an announced sunset this near (or passed) is an error; further off,
                          a warning (default 90, 0 to 36500)
`;

export const HELP: Record<string, string> = {
  main: `connect-fulfillment: the contract of Connect's POST /v1/client/order/fulfillment, as a command

Usage: connect-fulfillment <command> [options]

Commands:
  drift      probe a live upstream with the contract checks and report every drift
  validate   check recorded traffic (a HAR file) against the contract
  proxy      forward real traffic to Connect and check it in passing
  diff       detect breaking changes between two versions of a spec
  mock       serve both specs with Prism for local development
  complete   complete one order for real (sends a message to a customer)

Options:
  -h, --help     show help (also: connect-fulfillment <command> --help)
  -v, --version  show the version

Exit codes (every command): 0 nothing wrong, 1 a problem was found (drift, a
breaking change, a refused order), 2 the command could not run (bad arguments,
unreachable upstream, refused credentials); the reason is one line on stderr.
`,
  drift: `Usage: connect-fulfillment drift [--base-url URL] [--token-url URL] [--strict] [--format F] [--out FILE] [--baseline FILE]

Runs the live target's safe probe set (no token, an invalid token, bodies the
spec forbids, an order that does not exist, the token endpoint) with the
contract checks, and reports every finding. Nothing is fulfilled.

Credentials:  CONNECT_CLIENT_ID, CONNECT_CLIENT_SECRET (environment only)
Environment:  CONNECT_BASE_URL, CONNECT_TOKEN_URL and CONNECT_SCOPE, as the
              flags (the lines \`connect-fulfillment mock\` prints); flags win
Optional:     CONNECT_PROBE_ORDER_ID or --probe-order-id N, an order id that
              does not exist; probes that carry an id are skipped without it

Options:
  --base-url URL          Connect's base URL, as CONNECT_BASE_URL (default: the spec's production server)
  --token-url URL         the token endpoint, as CONNECT_TOKEN_URL (default: the spec's token URL)
  --probe-order-id N      as CONNECT_PROBE_ORDER_ID
  --scope S               the scope token requests ask for, as CONNECT_SCOPE (default:
                          the spec's required scopes, "read"; "" asks for none)
  --timeout-ms N          per request, 1 to ${MAX_TIMER_MS} (default ${DEFAULT_TIMEOUT_MS})
  --max-bytes N           the cap on each response body (default 1048576, 1 MiB)
${REPORT_HELP}
Examples:
  connect-fulfillment drift
  connect-fulfillment drift --format markdown --out drift.md
  connect-fulfillment drift --format html --out drift.html
  CONNECT_PROBE_ORDER_ID=999999001 connect-fulfillment drift --strict --format junit --out drift.xml
`,
  diff: `Usage: connect-fulfillment diff OLD_SPEC NEW_SPEC [--format F] [--fail-on LEVEL] [--types] [--out FILE]

Compares two versions of a spec and lists every change with its rule id, level
(breaking, warning, info), location and message. Exit 1 when a change is at or
above --fail-on, 2 when a spec cannot be read. Each spec is a file, an http(s)
URL or a git revision (REV:path, read with git show); YAML or JSON; OpenAPI 3.0
or 3.1. Every rule: docs/diff-rules.md.

Options:
  --format F              text (default), json, markdown, junit, github, html (one self-contained page)
                          (GitHub Actions annotations at the changed line)
  --fail-on LEVEL         breaking (default) or warning
  --types                 also generate types for both with openapi-typescript
                          and let the TypeScript compiler say whether code
                          written against the old types still compiles
                          (needs typescript and openapi-typescript)
  --max-bytes N           cap on each version's files together (default 32 MiB)
  --max-memory MiB        heap the comparison may use (default 320); past it,
                          exit 2 instead of taking the machine's memory
  --allow-external-refs   follow $refs outside the spec's folder (absolute
                          paths, URLs, ..); refused by default
  --deprecation-days-beta N    least days from deprecating a beta operation, parameter or
                               property to its x-sunset (default 0, as oasdiff: no sunset needed)
  --deprecation-days-stable N  the same for stable ones, and those that name no level (default 0)
  --stability-level LEVEL      judge only operations at LEVEL or above: draft, alpha, beta
                               or stable (default beta, as oasdiff)
  --out FILE              write the report to FILE instead of stdout

Examples:
  connect-fulfillment diff v1.yaml spec/connect-fulfillment.openapi.yaml
  connect-fulfillment diff origin/main:spec/connect-fulfillment.openapi.yaml spec/connect-fulfillment.openapi.yaml --format github
  connect-fulfillment diff https://example.com/old.json new.yaml --types --format markdown
`,
  mock: `Usage: connect-fulfillment mock [--port N] [--token-port N] [--host HOST]

Serves both specs with Prism's mock server (needs @stoplight/prism-cli) and
prints their URLs; stops cleanly on Ctrl-C, and exits 2 if either Prism dies.
Ask for a status or example with Prism's Prefer header: "Prefer: code=429" or
"Prefer: example=error".

Options:
  --port N         the Connect mock's port (default: a free one)
  --token-port N   the token endpoint mock's port (default: a free one)
  --host HOST      the address to listen on (default 127.0.0.1)

Example:
  connect-fulfillment mock --port 4010 --token-port 4011
`,
  validate: `Usage: connect-fulfillment validate --har FILE [--base-url URL] [--token-url URL] [--callback-url URL]

Checks recorded traffic (a HAR file from browser devtools, mitmproxy, Charles,
Playwright or k6) with the checks drift uses. Each entry for the token URL,
the fulfillment under the base URL, or a callback under --callback-url is
checked in both directions; a request the spec forbids is a warning about the
caller, and an error only when the API accepted it. Other entries are
counted and skipped. The file is read as a stream, in bounded memory.
Credentials in the traffic (Authorization, cookies, client_secret,
access_token) are never printed or written.

Options:
  --har FILE              the HAR file (required)
  --base-url URL          where the API was when the traffic was recorded
                          (default: the spec's production server)
  --token-url URL         where the token endpoint was (default: the spec's)
  --callback-url URL      the prefix of callback URLs, to check Connect's callbacks
${REPORT_HELP}  --max-entry-bytes N     entries larger than N are skipped (default 16 MiB)

Exit codes: 0 the traffic matches the contract, 1 drift (a new error finding),
2 the file cannot be read as a HAR.

Example:
  connect-fulfillment validate --har staging.har --base-url https://staging.example.com/capi --format markdown
`,
  proxy: `Usage: connect-fulfillment proxy [--base-url URL] [--token-url URL] [--port N] [--token-port N]

A reverse proxy on loopback for Connect and its token endpoint: point your
client at the URLs it prints (CONNECT_BASE_URL=..., CONNECT_TOKEN_URL=...). It
forwards every request and hands back every response unchanged, checks both
directions in passing, prints each finding (redacted) on stderr as it happens,
and on Ctrl-C (SIGINT) or SIGTERM writes the report and exits 1 if it saw an
error finding, 2 if no request went through it (it checked nothing), else 0.
Connect's callbacks go to your receiver directly and are not seen.

Options:
  --base-url URL          the real API (default: CONNECT_BASE_URL, else the spec's server)
  --token-url URL         the real token endpoint (default: CONNECT_TOKEN_URL, else the spec's)
  --port N, --token-port N  where to listen (default: free ports)
  --host HOST             the address to listen on (default 127.0.0.1)
${REPORT_HELP}  --max-bytes N           how much of each body is checked (default 1 MiB); more is
                          forwarded unchecked

Example:
  connect-fulfillment proxy --base-url https://staging.example.com/capi --out proxy.md > proxy.env &
  set -a; . ./proxy.env; set +a     # your client now talks to the proxy
`,
  complete: `Usage: connect-fulfillment complete --order-id N [--callback-url URL] [--yes]

Completes one order for real with the client: Connect sends a message to the
customer. Asks for confirmation, naming the host, unless --yes. Prints the
result (fulfillmentStatus OK or ERROR) or the named error.

Credentials:  CONNECT_CLIENT_ID, CONNECT_CLIENT_SECRET (environment only)
Optional:     CONNECT_BASE_URL, CONNECT_TOKEN_URL, CONNECT_SCOPE (flags win)

Options:
  --order-id N                    the order to complete, a positive integer (required)
  --callback-url URL              where Connect reports the outcome (public http(s) only)
  --allow-private-callback-hosts  accept a callback URL on localhost or a private address,
                                  as CONNECT_ALLOW_PRIVATE_CALLBACK_HOSTS=1 (local development)
  --yes                           do not ask for confirmation
  --base-url URL                  Connect's base URL (default: the spec's production server)
  --token-url URL                 the token endpoint (default: the spec's token URL)
  --scope S                       the scope to ask for, as CONNECT_SCOPE (default: the spec's, "read")
  --timeout-ms N                  per attempt, 1 to ${MAX_TIMER_MS} (default ${DEFAULT_TIMEOUT_MS})
  --max-bytes N                   the cap on each response body (default 1048576, 1 MiB)
  --format F                      text (default) or json
  --prefer P                      against the mock: Prism's Prefer header on the fulfillment,
                                  such as example=error or code=429 (Connect ignores it); the
                                  mock answers with the spec's example, whose orderId is 14

Exit codes: 0 fulfilled (OK); 1 not fulfilled (ERROR), refused, rate-limited or
outcome unknown; 2 bad arguments, refused credentials, or Connect unreachable.

Examples:
  connect-fulfillment complete --order-id 14 --callback-url https://shop.example.com/cb
  eval "$(connect-fulfillment mock &)"; connect-fulfillment complete --order-id 14 --yes --prefer example=error
`,
};
