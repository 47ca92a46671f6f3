#!/usr/bin/env node
// A stand-in for the GitHub CLI, enough of it for examples/ci/github/drift-issues.sh:
// issues live in the JSON file $FAKE_GH_STATE; `--jq` is applied with the real jq.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const file = process.env.FAKE_GH_STATE;
const state = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { issues: [], log: [] };
const save = () => writeFileSync(file, JSON.stringify(state, null, 1));
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const [group, command, first] = args;
state.log.push(args.join(' '));
if (group === 'label') {
  save();
} else if (group === 'issue' && command === 'list') {
  const search = /"([^"]+)" in:title/.exec(flag('--search') ?? '')?.[1];
  const found = state.issues
    .filter((i) => i.state === (flag('--state') ?? 'open') && i.labels.includes(flag('--label')))
    .filter((i) => search === undefined || i.title.includes(search))
    .map(({ number, title }) => ({ number, title }));
  save();
  const jq = flag('--jq');
  process.stdout.write(
    jq ? execFileSync('jq', ['-r', jq], { input: JSON.stringify(found) }).toString() : JSON.stringify(found),
  );
} else if (group === 'issue' && command === 'create') {
  state.issues.push({
    number: state.issues.length + 1,
    title: flag('--title'),
    labels: [flag('--label')],
    body: readFileSync(flag('--body-file'), 'utf8'),
    state: 'open',
  });
  save();
} else if (group === 'issue' && command === 'edit') {
  state.issues.find((i) => i.number === Number(first)).body = readFileSync(flag('--body-file'), 'utf8');
  save();
} else if (group === 'issue' && command === 'close') {
  const issue = state.issues.find((i) => i.number === Number(first));
  issue.state = 'closed';
  issue.comment = flag('--comment');
  save();
} else {
  process.stderr.write(`fake gh: unsupported ${args.join(' ')}\n`);
  process.exit(1);
}
