package org.safegate.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector (paranoid in every test run) reported a leaked
 * buffer while it ran. Two roles in one small class: the Logback appender that sees Netty's
 * {@code LEAK:} lines (logback-test.xml), and the JUnit extension, registered for every test
 * class through the service file, that turns them into a failure.
 */
public final class LeakGuard extends AppenderBase<ILoggingEvent> implements AfterAllCallback {
    private static final List<String> leaks = new ArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        if (message != null && message.contains("LEAK:")) {
            synchronized (leaks) {
                leaks.add(message.lines().findFirst().orElse(message));
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> found;
        synchronized (leaks) {
            found = List.copyOf(leaks);
            leaks.clear();
        }
        if (!found.isEmpty())
            throw new AssertionError("Netty reported " + found.size() + " leaked buffer(s) during "
                    + context.getDisplayName() + ": " + found);
    }
}
