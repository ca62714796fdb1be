/**
 * The loop conformance suite: abstract JUnit 5 classes, one per area, that every backend runs
 * through a tiny subclass naming its provider. A backend is done when the whole suite passes.
 *
 * <p>Test names follow the rule they check ({@code area_behaviour}), so that coverage of the
 * spec can be listed from the report.
 *
 * <h2>Thread rules</h2>
 * Each test owns a fresh loop on the JUnit thread; tests that need other threads start them
 * themselves and join them with bounded waits.
 */
package dev.ioasync.tck;
