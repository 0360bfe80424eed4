/**
 * The admin HTTP listener: {@code /metrics} (Prometheus text format), {@code /health} (the
 * process is alive) and {@code /ready} (a policy is loaded), without a token; and the control
 * API under {@code /v1/} ({@code docs/openapi.yaml}) for regulators, operators and auditors, with
 * bearer tokens stored as SHA-256 hashes. The parts the API drives are interfaces here
 * ({@link org.safegate.admin.NodeControl}, {@link org.safegate.admin.PushTarget},
 * {@link org.safegate.admin.HistorySource}, {@link org.safegate.admin.HeldVersions}), collected in
 * {@link org.safegate.admin.AdminApi} and implemented by {@code app}. Everything here is
 * thread-safe; API handlers run on the admin's worker threads, never on an event loop.
 */
package org.safegate.admin;
