/**
 * The node's durable control state and the one way a regulator's push comes into force:
 * {@link org.safegate.control.ControlPlane} opens the push journal ({@code <state-dir>/journal})
 * and the audit history ({@code <state-dir>/audit.jsonl}), feeds the journal's entries to the
 * policy updater as {@code format = push} sources ({@code JournalLists}), records every change of
 * policy in the history ({@code History}), compacts the journal ({@code JournalCompaction}), and
 * hands out {@link org.safegate.control.Pushes}, whose {@code push} the admin API calls.
 *
 * <p>Depends on {@code journal}, {@code audit}, {@code feeds}, {@code policy} and {@code config};
 * nothing but {@code app} depends on it. Thread-safe.
 */
package org.safegate.control;
