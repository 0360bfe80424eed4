package org.safegate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/openapi.yaml names exactly the routes the server has, method by method. */
class OpenApiTest {
    private static final Pattern PATH = Pattern.compile("^  (/\\S+):\\s*$");
    private static final Pattern METHOD = Pattern.compile("^    (get|put|post|delete|patch|head|options):\\s*$");

    @Test
    void everyRoutedPathIsDescribedAndNothingElse() throws Exception {
        List<String> described = new ArrayList<>();
        String path = null;
        boolean inPaths = false;
        for (String line : Files.readAllLines(Path.of("docs/openapi.yaml"))) {
            if (line.equals("paths:")) inPaths = true;
            else if (!line.startsWith(" ") && !line.isEmpty()) inPaths = false;
            if (!inPaths) continue;
            Matcher p = PATH.matcher(line);
            if (p.matches()) path = p.group(1);
            Matcher m = METHOD.matcher(line);
            if (m.matches()) described.add(m.group(1).toUpperCase(java.util.Locale.ROOT) + " " + path);
        }
        try (AdminFixture admin = new AdminFixture()) {
            assertThat(described).containsExactlyInAnyOrderElementsOf(admin.server.routes());
        }
    }

    @Test
    void theServedCopyIsTheDocument() throws Exception {
        byte[] served;
        try (var in = OpenApiTest.class.getResourceAsStream(ReadEndpoints.OPENAPI_RESOURCE)) {
            served = in.readAllBytes();
        }
        assertThat(served).isEqualTo(Files.readAllBytes(Path.of("docs/openapi.yaml")));
    }
}
