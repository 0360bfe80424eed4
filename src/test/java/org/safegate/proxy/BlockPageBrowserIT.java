package org.safegate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A real browser (Debian's headless Chromium) opens blocked pages through the proxy: the page
 * text is checked in the DOM Chromium built, and screenshots are kept in {@code target/blockpage/}
 * for people to look at (CI keeps them as build artifacts).
 */
class BlockPageBrowserIT {
    private static final Path OUT = Path.of("target/blockpage");
    private static ProxyFixture f;
    private static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        f = ProxyFixture.start();
        Files.createDirectories(OUT);                // Chromium writes the screenshot but makes no directory
        chromium = new Chromium(Path.of("target/chromium"), f.proxyUrl());   // profiles and logs, beside (not in) the artifacts
    }

    @AfterAll
    static void stop() throws Exception {
        if (f != null) f.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "en | This page is unavailable for legal reasons  | Authority | Think this is a mistake?",
            "ru | Доступ к этой странице ограничен            | Орган     | Считаете, что это ошибка?",
            "kk | Бұл бетке кіру заң талабы бойынша шектелген | Шешім     | Қате деп ойлайсыз ба?"})
    void legalOrderPageInEachLanguage(String language, String heading, String label, String appeal) throws Exception {
        String url = "http://www.blocked.legal.test/some/page";
        String dom = chromium.dumpDom(url, language);
        assertThat(dom).contains("<html lang=\"" + language + "\">", heading, label, appeal, "Test Court", "12/2024",
                "2024-01-02", "court-orders", "Example Operator", "help@operator.example", "https://operator.example/appeal");
        screenshot(url, language, "blockpage-" + language + ".png", 1280, 900);
    }

    @Test
    void confidentialAndPolicyPagesAndAPhoneSizedScreen() throws Exception {
        String confidential = chromium.dumpDom("http://www.blocked.confidential.test/", "en");
        assertThat(confidential).contains("images of child sexual abuse", "Example Operator").doesNotContain("confidential-list", "csam");
        screenshot("http://www.blocked.confidential.test/", "en", "blockpage-confidential-en.png", 1280, 900);
        assertThat(chromium.dumpDom("http://blocked.ads.test/", "kk")).contains("Бұл бет осы желіде бұғатталған", "advertising");
        screenshot("http://blocked.ads.test/", "kk", "blockpage-policy-kk.png", 1280, 900);
        screenshot("http://www.blocked.legal.test/", "ru", "blockpage-mobile-ru.png", 390, 844);
    }

    private static void screenshot(String url, String language, String name, int width, int height) throws Exception {
        Path png = OUT.resolve(name);
        chromium.screenshot(url, language, png, width, height);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("%s is a PNG", png).isNotNull();
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(Files.size(png)).as("a rendered page, not a blank one").isGreaterThan(10_000);
    }
}
