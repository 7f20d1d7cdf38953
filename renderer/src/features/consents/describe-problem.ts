import type { ConsentCommandProblem } from './consent-data';

/** A refusal of a consent command, thrown inside a form's save so that the form shows it as its outcome. */
export class ConsentCommandError extends Error {
  constructor(readonly problem: ConsentCommandProblem) {
    super(problem);
    this.name = 'ConsentCommandError';
  }
}
