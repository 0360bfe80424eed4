package org.safegate.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.safegate.admin.TokenHash;
import picocli.CommandLine.Command;

/**
 * {@code safegate token new} and {@code safegate token hash}: API tokens for
 * {@code safegate.admin.tokens}. The config stores only a token's SHA-256; these print it, and
 * {@code new} makes the token itself from the system's strong random source, so no operator
 * invents a weak one.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Make admin API tokens and the hashes the config stores.",
        subcommands = {TokenCommand.New.class, TokenCommand.Hash.class})
final class TokenCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "a subcommand is required: new or hash");
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = "Print a fresh random token (32 bytes, base64url) and its sha256 for safegate.admin.tokens.")
    static final class New implements Callable<Integer> {
        @Override
        public Integer call() {
            String token = TokenHash.newToken(new SecureRandom());
            System.out.println("token:  " + token);
            System.out.println("sha256: " + TokenHash.hex(token));
            System.out.println("Give the token to its holder; put only the sha256 in safegate.admin.tokens.<name>.sha256.");
            return 0;
        }
    }

    @Command(name = "hash", mixinStandardHelpOptions = true,
            description = "Read a token from standard input (its first line) and print its sha256.")
    static final class Hash implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            // stdin, not an argument: an argument would stay in the shell history and the process list
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            String token = line == null ? "" : line.strip();
            if (token.isEmpty()) {
                System.err.println("token: nothing on standard input (expected: the token on its first line)");
                return 2;
            }
            System.out.println(TokenHash.hex(token));
            return 0;
        }
    }
}
