/** Exit codes, the same for every subcommand. */
import { COMMAND_OPTIONS, optionsHelp } from './options.js';
export { RUN_EXIT as EXIT } from '../evidence/outcome.js';

export { UsageError } from './usage-error.js';

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
${optionsHelp(COMMAND_OPTIONS.drift)}
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
${optionsHelp(COMMAND_OPTIONS.diff)}
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
${optionsHelp(COMMAND_OPTIONS.mock)}
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
${optionsHelp(COMMAND_OPTIONS.validate)}
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
${optionsHelp(COMMAND_OPTIONS.proxy)}
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
${optionsHelp(COMMAND_OPTIONS.complete)}
Exit codes: 0 fulfilled (OK); 1 not fulfilled (ERROR), refused, rate-limited or
outcome unknown; 2 bad arguments, refused credentials, or Connect unreachable.

Examples:
  connect-fulfillment complete --order-id 14 --callback-url https://shop.example.com/cb
  eval "$(connect-fulfillment mock &)"; connect-fulfillment complete --order-id 14 --yes --prefer example=error
`,
};
