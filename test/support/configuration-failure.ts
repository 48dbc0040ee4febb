import { ConfigurationError } from '../../src/domain/shared/errors';

/** The ConfigurationError `validate` throws for `input`; fails the test if it accepts it. */
export function configurationFailure(validate: (input: unknown) => unknown, input: unknown): ConfigurationError {
  try {
    validate(input);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected the input to be rejected');
}
