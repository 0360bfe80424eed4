package org.safegate.feeds;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operator's word on a held version, as the CLI leaves it in {@code decisions/<id>}: one line,
 * {@code accept <sha256>} or {@code reject <sha256>}. Naming the hash makes the decision about
 * exactly the version the operator looked at: if another version was held meanwhile, the decision
 * does not apply to it. Immutable.
 */
record Decision(boolean accept, String sha256) {
    private static final Pattern LINE = Pattern.compile("(accept|reject) ([0-9a-f]{64})\\s*");

    Decision {
        requireNonNull(sha256, "sha256");
    }

    String toText() {
        return (accept ? "accept " : "reject ") + sha256 + "\n";
    }

    static Decision read(Path file) throws IOException {
        String text = Files.readString(file, UTF_8);
        Matcher m = LINE.matcher(text);
        if (!m.matches())
            throw new IOException(file + ": not a decision (expected: \"accept <sha256>\" or \"reject <sha256>\")");
        return new Decision(m.group(1).equals("accept"), m.group(2));
    }
}
