package org.safegate.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class ResolvConfProperties {
    /** resolv.conf is written by DHCP clients and people: any bytes in, a list out, never an exception. */
    @Property(tries = 200)
    void anyBytesGiveAListOfPort53Addresses(@ForAll @Size(max = 512) byte[] content) throws IOException {
        Path file = Files.createTempFile("resolv", ".conf");
        try {
            Files.write(file, content);
            assertThat(ResolvConf.nameservers(file, List.of())).allSatisfy(a -> assertThat(a.getPort()).isEqualTo(53));
        } finally {
            Files.delete(file);
        }
    }
}
