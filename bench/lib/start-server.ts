/** Starts the Temporal service the bench or chaos run asked for with `--server dev|cluster`. */
import { DevServerProcess } from './dev-server.js';
import type { DevServerProcessOptions } from './dev-server.js';
import { TemporalCluster } from './temporal-cluster.js';
import type { ClusterOptions } from './temporal-cluster.js';
import type { ServerKind, TemporalServerProcess } from './temporal-server.js';

export interface StartServerOptions {
  dev: DevServerProcessOptions;
  cluster?: ClusterOptions;
}

export async function startTemporalServer(kind: ServerKind, o: StartServerOptions): Promise<TemporalServerProcess> {
  return kind === 'cluster' ? TemporalCluster.start(o.cluster) : DevServerProcess.start(o.dev);
}
