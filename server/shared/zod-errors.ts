import { z } from 'zod';
import { keyMessage, parseKeyMessage, type ErrorParams, type KeyedError } from './error-key';

// zod speaks keys: a schema's own message is a key (`keyMessage`), and zod's built-in issues
// get one from this error map, with their limits as params. Installed once by importing this
// module (server/validation.ts does, so every schema — on the server and in client forms — has it).

const count = (v: unknown) => (typeof v === 'bigint' ? Number(v) : (v as number));

z.config({
  customError: (iss) => {
    switch (iss.code) {
      case 'too_small': {
        const min = count(iss.minimum);
        if (iss.origin === 'string') return min <= 1 ? keyMessage('required', { what: 'field' }) : keyMessage('tooShort', { min });
        if (iss.origin === 'array' || iss.origin === 'set') return keyMessage('tooFew', { min });
        return keyMessage('numberMin', { min });
      }
      case 'too_big': {
        const max = count(iss.maximum);
        if (iss.origin === 'string') return keyMessage('tooLongNamed', { what: 'field', max });
        if (iss.origin === 'array' || iss.origin === 'set') return keyMessage('tooMany', { max });
        return keyMessage('numberMax', { max });
      }
      case 'invalid_format':
        return iss.format === 'email' ? keyMessage('emailInvalid') : keyMessage('invalidFormat');
      case 'invalid_value':
        return keyMessage('invalidOption');
      default:
        return keyMessage('invalidInput');
    }
  },
});

/** An issue's key and params (a message that is not a key — none should be — reads as invalid input). */
export function issueKey(message: string): KeyedError {
  return parseKeyMessage(message) ?? { key: 'invalidInput' };
}

/** A ZodError's issues by field path ('' for the input as a whole), first issue per field. */
export function fieldErrorsOf(issues: readonly { path: PropertyKey[]; message: string }[]): Record<string, KeyedError> {
  const out: Record<string, KeyedError> = {};
  for (const i of issues) {
    const path = i.path.map(String).join('.');
    out[path] ??= issueKey(i.message);
  }
  return out;
}

export type { ErrorParams };
