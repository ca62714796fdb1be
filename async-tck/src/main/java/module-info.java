/**
 * The loop conformance suite: abstract JUnit 5 classes every backend runs through a thin subclass.
 */
module dev.ioasync.tck {
    requires transitive dev.ioasync;
    requires transitive dev.ioasync.testkit;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;
    requires org.junit.platform.engine;
    requires org.junit.platform.testkit;
    requires transitive java.logging;

    exports dev.ioasync.tck;
    // JUnit calls the suite's package-private test methods reflectively.
    opens dev.ioasync.tck to org.junit.platform.commons;
}
