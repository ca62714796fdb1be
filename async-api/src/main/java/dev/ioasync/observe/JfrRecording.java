package dev.ioasync.observe;

import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Whether any JFR recording runs, kept in one volatile flag so that a loop checks it with one
 * load per iteration and times its callbacks only while someone records.
 */
final class JfrRecording {

    private static volatile boolean running;

    static {
        try {
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recordingStateChanged(Recording recording) {
                    refresh();
                }
            });
            if (FlightRecorder.isInitialized()) {
                refresh();
            }
        } catch (RuntimeException | LinkageError unavailable) {
            running = false; // a JVM without JFR: the events stay off
        }
    }

    private JfrRecording() {
    }

    static boolean running() {
        return running;
    }

    private static void refresh() {
        boolean any = false;
        for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
            if (r.getState() == RecordingState.RUNNING) {
                any = true;
                break;
            }
        }
        running = any;
    }
}
