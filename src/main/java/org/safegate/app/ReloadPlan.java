package org.safegate.app;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.safegate.config.DnsSettings;
import org.safegate.config.Settings;

/**
 * What a config reload (SIGHUP) does with the settings it read: which parts it puts in force at
 * once, and which changed keys need a restart and so keep their value in force.
 *
 * <p>Live: the sources, {@code dns.allowed-clients}, {@code dns.query-log}, {@code dns.block},
 * {@code dns.steer}, {@code reload}, {@code shutdown-grace}. Restart: listen addresses and thread
 * counts (sockets and event loops are made once), the cache and the upstream (they hold state
 * worth keeping), the proxy and the admin listener. Immutable.
 *
 * @param applied     the settings to put in force: {@code next}, with every restart-only part as in force
 * @param needRestart the config keys of restart-only settings that {@code next} changes, e.g.
 *                    {@code safegate.dns.listen}
 */
record ReloadPlan(Settings applied, List<String> needRestart) {
    ReloadPlan {
        requireNonNull(applied, "applied");
        needRestart = List.copyOf(needRestart);
    }

    static ReloadPlan of(Settings inForce, Settings next) {
        List<String> changed = new ArrayList<>();
        DnsSettings was = inForce.dns();
        DnsSettings now = next.dns();
        differ("safegate.dns.listen", was.listen(), now.listen(), changed);
        differ("safegate.dns.event-loop-threads", was.eventLoopThreads(), now.eventLoopThreads(), changed);
        differ("safegate.dns.tcp-idle-timeout", was.tcpIdleTimeout(), now.tcpIdleTimeout(), changed);
        components("safegate.dns.cache.", was.cache(), now.cache(), changed);
        components("safegate.dns.upstream.", was.upstream(), now.upstream(), changed);
        components("safegate.proxy.", inForce.proxy(), next.proxy(), changed);
        differ("safegate.admin.listen", inForce.admin().listen(), next.admin().listen(), changed);
        differ("safegate.state-dir", inForce.stateDir(), next.stateDir(), changed);   // opened once, at start
        differ("safegate.admin.tls", inForce.admin().tls(), next.admin().tls(), changed);
        differ("safegate.admin.max-body-size", inForce.admin().maxBodyBytes(), next.admin().maxBodyBytes(), changed);
        differ("safegate.admin.tokens", inForce.admin().tokens(), next.admin().tokens(), changed);
        DnsSettings dns = new DnsSettings(was.listen(), now.allowedClients(), was.tcpIdleTimeout(), now.queryLog(),
                now.block(), now.steer(), was.cache(), was.upstream(), was.eventLoopThreads());
        Settings applied = new Settings(dns, inForce.admin(), next.reload(), next.sources(), inForce.proxy(),
                next.shutdownGrace(), inForce.stateDir());
        return new ReloadPlan(applied, changed);
    }

    private static void differ(String key, Object was, Object now, List<String> changed) {
        if (!Objects.equals(was, now)) changed.add(key);
    }

    /**
     * One key per changed component of a settings record; the component's name in the config's
     * spelling ({@code maxEntries} is {@code max-entries}), so a component added later is covered too.
     */
    private static void components(String prefix, Record was, Record now, List<String> changed) {
        for (RecordComponent c : was.getClass().getRecordComponents()) {
            differ(prefix + kebab(c.getName()), value(c, was), value(c, now), changed);
        }
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("settings record " + record.getClass().getSimpleName() + ": accessor "
                    + component.getName() + " failed", e);
        }
    }

    static String kebab(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) out.append('-').append(Character.toLowerCase(c));
            else out.append(c);
        }
        return out.toString();
    }
}
