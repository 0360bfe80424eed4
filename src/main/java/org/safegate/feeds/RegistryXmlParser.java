package org.safegate.feeds;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a register dump in the XML form of the Russian unified register ("vigruzki", formatVersion 2.x),
 * streaming: {@code <reg:register updateTime formatVersion>} holding {@code <content id includeTime
 * entryType blockType hash>} records, each with a {@code <decision date number org/>} and any number of
 * {@code url}, {@code domain}, {@code ip}, {@code ipv6}, {@code ipSubnet}, {@code ipv6Subnet} values
 * (text or CDATA). Elements it does not know are skipped: later format versions add some.
 *
 * <p>The document's declared encoding is honoured (the real dump is windows-1251), which is why it takes
 * the bytes. It must be plain XML: a DOCTYPE is refused before anything is read from it, and no entity is
 * ever expanded or fetched (XXE). A document that is not well formed, or has a DOCTYPE, or whose root is not
 * {@code register}, is refused whole with {@link RegistryFormatException}: a cut dump must not pass for a
 * short one. Bad values and records inside a good document are reported and skipped ({@link RegistryRecordBuilder}).
 *
 * <p>As a {@link ListParser} it yields the domain rules ({@link RegistryRules}). Line numbers are those of
 * the XML (the real dump is one line, so its errors are all on line 1; each names its record id).
 *
 * <p>Thread-safe: immutable; each parse makes its own reader.
 */
public final class RegistryXmlParser implements ListParser {
    private final XMLInputFactory factory;

    public RegistryXmlParser() {
        // The JDK's own implementation, whatever else is on the class path: these properties are its contract
        factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    /**
     * Reads {@code in} to its end (the caller closes it), handing each good record to {@code sink} as it
     * completes; memory follows what {@code sink} keeps.
     *
     * @throws RegistryFormatException when the document is refused whole
     * @throws IOException when reading fails
     */
    public RegistryReport read(String sourceName, InputStream in, boolean confidential, Consumer<RegistryRecord> sink)
            throws IOException {
        return read(new ReportBuilder(sourceName, confidential), sourceName, in, sink);
    }

    /** The domain rules of the dump; a document refused whole throws {@link RegistryFormatException}. */
    @Override
    public ParseReport parse(String sourceName, InputStream in, boolean confidential) throws IOException {
        ReportBuilder report = new ReportBuilder(sourceName, confidential);
        RegistryReport read = read(report, sourceName, in, new RegistryRules(report));
        return RegistryRules.report(report, read.linesRead());
    }

    private RegistryReport read(ReportBuilder report, String source, InputStream in, Consumer<RegistryRecord> sink)
            throws IOException {
        requireNonNull(in, "in");
        requireNonNull(sink, "sink");
        XMLStreamReader xml = null;
        try {
            xml = factory.createXMLStreamReader(in);
            return new Walk(source, report, xml, sink).run();
        } catch (XMLStreamException e) {
            Throwable cause = e.getNestedException() != null ? e.getNestedException() : e.getCause();
            Location at = e.getLocation();
            long line = at == null ? 0 : at.getLineNumber();
            // bytes that are not text in the declared encoding: the document's fault, refuse this version
            if (cause instanceof java.io.CharConversionException)
                throw new RegistryFormatException(source, line, "document", "bytes that are not valid text in the declared encoding");
            if (cause instanceof IOException io) throw io;    // reading failed: not the document's fault
            throw new RegistryFormatException(source, line, "document",
                    "not well-formed XML: " + firstLine(e.getMessage()));
        } finally {
            if (xml != null) closeQuietly(xml);
        }
    }

    private static String firstLine(String message) {
        if (message == null) return "(no detail)";
        String text = message.contains("\nMessage: ") ? message.substring(message.indexOf("\nMessage: ") + 10) : message;
        int nl = text.indexOf('\n');
        return ReportBuilder.escapeInvisible(nl < 0 ? text : text.substring(0, nl));
    }

    private static void closeQuietly(XMLStreamReader xml) throws IOException {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("closing the XML reader failed", e);
        }
    }

    /** One pass over one document. */
    private static final class Walk {
        private final String source;
        private final XMLStreamReader xml;
        private final Consumer<RegistryRecord> sink;
        private final RegistryRecordBuilder record;
        private String updateTime = "";
        private String formatVersion = "";
        private long lastLine = 1;

        Walk(String source, ReportBuilder report, XMLStreamReader xml, Consumer<RegistryRecord> sink) {
            this.source = source;
            this.xml = xml;
            this.sink = sink;
            this.record = new RegistryRecordBuilder(report);
        }

        RegistryReport run() throws XMLStreamException, RegistryFormatException {
            boolean rootSeen = false;
            while (xml.hasNext()) {
                int event = xml.next();
                line();
                if (event == XMLStreamConstants.DTD)
                    throw refused("DOCTYPE not allowed (expected: a plain register dump; DTDs and entities are refused)");
                if (event == XMLStreamConstants.ENTITY_REFERENCE)
                    throw refused("entity reference &" + xml.getLocalName() + "; not allowed (expected: no entities)");
                if (event != XMLStreamConstants.START_ELEMENT) continue;
                if (!rootSeen) {
                    root();
                    rootSeen = true;
                } else if (xml.getLocalName().equals("content")) {
                    content();
                } else {
                    skip();
                }
            }
            if (!rootSeen) throw refused("no root element (expected: register)");
            return record.report(updateTime, formatVersion, lastLine);
        }

        private void root() throws RegistryFormatException {
            if (!xml.getLocalName().equals("register"))
                throw refused("root element " + ReportBuilder.quote(xml.getLocalName()) + " (expected: register)");
            updateTime = attribute("updateTime", "");
            formatVersion = attribute("formatVersion", "");
        }

        private void content() throws XMLStreamException, RegistryFormatException {
            record.start(line(), attribute("id", null), attribute("includeTime", null), attribute("entryType", null),
                    attribute("blockType", null), attribute("hash", null));
            while (true) {
                int event = xml.next();
                if (event == XMLStreamConstants.END_ELEMENT) break;
                if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE)
                    throw refused("entity or DTD inside a record (expected: none)");
                if (event != XMLStreamConstants.START_ELEMENT) continue;
                long at = line();
                String name = xml.getLocalName();
                switch (name) {
                    case "decision" -> {
                        record.decision(at, attribute("date", null), attribute("number", null), attribute("org", null));
                        skip();
                    }
                    case "url", "domain", "ip", "ipv6", "ipSubnet", "ipv6Subnet" -> record.value(at, name, text());
                    default -> skip();
                }
            }
            RegistryRecord done = record.finish();
            if (done != null) sink.accept(done);
        }

        /** The element's text (CDATA and text coalesced); refuses child elements and entities. */
        private String text() throws XMLStreamException, RegistryFormatException {
            StringBuilder sb = new StringBuilder();
            while (true) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            sb.append(xml.getText());
                    case XMLStreamConstants.END_ELEMENT -> {
                        return sb.toString();
                    }
                    case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> { }
                    default -> throw refused("element " + ReportBuilder.quote(xml.getLocalName())
                            + " inside a value (expected: text only)");
                }
            }
        }

        /** Skips the element just started, with everything inside it. */
        private void skip() throws XMLStreamException, RegistryFormatException {
            int depth = 1;
            while (depth > 0) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) depth++;
                else if (event == XMLStreamConstants.END_ELEMENT) depth--;
                else if (event == XMLStreamConstants.ENTITY_REFERENCE || event == XMLStreamConstants.DTD)
                    throw refused("entity or DTD (expected: none)");
            }
        }

        private String attribute(String name, String absent) {
            String value = xml.getAttributeValue(null, name);
            return value == null ? absent : value;
        }

        /** The current line; past the end the reader says -1, so the last one seen is kept. */
        private long line() {
            int line = xml.getLocation().getLineNumber();
            if (line > lastLine) lastLine = line;
            return line > 0 ? line : lastLine;
        }

        private RegistryFormatException refused(String reason) {
            return new RegistryFormatException(source, line(), "document", reason);
        }
    }
}
