// The floor `diff` is measured against: read each file named and parse it, JSON with JSON.parse, YAML with
// js-yaml (the parser diff uses), one after the other, in one process. Nothing else.
import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, load } from 'js-yaml';

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json')) JSON.parse(text);
  else load(text, { schema: CORE_SCHEMA });
}
