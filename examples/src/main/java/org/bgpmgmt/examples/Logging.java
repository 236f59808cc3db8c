package org.bgpmgmt.examples;

/**
 * Sets up slf4j-simple, the examples' logging binding: quiet (warnings only) by default, debug with
 * {@code --verbose}. Must run before the first logger is created.
 */
final class Logging {
    private Logging() {
    }

    /**
     * Debug everywhere with {@code verbose}; otherwise the library logs warnings only and the
     * examples' own lines (the long-running commands' stats) at info when {@code info}.
     */
    static void configure(final boolean verbose, final boolean info) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.bgpmgmt.examples",
            verbose ? "debug" : info ? "info" : "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    }
}
