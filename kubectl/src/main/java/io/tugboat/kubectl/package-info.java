/**
 * The {@code tug} command line: component launchers today; kubectl verbs (get, apply, delete,
 * logs, ...) and the all-in-one {@code tug up} as their issues land.
 */
package io.tugboat.kubectl;
