package org.safegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The one normalisation of names: properties over generated names, and the documented cases. */
class DomainNameProperties {

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
                .ofMinLength(1).ofMaxLength(20);
        return label.list().ofMinSize(1).ofMaxSize(6).map(labels -> String.join(".", labels));
    }

    @Property
    void normalisingTwiceChangesNothing(@ForAll("names") String raw) throws InvalidNameException {
        String once = DomainName.normalize(raw);
        assertThat(DomainName.normalize(once)).isEqualTo(once);
    }

    @Property
    void caseAndTheRootDotDoNotMatter(@ForAll("names") String raw) throws InvalidNameException {
        String expected = DomainName.normalize(raw);
        assertThat(DomainName.normalize(raw.toUpperCase(Locale.ROOT) + ".")).isEqualTo(expected);
        assertThat(expected).isEqualTo(raw.toLowerCase(Locale.ROOT));
    }

    @Property
    void anyTextGivesANameOrAReasonNeverAnotherException(@ForAll String raw) {
        try {
            String name = DomainName.normalize(raw);
            assertThat(name).isNotEmpty().hasSizeLessThanOrEqualTo(DomainName.MAX_LENGTH).doesNotEndWith(".");
            assertThat(DomainName.normalize(name)).isEqualTo(name);
        } catch (InvalidNameException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Example
    void unicodeBecomesPunycode() throws InvalidNameException {
        assertThat(DomainName.normalize("Bücher.Example.")).isEqualTo("xn--bcher-kva.example");
    }

    @Example
    void badNamesAreRejectedWithTheReason() {
        assertThatThrownBy(() -> DomainName.normalize("a..b")).hasMessageContaining("empty label");
        assertThatThrownBy(() -> DomainName.normalize("*.example")).hasMessageContaining("'*'");
        assertThatThrownBy(() -> DomainName.normalize("a".repeat(64) + ".example")).hasMessageContaining("at most 63");
        assertThatThrownBy(() -> DomainName.normalize(".")).hasMessageContaining("root");
        assertThatThrownBy(() -> DomainName.normalize("")).hasMessageContaining("empty");
    }

    @Example
    void underscoresAndEdgeHyphensAreAcceptedAsRealListsUseThem() throws InvalidNameException {
        assertThat(DomainName.normalize("___id___.c.mystat-in.net")).isEqualTo("___id___.c.mystat-in.net");
        assertThat(DomainName.normalize("cgi-trial-.net.zooplus.fr")).isEqualTo("cgi-trial-.net.zooplus.fr");
    }
}
