/**
 * `diff --types`: generates TypeScript types for both spec versions with
 * openapi-typescript and lets the compiler decide whether code written against
 * the old types still compiles: old request bodies must be assignable to the
 * new request types, new response bodies to the old response types. Each
 * incompatibility is reported with the compiler's own words.
 */
import type { LoadedSpec } from './load.js';
import { METHODS } from './operations.js';
import { bundle } from './resolve.js';

export interface TypeIncompatibility {
  readonly direction: 'request' | 'response';
  readonly location: string;
  /** What the TypeScript compiler said, flattened. */
  readonly message: string;
}

// biome-ignore lint/suspicious/noExplicitAny: a spec document is untyped JSON, walked by key
type Obj = Record<string, any>;
const key = (status: string) => (/^\d+$/.test(status) ? status : JSON.stringify(status));

interface Case {
  readonly name: string;
  readonly body: string;
  readonly whole: boolean;
  readonly direction: 'request' | 'response';
  readonly location: string;
  readonly code: string;
}

/** The whole-body assignment, then one per property both versions document: the compiler names one problem per assignment. */
function assignments(
  out: Case[],
  direction: 'request' | 'response',
  location: string,
  from: string,
  to: string,
  oldSchema: Obj | undefined,
  newSchema: Obj | undefined,
): void {
  const body = `b${out.length}`;
  const add = (where: string, suffix: string) => {
    const name = `c${out.length}`;
    out.push({
      name,
      body,
      whole: suffix === '',
      direction,
      location: where,
      code: `declare const ${name}_from: ${from}${suffix};\nexport const ${name}: ${to}${suffix} = ${name}_from;`,
    });
  };
  add(location, '');
  const shared = Object.keys(oldSchema?.properties ?? {}).filter((k) => k in (newSchema?.properties ?? {}));
  for (const prop of shared) add(`${location} › body.${prop}`, `[${JSON.stringify(prop)}]`);
}

/** One assignment per body both versions document; the generated types decide the rest. */
function cases(o: Obj, n: Obj): Case[] {
  const out: Case[] = [];
  for (const [path, item] of Object.entries<Obj>(o.paths ?? {})) {
    for (const method of METHODS.filter((m) => item[m] && n.paths?.[path]?.[m])) {
      const [oldOp, newOp] = [item[method], n.paths[path][method]];
      const operationType = (side: 'Old' | 'New') => `${side}[${JSON.stringify(path)}][${JSON.stringify(method)}]`;
      const where = `${method.toUpperCase()} ${path}`;
      for (const media of Object.keys(oldOp.requestBody?.content ?? {}).filter(
        (m) => newOp.requestBody?.content?.[m],
      )) {
        const body = (side: 'Old' | 'New') =>
          `NonNullable<${operationType(side)}['requestBody']>['content'][${JSON.stringify(media)}]`;
        assignments(
          out,
          'request',
          `${where} › request ${media}`,
          body('Old'),
          body('New'),
          oldOp.requestBody.content[media].schema,
          newOp.requestBody.content[media].schema,
        );
      }
      for (const status of Object.keys(oldOp.responses ?? {}).filter((s) => newOp.responses?.[s])) {
        for (const media of Object.keys(oldOp.responses[status].content ?? {}).filter(
          (m) => newOp.responses[status].content?.[m],
        )) {
          const body = (side: 'Old' | 'New') =>
            `${operationType(side)}['responses'][${key(status)}]['content'][${JSON.stringify(media)}]`;
          assignments(
            out,
            'response',
            `${where} › response ${status} ${media}`,
            body('New'),
            body('Old'),
            oldOp.responses[status].content[media].schema,
            newOp.responses[status].content[media].schema,
          );
        }
      }
    }
  }
  return out;
}

export class TypesUnavailableError extends Error {
  override readonly name = 'TypesUnavailableError' as const;
}

/** What a TypeScript 7 project installs beside its compiler to have the API (the TypeScript team's side-by-side layout). */
export const COMPILER_API_INSTALL =
  "npm pkg set 'overrides.openapi-typescript.typescript=$typescript' && npm install --save-dev typescript@npm:@typescript/typescript6@^6.0.2 @typescript/native@npm:typescript@^7.0.2 openapi-typescript@^7.13.0";

async function optional<T>(name: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch {
    throw new TypesUnavailableError(`--types needs the package ${name}: npm install --save-dev ${name}`);
  }
}

/**
 * TypeScript's compiler API, which openapi-typescript and the assignability
 * check both need. TypeScript 7.0 ships only the native `tsc`; its package
 * entry exports a version and nothing else (openapi-ts/openapi-typescript#2841).
 */
async function compilerApi(): Promise<typeof import('typescript')> {
  const ts = (await optional<{ default: typeof import('typescript') }>('typescript')).default;
  if (typeof ts?.createProgram === 'function') return ts;
  const version = (ts as { version?: unknown } | undefined)?.version;
  throw new TypesUnavailableError(
    `--types needs TypeScript's compiler API, which typescript ${typeof version === 'string' ? version : '7'} does not ship; keep tsc at 7 and add the API beside it: ${COMPILER_API_INSTALL}`,
  );
}

const OBJECT_SHAPE_KEYWORDS = ['properties', 'additionalProperties', 'patternProperties', 'unevaluatedProperties'];
const VALUE_KEYWORDS = new Set(['example', 'examples', 'enum', 'const', 'default']);

/**
 * JSON Schema's own default written out where openapi-typescript would read
 * it otherwise: an object schema that says nothing of its properties accepts
 * any object (`additionalProperties` defaults to true), but openapi-typescript
 * types it `Record<string, never>`, and `{ [key: string]: unknown }` once the
 * default is written. The two modes of `diff` then judge the same schema the
 * same way (release 1.0.0 to 2.0.0 wrote it out: no change, not four). Walks
 * the bundled document in place; `bundle` bounded its size.
 */
export function explicitObjectDefaults(doc: unknown): void {
  const stack: unknown[] = [doc];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    const schema = node as Obj;
    const isObject = schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object'));
    if (isObject && OBJECT_SHAPE_KEYWORDS.every((k) => schema[k] === undefined)) schema.additionalProperties = true;
    // Values (examples, enums, defaults) are data, not schemas: left as written.
    for (const [k, v] of Object.entries(schema)) if (!VALUE_KEYWORDS.has(k)) stack.push(v);
  }
}

export async function diffTypes(oldSpec: LoadedSpec, newSpec: LoadedSpec): Promise<TypeIncompatibility[]> {
  // One self-contained document per version: openapi-typescript reads no other file.
  const [oldDoc, newDoc] = [bundle(oldSpec) as Obj, bundle(newSpec) as Obj];
  explicitObjectDefaults(oldDoc);
  explicitObjectDefaults(newDoc);
  // The API first: openapi-typescript fails on import without it.
  const ts = await compilerApi();
  const ots = await optional<typeof import('openapi-typescript')>('openapi-typescript');
  const typesOf = async (doc: Obj) =>
    ots.astToString(await ots.default(structuredClone(doc) as never, { silent: true }));
  const all = cases(oldDoc, newDoc);
  const check = [
    `import type { paths as Old } from './old';`,
    `import type { paths as New } from './new';`,
    ...all.map((c) => c.code),
  ].join('\n');
  const files = new Map([
    ['/virtual/old.ts', await typesOf(oldDoc)],
    ['/virtual/new.ts', await typesOf(newDoc)],
    ['/virtual/check.ts', check],
  ]);
  const options = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const getSource = host.getSourceFile.bind(host);
  host.readFile = (f) => files.get(f) ?? read(f);
  host.fileExists = (f) => files.has(f) || exists(f);
  host.getSourceFile = (f, v) => (files.has(f) ? ts.createSourceFile(f, files.get(f)!, v) : getSource(f, v));
  const dirExists = host.directoryExists?.bind(host);
  host.directoryExists = (d) => d === '/virtual' || (dirExists?.(d) ?? false);
  const program = ts.createProgram(['/virtual/check.ts'], options, host);
  const source = program.getSourceFile('/virtual/check.ts')!;
  const lines = check.split('\n');
  const found = ts.getPreEmitDiagnostics(program, source).map((d) => {
    const text = d.start === undefined ? '' : (lines[source.getLineAndCharacterOfPosition(d.start).line] ?? '');
    const at = all.find((c) => text.includes(`const ${c.name}:`) || text.includes(`const ${c.name}_`));
    return {
      at,
      incompatibility: {
        direction: at?.direction ?? 'request',
        location: at?.location ?? '(generated check)',
        message: ts
          .flattenDiagnosticMessageText(d.messageText, '\n')
          .replace(/import\("\/virtual\/(old|new)"\)\./g, '$1.'),
      },
    };
  });
  // A whole-body verdict says nothing more once a property of that body has been named.
  const explained = new Set(found.filter((f) => f.at && !f.at.whole).map((f) => f.at!.body));
  return found.filter((f) => !(f.at?.whole && explained.has(f.at.body))).map((f) => f.incompatibility);
}
