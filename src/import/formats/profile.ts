/** The profile-page text format behind the common parser interface. */
import { ImportError } from '../errors.js';
import { parseProfile } from '../profile.js';
import type { FormatParser } from './types.js';

export const profileFormat: FormatParser = {
  name: 'profile',
  source: 'profile',
  async *parse(input, options) {
    let batch;
    try {
      batch = parseProfile(await input.text(), { fileName: input.name, currentYear: options.currentYear });
    } catch (error) {
      // A page is one record: the parser names the line of the first thing it cannot read.
      if (error instanceof ImportError) {
        yield { kind: 'invalid', line: error.line ?? 1, reason: error.reason };
        return;
      }
      throw error;
    }
    // The page is parsed whole; its papers are numbered in page order.
    let index = 0;
    for (const paper of batch.papers) yield { kind: 'paper', line: ++index, paper };
    for (const author of batch.authors) yield { kind: 'author', line: 1, author };
  },
};
