import { examples as specExamples, type ExampleContract } from '../../../generated/contract.js';
import { validators as specValidators, type Validator } from '../../../generated/validators.js';
import { locationOf, ruleOf, type Diagnostic } from '../../core/diagnostic.js';

const CHECK = 'example_conformance';

/**
 * example_conformance: every example written in the specs is valid against the
 * schema it illustrates. An example that is not teaches consumers (and Prism,
 * which serves examples) something the API does not do.
 */
export function exampleConformance(
  examples: readonly ExampleContract[] = specExamples,
  validators: Readonly<Record<string, Validator<unknown>>> = specValidators,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const example of examples) {
    const validate = validators[example.validator];
    if (!validate) {
      diagnostics.push({
        severity: 'error',
        check: CHECK,
        title: 'Example without a validator',
        location: `${example.spec}${example.pointer}`,
        message: `no validator named ${example.validator}`,
      });
      continue;
    }
    if (validate(example.value)) continue;
    for (const error of validate.errors ?? []) {
      diagnostics.push({
        severity: 'error',
        check: CHECK,
        title: 'Example does not match its schema',
        location: locationOf(`${example.spec}${example.pointer}`, error.instancePath),
        message: `${error.message ?? error.keyword} (${ruleOf(error)})`,
      });
    }
  }
  return diagnostics;
}
