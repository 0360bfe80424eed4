package org.safegate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageLanguageTest {
    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL                              | en",
            "''                                | en",
            "ru                                | ru",
            "RU-ru                             | ru",
            "kk-KZ,kk;q=0.9,ru;q=0.8           | kk",
            "de-DE,de;q=0.9                    | en",        // nothing we have: the default
            "de, ru;q=0.3, kk;q=0.2            | ru",        // the best we have, not the first
            "en;q=0.5, ru;q=0.8                | ru",        // q-values, not order
            "ru;q=0.8, kk;q=0.8                | ru",        // a tie: the earlier
            "ru;q=0, *                         | en",        // q=0 rules ru out; * is the default
            "en;q=0, kk;q=0.1                  | kk",
            "en;q=0                            | ru",        // even the default can be ruled out
            "ru;q=abc, kk;q=0.4                | kk",        // an unreadable weight drops its range
            "ru;q=1.5, kk                      | kk",        // so does one above 1
            "ru ; q=0.7 ; x=y , en;q=0.6       | ru",
            "zz,,;,ru-Cyrl-RU                  | ru",
    })
    void picksTheAcceptableLanguageWithTheHighestWeight(String header, String expected) {
        assertThat(PageLanguage.negotiate(header).tag()).isEqualTo(expected);
    }
}
