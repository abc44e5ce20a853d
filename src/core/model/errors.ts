/** The one error type every importer throws: its message says what is wrong and where. */
export class FormatError extends Error {
  /** Where the problem is, e.g. `conversations.json: conversation 3 (id abc)`. */
  readonly where: string;
  constructor(where: string, problem: string) {
    super(where ? `${where}: ${problem}` : problem);
    this.name = 'FormatError';
    this.where = where;
  }
}
