package org.safegate.app;

import static java.util.Objects.requireNonNull;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * POSIX signals for {@code safegate run}: HUP reloads the config and lists ({@code systemctl
 * reload}), TERM and INT stop gracefully ({@code systemctl stop}, Ctrl-C).
 *
 * <p>{@code sun.misc.Signal} is the one JDK-internal API safegate uses, here only. The JDK has no
 * public API for any signal but the ones that start shutdown hooks, and HUP is the signal every
 * Unix daemon reloads on ({@code ExecReload=/bin/kill -HUP $MAINPID}). It lives in the
 * {@code jdk.unsupported} module, exported on purpose for such uses (JEP 260) and unchanged since
 * JDK 1.4. TERM is handled here too, not by a shutdown hook, so that a graceful stop ends with
 * exit status 0 (systemd counts the JVM's 143 as a failure) and after the drain, not while the
 * JVM is already halting. When the JVM refuses a handler ({@code -Xrs}, or a signal it uses
 * itself), {@link #on} says so and returns false: the shutdown hook then still closes the node.
 *
 * <p>An action runs on the JVM's signal thread: it must hand its work off and return.
 */
final class Signals {
    private static final Logger log = LoggerFactory.getLogger(Signals.class);

    private Signals() {}

    /**
     * Runs {@code action} whenever the process receives signal {@code name} ("HUP", "TERM", "INT").
     *
     * @return false when the JVM does not let us handle it (logged)
     */
    static boolean on(String name, Runnable action) {
        requireNonNull(action, "action");
        try {
            Signal.handle(new Signal(name), signal -> action.run());
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.warn("event=signal_unavailable signal=SIG{} error=\"{}\"", name, e.getMessage());
            return false;
        }
    }
}
