package org.safegate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

class NameTextTest {
    @Property(tries = 500)
    void wireReadingAgreesWithDnsjava(@ForAll("names") String text) throws Exception {
        Name name = Name.fromString(text, Name.root);
        byte[] wire = new byte[12 + name.length()];
        System.arraycopy(name.toWire(), 0, wire, 12, name.length());
        String fromWire = NameText.normalized(wire, 12);
        if (fromWire != null) assertThat(fromWire).isEqualTo(NameText.normalized(name));
        else assertThat(text).matches(".*[^A-Za-z0-9_.-].*");
    }

    @Test
    void rootIsEmptyAndCompressionFallsBack() throws Exception {
        assertThat(NameText.normalized(Name.root)).isEmpty();
        assertThat(NameText.normalized(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 12)).isEmpty();
        assertThat(NameText.normalized(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xc0, 0}, 12)).isNull();
        assertThat(NameText.normalized(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 'a'}, 12)).as("runs off the end").isNull();
        assertThat(NameText.normalized(Name.fromString("Www.EXAMPLE."))).isEqualTo("www.example");
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcXYZ019-_* ").ofMinLength(1).ofMaxLength(10);
        return label.list().ofMinSize(1).ofMaxSize(5).map(labels -> String.join(".", labels).replace(" ", "\\032"));
    }
}
