package org.safegate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every log event of the process, at TRACE, while tokens right and wrong are used: none holds a token or its hash. */
class TokenLogIT {
    @Test
    void tokensAndTheirHashesNeverReachTheLog() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level was = root.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.TRACE);
        List<String> secrets = new ArrayList<>();
        try (AdminFixture admin = new AdminFixture()) {
            String wrong = TokenHash.newToken(AdminFixture.RANDOM);
            secrets.addAll(List.of(admin.operator, admin.auditor, admin.regulator, wrong));
            for (String token : List.of(admin.operator, admin.auditor, admin.regulator, wrong)) {
                admin.get("/v1/policy", token);
                admin.send("POST", "/v1/reload", token, null);
                admin.send("POST", "/v1/sources/registry/changes", token, AdminFixture.changes("k-" + secrets.size(), "[\"a.example\"]"));
                admin.send("POST", "/v1/sources/registry/changes", token, "{broken");
                admin.get("/v1/history", token);
            }
        } finally {
            root.setLevel(was);
            root.detachAppender(appender);
        }
        List<String> forbidden = new ArrayList<>(secrets);
        for (String s : secrets) forbidden.add(TokenHash.hex(s));
        List<ILoggingEvent> events = List.copyOf(appender.list);
        assertThat(events).as("the capture saw the calls").anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("token=ops"));
        for (ILoggingEvent e : events) {
            String text = everything(e);
            for (String f : forbidden) assertThat(text).as("log event %s", e.getFormattedMessage()).doesNotContain(f);
        }
    }

    private static String everything(ILoggingEvent e) {
        StringBuilder sb = new StringBuilder(e.getFormattedMessage()).append(' ').append(e.getMessage());
        if (e.getArgumentArray() != null) sb.append(' ').append(Arrays.deepToString(e.getArgumentArray()));
        sb.append(' ').append(e.getMDCPropertyMap());
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) sb.append(' ').append(t.getMessage());
        return sb.toString();
    }
}
