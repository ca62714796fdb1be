package dev.ioasync.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.BackendUnavailableException;
import dev.ioasync.Loop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The magic constructor as seen from one backend: it is listed, it can be named, the property
 * overrides the default, and an unknown name is an error that names it.
 */
public abstract class BackendChoiceTck extends AbstractLoopTck {

    /** Creates the suite; a backend's subclass supplies the provider. */
    protected BackendChoiceTck() {
    }

    private static final String PROPERTY = "ioasync.loop";
    private final String saved = System.getProperty(PROPERTY);

    @AfterEach
    void restoreProperty() {
        if (saved == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, saved);
        }
    }

    @Test
    void choice_theBackendIsListedAndAvailable() {
        assertThat(Loop.providers()).anySatisfy(p -> {
            assertThat(p.name()).isEqualTo(provider().name());
            assertThat(p.isAvailable()).isTrue();
            assertThat(p.unavailabilityCause()).isEmpty();
        });
        assertThat(loop.backend()).isEqualTo(provider().name());
    }

    @Test
    void choice_createByNameUsesThatBackend() {
        try (Loop l = Loop.create(provider().name())) {
            assertThat(l.backend()).isEqualTo(provider().name());
        }
    }

    @Test
    void choice_thePropertyOverridesTheDefault() {
        System.setProperty(PROPERTY, provider().name());
        assertThat(Loop.chooseProvider().name()).isEqualTo(provider().name());
        try (Loop l = Loop.create()) {
            assertThat(l.backend()).isEqualTo(provider().name());
        }
    }

    @Test
    void choice_aCommaListTakesTheFirstAvailable() {
        System.setProperty(PROPERTY, "nosuch, " + provider().name());
        try (Loop l = Loop.create()) {
            assertThat(l.backend()).isEqualTo(provider().name());
        }
    }

    @Test
    void choice_anUnknownNameIsAnErrorNamingItNeverAFallback() {
        System.setProperty(PROPERTY, "nosuch");
        assertThatThrownBy(Loop::create).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("'nosuch'").hasMessageContaining(provider().name())
                .hasMessageContaining("-Dioasync.loop=nosuch");
        assertThatThrownBy(() -> Loop.create("nosuch")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("'nosuch'");
    }

    @Test
    void choice_theDefaultPicksTheHighestPriorityAvailableBackend() {
        System.clearProperty(PROPERTY);
        if (System.getenv("IO_ASYNC_LOOP") != null) {
            return; // the environment overrides the default in this JVM; the CLI tests cover it
        }
        var best = Loop.providers().stream().filter(p -> p.isAvailable()).findFirst().orElseThrow();
        assertThat(Loop.chooseProvider().name()).isEqualTo(best.name());
    }
}
