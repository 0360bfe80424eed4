package org.safegate.config;

import java.util.List;

/**
 * The operator's configuration cannot be used. Carries every problem found, not just the first,
 * each one line: {@code <file>:<line>: <key.path>: <what> (expected: <what>)}. The message is
 * all of them, one per line, ready for the start-up log.
 */
public final class SettingsException extends Exception {
    private final List<String> problems;

    SettingsException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) throw new IllegalArgumentException("problems: empty (expected: at least one)");
        this.problems = List.copyOf(problems);
    }

    /** One line each, sorted by file and line. A syntax error or an unreadable file comes alone. */
    public List<String> problems() {
        return problems;
    }
}
