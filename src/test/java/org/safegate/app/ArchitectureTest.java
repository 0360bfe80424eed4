package org.safegate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dependency arrows of docs/architecture.md, checked on every import of the main sources. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/safegate");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.safegate\\.([a-z]+)\\.", Pattern.MULTILINE);

    /** Which of our packages each package may import; app may import all. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "policy", Set.of(),
            "acl", Set.of(),
            "config", Set.of("policy", "acl"),
            "feeds", Set.of("policy", "config"),
            "dns", Set.of("policy", "config", "acl"),
            "proxy", Set.of("policy", "dns", "acl"),
            "admin", Set.of("policy", "config", "acl"),
            "journal", Set.of("policy"),
            "audit", Set.of(),
            "control", Set.of("journal", "audit", "feeds", "policy", "config"));

    @Test
    void packagesDependOnlyDownwards() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            String pkg = MAIN.relativize(file).getName(0).toString();
            if (pkg.equals("app")) continue;
            assertThat(ALLOWED).as("package %s is missing from ArchitectureTest and docs/architecture.md", pkg).containsKey(pkg);
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                String target = m.group(1);
                if (!target.equals(pkg) && !ALLOWED.get(pkg).contains(target)) violations.add(file + " imports org.safegate." + target);
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void onlyConfigReadsHocon() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            String pkg = MAIN.relativize(file).getName(0).toString();
            if (!pkg.equals("config") && Files.readString(file).contains("import com.typesafe.config")) violations.add(file.toString());
        }
        assertThat(violations).isEmpty();
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
