package org.safegate.feeds;

import java.util.List;

/**
 * What one read of a register dump produced, besides the records handed to the consumer: the dump's
 * header and counts. Values are counted after cleaning, in the records kept.
 *
 * @param updateTime    the dump's {@code updateTime} ({@code ""} when absent, or the CSV's {@code Updated:} line)
 * @param formatVersion the dump's {@code formatVersion} ({@code ""} when absent)
 * @param records       records handed to the consumer
 * @param rejected      records refused whole (no id, no decision, unknown blockType, nothing left to apply)
 * @param domains       domain values kept
 * @param urls          URL values kept
 * @param ips           IPv4 and IPv6 addresses kept
 * @param subnets       subnets kept
 * @param errors        the first {@link ParseReport#MAX_KEPT_ERRORS} problems; a dropped value and a rejected
 *                      record are one each
 * @param errorCount    all problems
 * @param linesRead     the last line read (the real XML dump is a single line)
 */
public record RegistryReport(String updateTime, String formatVersion, long records, long rejected, long domains,
                             long urls, long ips, long subnets, List<ParseError> errors, long errorCount, long linesRead) {
    public RegistryReport {
        errors = List.copyOf(errors);
    }
}
