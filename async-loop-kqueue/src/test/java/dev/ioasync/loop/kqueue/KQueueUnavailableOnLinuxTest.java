package dev.ioasync.loop.kqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ioasync.BackendUnavailableException;
import dev.ioasync.Loop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * On Linux the kqueue backend is listed but unavailable, says why in Netty's words, is never
 * chosen by default, and fails with that cause when named.
 */
@EnabledOnOs(OS.LINUX)
class KQueueUnavailableOnLinuxTest {

    private final KQueueLoopProvider provider = new KQueueLoopProvider();

    @Test
    void isUnavailableWithNettysCause() {
        assertThat(provider.isAvailable()).isFalse();
        assertThat(provider.unavailabilityCause()).isPresent();
        assertThat(BackendUnavailableException.describe(provider.unavailabilityCause().orElseThrow()))
                .contains("OSX/BSD");
        assertThat(provider.priority()).isNegative();
    }

    @Test
    void isListedButNeverChosenByDefault() {
        assertThat(Loop.providers()).anySatisfy(p -> assertThat(p.name()).isEqualTo("kqueue"));
        assertThat(Loop.providers()).filteredOn(p -> p.name().equals("kqueue"))
                .allSatisfy(p -> assertThat(p.isAvailable()).isFalse());
    }

    @Test
    void namingItFailsWithTheCause() {
        assertThatThrownBy(() -> Loop.create("kqueue")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("kqueue").hasMessageContaining("OSX/BSD");
    }

    @Test
    void theSkipReasonOfTheConformanceSuiteCarriesTheCause() {
        var result = new KQueueAvailableCondition().evaluateExecutionCondition(null);
        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(r -> assertThat(r).contains("kqueue").contains("OSX/BSD"));
    }

    @Test
    void openingAPollerIsRefusedWithTheCause() {
        assertThatThrownBy(provider::openPoller).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not available");
    }
}
