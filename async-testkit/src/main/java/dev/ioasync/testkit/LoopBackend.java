package dev.ioasync.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the backend of the loops {@link LoopExtension} gives a test method, or every test of a
 * class. On the method it wins over the class; without it the JUnit configuration parameter
 * {@code ioasync.loop} names it, else the loop is chosen as {@link dev.ioasync.Loop#create()} chooses
 * ({@code -Dioasync.loop}, {@code IO_ASYNC_LOOP}, else the best backend for this OS).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface LoopBackend {

    /**
     * The backend, or a comma list in order of preference, as {@link dev.ioasync.Loop#create(String)}
     * takes it: {@code "select"}, {@code "epoll,select"}.
     *
     * @return the backend names
     */
    String value();
}
