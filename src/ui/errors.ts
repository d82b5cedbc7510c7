/** What a request did wrong: the web view answers it with a page that says so and a 4xx status. */
export class BadRequest extends Error {
  override readonly name = 'BadRequest';
  constructor(
    message: string,
    /** 400 malformed input, 403 refused, 404 unknown run, 405 wrong method. */
    readonly status: 400 | 403 | 404 | 405 = 400,
  ) {
    super(message);
  }
}
