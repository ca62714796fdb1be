package dev.ioasync.testkit;

import dev.ioasync.Loop;
import dev.ioasync.LoopBuilder;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit 5 extension that hands each test a fresh {@link Loop} and closes it after the test.
 *
 * <pre>{@code
 * @ExtendWith(LoopExtension.class)
 * class MyServerTest {
 *     @Test
 *     void answers(Loop loop) {
 *         Future<String> reply = MyClient.ask(loop, "ping");
 *         assertEquals("pong", LoopRunner.await(loop, reply, Duration.ofSeconds(5)));
 *     }
 *
 *     @Test
 *     @LoopBackend("select")
 *     void firesTimers(Loop loop, ManualClock clock) { ... }   // the loop runs on this clock
 * }
 * }</pre>
 *
 * <p>Test methods and {@code @BeforeEach}/{@code @AfterEach} methods may declare a parameter of
 * type {@link Loop} and one of type {@link ManualClock}; within one test they all receive the same
 * loop and clock. When the test method (or a {@code @BeforeEach} method resolved first) asks for a
 * {@code ManualClock}, the loop runs on that clock; otherwise on the system clock. The backend is
 * the one {@link LoopBackend} names on the method, else on the class (or an enclosing class), else
 * the JUnit configuration parameter {@code ioasync.loop} (for example in
 * {@code junit-platform.properties}, or the system property {@code -Dioasync.loop}), else the one
 * {@link Loop#create()} would take. The loop is
 * created on the test's thread (which owns it) and closed after the test and its
 * {@code @AfterEach} methods, unless the test closed it itself.
 *
 * <p>A backend that cannot run here fails the test with the
 * {@link dev.ioasync.BackendUnavailableException} that names it and why.
 */
public final class LoopExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LoopExtension.class);
    private static final String KEY = "fixture";

    /** Creates the extension (JUnit does, from {@code @ExtendWith}). */
    public LoopExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return (type == Loop.class || type == ManualClock.class)
                && parameterContext.getDeclaringExecutable() instanceof Method
                && extensionContext.getTestMethod().isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Fixture fixture = extensionContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(KEY, key -> new Fixture(extensionContext), Fixture.class);
        return parameterContext.getParameter().getType() == Loop.class ? fixture.loop() : fixture.clock();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Fixture fixture = context.getStore(NAMESPACE).remove(KEY, Fixture.class);
        if (fixture != null) {
            fixture.close();
        }
    }

    /** One test's loop and clock, made when first asked for. */
    private static final class Fixture {

        private final ExtensionContext context;
        private ManualClock clock;
        private Loop loop;

        Fixture(ExtensionContext context) {
            this.context = context;
        }

        ManualClock clock() {
            if (clock == null) {
                if (loop != null) {
                    throw new ParameterResolutionException("the test's loop was already made on the system clock: "
                            + "ask for the ManualClock no later than for the Loop (for example in the same parameter list)");
                }
                clock = new ManualClock();
            }
            return clock;
        }

        Loop loop() {
            if (loop == null) {
                if (clock == null && wantsManualClock(context.getRequiredTestMethod())) {
                    clock = new ManualClock();
                }
                LoopBuilder builder = Loop.builder();
                backend().ifPresent(builder::backend);
                if (clock != null) {
                    builder.clock(clock);
                }
                loop = builder.build();
            }
            return loop;
        }

        private Optional<String> backend() {
            Optional<LoopBackend> onMethod = AnnotationSupport.findAnnotation(context.getTestMethod(), LoopBackend.class);
            if (onMethod.isPresent()) {
                return Optional.of(onMethod.get().value());
            }
            for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
                Optional<LoopBackend> onClass = AnnotationSupport.findAnnotation(c.get().getTestClass(), LoopBackend.class);
                if (onClass.isPresent()) {
                    return Optional.of(onClass.get().value());
                }
            }
            // JUnit's configuration parameter (junit-platform.properties), which falls back to the
            // system property of the same name; else Loop.create()'s own choice (IO_ASYNC_LOOP, the OS).
            return context.getConfigurationParameter(Loop.BACKEND_PROPERTY).filter(names -> !names.isBlank());
        }

        private static boolean wantsManualClock(Executable method) {
            return Arrays.stream(method.getParameters()).map(Parameter::getType).anyMatch(t -> t == ManualClock.class);
        }

        void close() {
            if (loop != null && !loop.isClosed()) {
                loop.close();
            }
        }
    }
}
