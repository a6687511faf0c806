/** Why an operator action on an alarm was refused (mapped to HTTP 404 / 409 by the api). */
export type AlarmCommandErrorCode = 'NOT_FOUND' | 'INVALID_TRANSITION';

export class AlarmCommandError extends Error {
  constructor(
    readonly code: AlarmCommandErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AlarmCommandError';
  }
}
