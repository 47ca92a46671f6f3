#!/usr/bin/env bash
# One GitHub issue per drift, kept up to date: run after
#   connect-fulfillment drift --update-baseline current.json --format markdown --out drift.md
# Each finding has a stable fingerprint; its issue is titled "... [drift <fingerprint>]".
# A finding seen again updates its issue (last seen, today's report) instead of
# opening a new one; an open drift issue whose finding no longer occurs is closed.
# Needs gh (authenticated by GH_TOKEN) and jq, as GitHub's runners have them.
set -euo pipefail
current="${1:-current.json}"
report="${2:-drift.md}"
today="$(date -u +%F)"

gh label create drift --color B60205 --description 'The live Connect API differs from its contract' --force >/dev/null

jq -c '.findings[]' "$current" | while read -r finding; do
  fingerprint="$(jq -r .fingerprint <<<"$finding")"
  # An announcement of the end is titled as a sentence with its date ("Connect will sunset POST ... on 2027-03-01").
  title="$(jq -r 'if .check == "lifecycle_announcement" then .title else "Connect API drift: \(.operation) \(.status // "-") \(.check) at \(.location)" end' <<<"$finding") [drift $fingerprint]"
  {
    jq -r '"**\(.severity)** `\(.check)` on `\(.operation)` (HTTP \(.status // "-")) at `\(.location)`: \(.title)\n"' <<<"$finding"
    echo "Last seen: $today. Fingerprint: \`$fingerprint\` (stable across runs)."
    echo
    cat "$report"
  } >issue-body.md
  number="$(gh issue list --label drift --state open --search "\"[drift $fingerprint]\" in:title" --json number --jq '.[0].number // empty')"
  if [ -n "$number" ]; then
    gh issue edit "$number" --body-file issue-body.md >/dev/null
    echo "drift $fingerprint: issue #$number updated"
  else
    gh issue create --title "$title" --label drift --body-file issue-body.md >/dev/null
    echo "drift $fingerprint: issue opened"
  fi
done

gh issue list --label drift --state open --limit 200 --json number,title --jq '.[] | "\(.number) \(.title)"' |
  while read -r number title; do
    fingerprint="$(sed -n 's/.*\[drift \([0-9a-f]\{16\}\)\]$/\1/p' <<<"$title")"
    [ -n "$fingerprint" ] || continue
    if ! jq -e --arg fp "$fingerprint" '.findings | any(.fingerprint == $fp)' "$current" >/dev/null; then
      gh issue close "$number" --comment "Not seen by the drift run of $today: closed. It reopens as a new issue if it returns." >/dev/null
      echo "drift $fingerprint: issue #$number closed"
    fi
  done
