/**
 * Test support for programs on ioasync-java: {@link dev.ioasync.testkit.ManualClock},
 * {@link dev.ioasync.testkit.LoopRunner} and the JUnit 5 {@link dev.ioasync.testkit.LoopExtension}.
 */
module dev.ioasync.testkit {
    requires transitive dev.ioasync;
    requires transitive org.junit.jupiter.api;
    requires org.junit.platform.commons;

    exports dev.ioasync.testkit;
}
