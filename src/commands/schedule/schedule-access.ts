/**
 * Schedule ids on the command line, and reaching a schedule in Temporal with the errors a user can
 * act on: an unknown id or an id already taken is bad input (exit 2), not an infrastructure failure.
 */
import type { Client, ScheduleDescription, ScheduleHandle } from '@temporalio/client';
import { definitionFromDescription } from '../../schedules/read-back.js';
import type { ScheduleDefinition } from '../../schedules/definition.js';
import { UsageError } from '../errors.js';

const SCHEDULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** @throws UsageError for an id that is not 1-200 letters, digits, ".", "_" or "-" (starting with a letter or digit). */
export function parseScheduleId(text: string): string {
  const id = text.trim();
  if (!SCHEDULE_ID.test(id)) {
    throw new UsageError(
      `schedule id ${JSON.stringify(text)}: use 1 to 200 letters, digits, ".", "_" and "-", starting with a letter or digit (it becomes part of workflow ids)`,
    );
  }
  return id;
}

function notFound(client: Client, scheduleId: string): UsageError {
  return new UsageError(
    `no schedule with id ${JSON.stringify(scheduleId)} in namespace ${JSON.stringify(client.options.namespace)} (see \`fabric-temporal schedule list\`)`,
  );
}

/** Runs `work` on the schedule's handle, turning ScheduleNotFoundError into a UsageError. */
export async function withSchedule<T>(client: Client, scheduleId: string, work: (handle: ScheduleHandle) => Promise<T>): Promise<T> {
  try {
    return await work(client.schedule.getHandle(scheduleId));
  } catch (error) {
    if ((error as Error | null)?.name === 'ScheduleNotFoundError') throw notFound(client, scheduleId);
    throw error;
  }
}

export function describeSchedule(client: Client, scheduleId: string): Promise<ScheduleDescription> {
  return withSchedule(client, scheduleId, (handle) => handle.describe());
}

/** The schedule's fabric-temporal definition. @throws UsageError when unknown or not created by fabric-temporal. */
export function readDefinition(description: ScheduleDescription): ScheduleDefinition {
  const read = definitionFromDescription(description);
  if (!read.ok) throw new UsageError(read.problem);
  return read.definition;
}

/** Temporal refused a spec the CLI let through: the client raises a TypeError (only) for that, on create and update. */
export function asSpecError(error: unknown): unknown {
  if ((error as Error | null)?.name === 'TypeError') return new UsageError(`Temporal refused the schedule: ${(error as Error).message}`);
  return error;
}
