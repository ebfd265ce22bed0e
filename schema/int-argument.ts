/** The one check for plain integer arguments with a range (`depth`, `limit`, the `first` of an unpaged list…). */
import { badInput } from '../src/errors.js';

export function checkIntRange(value: number, min: number, max: number, argument: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(`"${argument}" must be a whole number from ${min} to ${max}; got ${value}.`, argument);
  }
  return value;
}
