package org.safegate.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.safegate.admin.TokenHash;

/** {@code safegate token new} and {@code safegate token hash} agree with each other and with the server's hashing. */
class TokenCommandTest {
    private record Run(int exitCode, String out, String err) {}

    private static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        InputStream originalIn = System.in;
        System.setOut(new PrintStream(out, true, UTF_8));
        System.setErr(new PrintStream(err, true, UTF_8));
        System.setIn(new ByteArrayInputStream(stdin.getBytes(UTF_8)));
        try {
            return new Run(Main.execute(args), out.toString(UTF_8), err.toString(UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            System.setIn(originalIn);
        }
    }

    @Test
    void newPrintsARandomTokenAndTheHashThatHashGivesForIt() {
        Run made = run("", "token", "new");
        assertThat(made.exitCode()).isZero();
        Matcher m = Pattern.compile("token:  ([A-Za-z0-9_-]{43})\nsha256: ([0-9a-f]{64})\n").matcher(made.out());
        assertThat(m.find()).as(made.out()).isTrue();
        assertThat(m.group(2)).isEqualTo(TokenHash.hex(m.group(1)));
        Run hashed = run(m.group(1) + "\n", "token", "hash");
        assertThat(hashed.exitCode()).isZero();
        assertThat(hashed.out()).isEqualTo(m.group(2) + "\n");
        assertThat(run("", "token", "new").out()).doesNotContain(m.group(1));
    }

    @Test
    void hashRefusesEmptyInput() {
        Run r = run("", "token", "hash");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nothing on standard input");
    }
}
