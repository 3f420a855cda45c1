/**
 * A backup or restore refused or failed for a reason the operator can act
 * on; the message is the sentence the CLI prints.
 */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}
