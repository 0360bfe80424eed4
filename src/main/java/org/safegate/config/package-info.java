/**
 * Typed, immutable, validated settings. {@link org.safegate.config.SettingsLoader} turns
 * {@code reference.conf} plus the operator's file into one {@link org.safegate.config.Settings}
 * tree, once, at start-up; every other package receives its record in a constructor and never
 * sees HOCON. Depends on {@code policy} for its enums and on {@code acl} for parsing addresses
 * and networks.
 */
package org.safegate.config;
