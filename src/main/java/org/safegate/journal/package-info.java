/**
 * The durable journal of regulator pushes: {@link org.safegate.journal.Journal} appends each
 * {@link org.safegate.journal.Batch} with an fsync before it acknowledges it with a
 * {@link org.safegate.journal.Receipt}, recognises repeated idempotency keys, replays itself at
 * start (cutting a torn tail), and compacts into per-source snapshots.
 * {@link org.safegate.journal.JournalState} is what the durable batches add up to.
 *
 * <p>On disk, one directory: {@code journal-<first sequence>.log} segments and
 * {@code snapshot-<source>.snap} files, both an 8-byte header then {@code [length u32][crc32c
 * u32][payload]} records (see {@code Frames}, {@code RecordCodec}, {@code Snapshot}).
 *
 * <p>Depends on {@code policy} only (for {@link org.safegate.policy.LegalBasis}). Thread-safe.
 */
package org.safegate.journal;
