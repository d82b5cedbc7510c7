/** Runs several parsers and gathers every UsageError, so that one call reports all bad inputs. */
import { UsageError } from '../errors.js';

export class ProblemCollector {
  readonly problems: string[] = [];

  /** The parser's value, or undefined after recording its UsageError. Other errors propagate. */
  take<T>(parse: () => T): T | undefined {
    try {
      return parse();
    } catch (error) {
      if ((error as Error | null)?.name !== 'UsageError') throw error;
      this.problems.push(...(error as UsageError).problems);
      return undefined;
    }
  }

  /** {@link take} for a parser that returns a promise. */
  async takeAsync<T>(parse: () => Promise<T>): Promise<T | undefined> {
    try {
      return await parse();
    } catch (error) {
      if ((error as Error | null)?.name !== 'UsageError') throw error;
      this.problems.push(...(error as UsageError).problems);
      return undefined;
    }
  }

  /** Parses `text` when it was given; undefined otherwise. */
  optional<T>(text: string | undefined, parse: (text: string) => T): T | undefined {
    return text === undefined ? undefined : this.take(() => parse(text));
  }

  add(problem: string): void {
    this.problems.push(problem);
  }

  /** @throws UsageError listing every recorded problem, if any. */
  throwIfAny(): void {
    if (this.problems.length > 0) throw new UsageError(this.problems);
  }
}
