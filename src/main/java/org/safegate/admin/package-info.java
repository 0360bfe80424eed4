/**
 * The admin HTTP listener: {@code /metrics} (Prometheus text format), {@code /health} (the
 * process is alive) and {@code /ready} (a policy is loaded). Read-only; it listens on loopback by
 * default. The authenticated control API of the control-plane issue will live here too.
 */
package org.safegate.admin;
