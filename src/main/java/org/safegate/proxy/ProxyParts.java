package org.safegate.proxy;

import java.util.Set;

/** What every connection's handler shares; all thread-safe. */
record ProxyParts(RequestPolicy policy, OriginConnector connector, BlockPage blockPage, ProxyMetrics metrics,
                  Set<Integer> httpPorts, Set<Integer> connectPorts) {}
