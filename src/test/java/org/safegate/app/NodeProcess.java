package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.safegate.testing.ExternalTool;

/**
 * {@code safegate run --config FILE} as a real child JVM, for what only a process has: signals and
 * an exit status. Its output (the log) is collected line by line; the DNS address is read from the
 * {@code event=started} line, so the config can listen on port 0.
 */
final class NodeProcess implements AutoCloseable {
    private static final Pattern STARTED_DNS = Pattern.compile("event=started dns=\\[/([0-9.]+):(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final String kill;
    private volatile InetSocketAddress dns;

    private NodeProcess(Process process, String kill) {
        this.process = process;
        this.kill = kill;
        Thread reader = new Thread(this::collect, "node-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the main class from this test's own class path (so it is the code under test, not an old jar). */
    static NodeProcess start(Path config) throws IOException {
        String kill = ExternalTool.require("kill", "procps");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--config", config.toString())
                .redirectErrorStream(true);
        NodeProcess node = new NodeProcess(builder.start(), kill);
        try {
            node.awaitStarted();
            return node;
        } catch (RuntimeException | Error e) {
            node.process.destroyForcibly();
            throw e;
        }
    }

    private void awaitStarted() {
        await().atMost(START_TIMEOUT).until(() -> started() != null || !process.isAlive());
        String line = started();
        if (line == null) throw new IllegalStateException("safegate did not start; its output:\n" + output());
        Matcher m = STARTED_DNS.matcher(line);
        if (!m.find()) throw new IllegalStateException("no DNS address in: " + line);
        dns = new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
    }

    InetSocketAddress dns() {
        return dns;
    }

    /** Sends signal {@code name} ("HUP", "TERM") with kill(1): Java cannot send a signal but KILL and TERM. */
    void signal(String name) throws IOException, InterruptedException {
        Process k = new ProcessBuilder(kill, "-s", name, Long.toString(process.pid())).inheritIO().start();
        if (!k.waitFor(10, TimeUnit.SECONDS) || k.exitValue() != 0) throw new IllegalStateException("kill -s " + name + " failed");
    }

    /** Waits for the process to end, at most {@code timeout}; its exit status, or null when still running. */
    Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** Log lines so far, e.g. to await one. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    boolean logged(String fragment) {
        for (String line : lines) if (line.contains(fragment)) return true;
        return false;
    }

    String output() {
        return String.join("\n", lines);
    }

    private String started() {
        for (String line : lines) if (line.contains("event=started")) return line;
        return null;
    }

    private void collect() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) lines.add(line);
        } catch (IOException e) {
            lines.add("(output unreadable: " + e + ")");
        }
    }

    /** Kills it when a test left it running. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
