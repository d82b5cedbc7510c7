/**
 * Are the `Fabric*` search attributes registered on the namespace? Runs with
 * FABRIC_SEARCH_ATTRIBUTES=true upsert them, and a run that upserts an unregistered attribute fails
 * its workflow task over and over (BAD_SEARCH_ATTRIBUTES) without ending. So the worker checks at
 * start, and the CLI checks before it starts such a run: when one is missing, both refuse (exit 3)
 * and print the exact commands that register them.
 */
import type { NativeConnection } from '@temporalio/worker';
import { SEARCH_ATTRIBUTES } from '../shared.js';

/** All of them are Keyword (the dev server, docker-compose and these commands register them so). */
export const SEARCH_ATTRIBUTE_TYPE = 'Keyword';
/** temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD */
const KEYWORD = 2;

export interface SearchAttributeCheck {
  /** Attributes that are not registered at all. */
  missing: string[];
  /** Attributes registered with another type than Keyword. */
  wrongType: string[];
  /** Set when the server would not list the attributes (e.g. no permission): nothing could be checked. */
  uncheckable?: string;
}

/** Lists the namespace's custom search attributes and compares them with the ones runs upsert. */
export async function checkSearchAttributes(connection: Pick<NativeConnection, 'operatorService'>, namespace: string): Promise<SearchAttributeCheck> {
  let custom: Record<string, unknown>;
  try {
    const response = await connection.operatorService.listSearchAttributes({ namespace });
    custom = (response.customAttributes ?? {}) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // 5 NOT_FOUND (namespace) is a real answer; 7 PERMISSION_DENIED and 12 UNIMPLEMENTED mean we cannot know.
    if (code === 7 || code === 12) return { missing: [], wrongType: [], uncheckable: error instanceof Error ? error.message : String(error) };
    throw error;
  }
  const names = Object.values(SEARCH_ATTRIBUTES);
  return {
    missing: names.filter((name) => !(name in custom)),
    wrongType: names.filter((name) => name in custom && custom[name] !== KEYWORD && custom[name] !== 'INDEXED_VALUE_TYPE_KEYWORD'),
  };
}

/** The commands that register `names` (Temporal CLI; on Temporal Cloud use the Cloud UI or `tcld`). */
export function searchAttributeCommands(names: readonly string[], namespace: string, address: string): string[] {
  return names.map((name) => `temporal operator search-attribute create --address ${address} --namespace ${namespace} --name ${name} --type ${SEARCH_ATTRIBUTE_TYPE}`);
}

/** The lines that explain a failed check; empty when every attribute is there with the right type. */
export function searchAttributeProblems(check: SearchAttributeCheck, namespace: string, address: string): string[] {
  const lines: string[] = [];
  if (check.missing.length > 0) {
    lines.push(
      `FABRIC_SEARCH_ATTRIBUTES=true, but namespace ${JSON.stringify(namespace)} at ${address} lacks the search attribute${check.missing.length === 1 ? '' : 's'} ${check.missing.join(', ')}. Register ${check.missing.length === 1 ? 'it' : 'them'} (or set FABRIC_SEARCH_ATTRIBUTES=false):`,
      ...searchAttributeCommands(check.missing, namespace, address).map((command) => `  ${command}`),
    );
  }
  if (check.wrongType.length > 0) {
    lines.push(
      `namespace ${JSON.stringify(namespace)} has ${check.wrongType.join(', ')} with another type than ${SEARCH_ATTRIBUTE_TYPE}: remove and register ${check.wrongType.length === 1 ? 'it' : 'them'} again as ${SEARCH_ATTRIBUTE_TYPE}`,
    );
  }
  return lines;
}

/** True when a workflow's start arguments ask it to upsert the search attributes (runFabricJob, fabricPipeline inputs). */
export function upsertsSearchAttributes(args: readonly unknown[] | undefined): boolean {
  const first = args?.[0];
  return typeof first === 'object' && first !== null && (first as { searchAttributes?: unknown }).searchAttributes === true;
}
