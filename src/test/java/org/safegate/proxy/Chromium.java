package org.safegate.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.safegate.testing.ExternalTool;

/**
 * Debian's headless Chromium pointed at the proxy, as a browser user would be: one fresh profile
 * under {@code target/} per run, nothing fetched but the page (no sync, updates or QUIC). Every
 * run is bounded and its whole process tree killed by PID afterwards.
 */
final class Chromium {
    private static final long DEADLINE_SECONDS = 60;

    private final String binary = ExternalTool.require("chromium", "chromium");
    private final Path workDir;
    private final String proxyUrl;
    private int runs;

    Chromium(Path workDir, String proxyUrl) throws IOException {
        this.workDir = Files.createDirectories(workDir);
        this.proxyUrl = proxyUrl;
    }

    /** The page's DOM after load, as {@code --dump-dom} prints it. */
    String dumpDom(String url, String language) throws IOException, InterruptedException {
        return run(url, language, List.of("--dump-dom"));
    }

    /** Saves a PNG of the page at {@code width} x {@code height} CSS pixels. */
    void screenshot(String url, String language, Path png, int width, int height) throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        run(url, language, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars"));
    }

    private String run(String url, String language, List<String> action) throws IOException, InterruptedException {
        Path profile = workDir.resolve("profile-" + (++runs));
        List<String> command = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--user-data-dir=" + profile.toAbsolutePath(),
                "--proxy-server=" + proxyUrl, "--proxy-bypass-list=<-loopback>",
                "--lang=" + language, "--accept-lang=" + language));
        command.addAll(action);
        command.add(url);
        Path out = workDir.resolve("run-" + runs + ".out");
        Path err = workDir.resolve("run-" + runs + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy"));
        Process process = builder.start();
        try {
            if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS))
                throw new AssertionError("chromium did not finish in " + DEADLINE_SECONDS + " s: " + command + "\n" + tail(err));
            if (process.exitValue() != 0) throw new AssertionError("chromium exited " + process.exitValue() + ": " + tail(err));
            return Files.readString(out, UTF_8);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);   // renderer, zygote, utility processes
            process.destroyForcibly();
        }
    }

    private static String tail(Path err) throws IOException {
        String text = Files.readString(err, UTF_8);
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }
}
