package org.safegate.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.safegate.testing.ExternalTool;

/** Runs curl as a user would, with a deadline; stdout as bytes, stderr as text (verbose output). */
public record Curl(int exit, byte[] body, String stderr) {
    public static Curl run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ExternalTool.require("curl", "curl"), "-sS", "--max-time", "20"));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("curl", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
            builder.environment().keySet().removeIf(k -> k.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy"));   // only our -x
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("curl did not finish in 30 s: " + command);
            }
            return new Curl(process.exitValue(), out, Files.readString(err, UTF_8));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    public String text() {
        return new String(body, UTF_8);
    }
}
