package org.safegate.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code dig} against a server, as an operator would; skips or fails per {@link ExternalTool}. */
public final class Dig {
    private Dig() {}

    /** @param args as on dig's command line after the server: name, type, options */
    public static String run(InetSocketAddress server, String... args) throws Exception {
        String dig = ExternalTool.require("dig", "bind9-dnsutils");
        List<String> command = new ArrayList<>(List.of(dig, "@" + server.getAddress().getHostAddress(), "-p",
                String.valueOf(server.getPort()), "+time=3", "+tries=1"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("dig did not finish: " + command);
        }
        return new String(process.getInputStream().readAllBytes(), UTF_8);
    }
}
