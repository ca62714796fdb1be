package dev.ioasync;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The base of everything that reacts to events on a loop (IO::Async::Notifier).
 *
 * <p>Notifiers form a tree: a notifier {@linkplain #addChild adopts children}, and adding it to a
 * {@link Loop} adds its whole subtree; removing it removes the subtree. A plain {@code Notifier}
 * is a useful container on its own.
 *
 * <p><b>Events and errors.</b> Subclasses run user callbacks through {@link #invokeEvent}. An
 * exception thrown there goes to this notifier's {@linkplain #onError error handler}, else to the
 * nearest ancestor's, and finally to the loop's; the loop never dies of a callback.
 *
 * <p><b>Configuration.</b> IO::Async's {@code configure(key => value)} has two twins: typed
 * setters on each subclass (the Java way), and {@link #configure(Map)} taking the Perl parameter
 * names ({@code name}, {@code on_error}, and each subclass's own), so that configuration held as
 * data still works. Both may be used before or after the notifier is added to a loop.
 *
 * <p>Thread rules: a notifier belongs to the thread of the loop it is (or will be) added to.
 */
public class Notifier {

    private String name;
    private Notifier parent;
    private Loop loop;
    private List<Notifier> children = List.of();
    private ErrorHandler errorHandler;
    /** The adopted futures still pending; guarded by this notifier's monitor. */
    private List<Future<?>> adopted = List.of();

    /** Creates a notifier that is in no tree and no loop yet. */
    public Notifier() {
    }

    /** {@return the name given by {@link #name(String)}, or {@code null}} */
    public final String name() {
        return name;
    }

    /**
     * Names this notifier, for messages and logs.
     *
     * @param name the name
     * @return this
     */
    public Notifier name(String name) {
        this.name = name;
        return this;
    }

    /**
     * Sets the handler for exceptions thrown by this notifier's callbacks and by its descendants'
     * callbacks that have no handler of their own ({@code on_error}).
     *
     * @param handler the handler, or {@code null} to pass errors to the parent
     * @return this
     */
    public Notifier onError(ErrorHandler handler) {
        this.errorHandler = handler;
        return this;
    }

    /** {@return this notifier's own error handler, or {@code null}} */
    public final ErrorHandler errorHandler() {
        return errorHandler;
    }

    /**
     * Applies parameters by their IO::Async names. Each subclass documents the keys it takes;
     * every notifier takes {@code name} (a {@link String}) and {@code on_error} (an
     * {@link ErrorHandler}).
     *
     * @param params the parameters
     * @return this
     * @throws IllegalArgumentException naming the key, when a key is unknown or its value has
     *     the wrong type; parameters before it have been applied
     */
    public Notifier configure(Map<String, ?> params) {
        Objects.requireNonNull(params, "params");
        for (Map.Entry<String, ?> e : params.entrySet()) {
            configureParameter(Objects.requireNonNull(e.getKey(), "parameter name"), e.getValue());
        }
        return this;
    }

    /**
     * Applies one parameter. Subclasses handle their own keys and pass the rest to
     * {@code super.configureParameter}.
     *
     * @param key the IO::Async parameter name
     * @param value its value
     * @throws IllegalArgumentException when the key is unknown here or the value has the wrong type
     */
    protected void configureParameter(String key, Object value) {
        switch (key) {
            case "name" -> name(parameter(key, value, String.class));
            case "on_error" -> onError(parameter(key, value, ErrorHandler.class));
            default -> throw new IllegalArgumentException(
                    "unknown parameter '" + key + "' for " + getClass().getSimpleName());
        }
    }

    /**
     * Casts a parameter value, with an error that names the key and the expected type.
     *
     * @param key the parameter name
     * @param value the value
     * @param type the expected type
     * @param <V> the expected type
     * @return the value
     * @throws IllegalArgumentException when the value is not of {@code type}
     */
    protected static <V> V parameter(String key, Object value, Class<V> type) {
        if (value != null && !type.isInstance(value)) {
            throw new IllegalArgumentException("parameter '" + key + "' must be a " + type.getSimpleName()
                    + ", not a " + value.getClass().getName());
        }
        return type.cast(value);
    }

    /** {@return the parent notifier, or {@code null} at the top of a tree} */
    public final Notifier parent() {
        return parent;
    }

    /** {@return the loop this notifier is added to, or {@code null}} */
    public final Loop loop() {
        return loop;
    }

    /** {@return the children, in the order they were added; unmodifiable} */
    public final List<Notifier> children() {
        return Collections.unmodifiableList(children);
    }

    /**
     * Adopts a child. When this notifier is in a loop, the child is added to the loop too.
     *
     * @param child the notifier to adopt
     * @return this
     * @throws IllegalArgumentException when the child already has a parent, is in a loop, or is
     *     this notifier or one of its ancestors
     */
    public Notifier addChild(Notifier child) {
        Objects.requireNonNull(child, "child");
        if (child.parent != null) {
            throw new IllegalArgumentException(child + " already has a parent: " + child.parent);
        }
        if (child.loop != null) {
            throw new IllegalArgumentException(child + " is already in a loop; remove it first");
        }
        for (Notifier a = this; a != null; a = a.parent) {
            if (a == child) {
                throw new IllegalArgumentException("cannot add " + child + " as a child of its own descendant " + this);
            }
        }
        if (loop != null) {
            loop.checkInLoopThread("addChild");
        }
        if (children.isEmpty()) {
            children = new ArrayList<>(4);
        }
        children.add(child);
        child.parent = this;
        if (loop != null) {
            child.attach(loop);
        }
        return this;
    }

    /**
     * Removes a child (and, when in a loop, removes it from the loop).
     *
     * @param child the child
     * @return this
     * @throws IllegalArgumentException when it is not a child of this notifier
     */
    public Notifier removeChild(Notifier child) {
        if (child == null || child.parent != this) {
            throw new IllegalArgumentException(child + " is not a child of " + this);
        }
        children.remove(child);
        child.parent = null;
        if (child.loop != null) {
            child.detach();
        }
        return this;
    }

    /**
     * Removes this notifier from wherever it is: its parent, or the loop when it is at the top.
     * Does nothing when it is in neither.
     */
    public void removeFromParent() {
        if (parent != null) {
            parent.removeChild(this);
        } else if (loop != null) {
            loop.remove(this);
        }
    }

    /**
     * Called when this notifier has been added to a loop (IO::Async's {@code _add_to_loop}),
     * before its children are.
     *
     * @param loop the loop
     */
    protected void addedToLoop(Loop loop) {
    }

    /**
     * Called when this notifier is being removed from its loop (IO::Async's
     * {@code _remove_from_loop}), after its children were; {@link #loop()} still answers.
     *
     * @param loop the loop
     */
    protected void removedFromLoop(Loop loop) {
    }

    /**
     * Runs a user callback for an event of this notifier (IO::Async's {@code invoke_event}). An
     * exception it throws is routed to the error handlers, wrapped in a {@link CallbackException},
     * and this method returns normally. A fatal JVM error ({@link VirtualMachineError}) is no
     * callback error: it is logged once and thrown on, out of the loop's run methods.
     *
     * @param event the event's name, for the report (for example {@code on_expire})
     * @param body the callback
     */
    protected final void invokeEvent(String event, Runnable body) {
        Loop l = loop;
        Object before = l == null ? null : l.observer().onNotifierEvent(this);
        try {
            body.run();
        } catch (Throwable t) {
            FatalErrors.rethrowIfFatal(t, "the " + event + " callback of " + this);
            invokeError(new CallbackException(this, event, t));
        } finally {
            if (l != null) {
                l.observer().onNotifierEventEnd(before);
            }
        }
    }

    /**
     * Reports an error of this notifier to the nearest error handler up the tree, then the
     * loop's (IO::Async's {@code invoke_error}). A fatal JVM error ({@link VirtualMachineError},
     * or a {@link CallbackException} wrapping one) reaches no handler: it is logged once and
     * thrown from here.
     *
     * @param error the error
     */
    public final void invokeError(Throwable error) {
        Objects.requireNonNull(error, "error");
        Loop l = loop;
        if (l != null) {
            l.routeError(error, this);
        } else {
            Loop.routeWithoutLoop(error, this);
        }
    }

    /**
     * Makes a pending future for an operation of this notifier, bound to its loop (IO::Async's
     * {@code $self->loop->new_future}). Unlike IO::Async, this may be asked before the notifier is
     * in a loop (a {@code Stream}'s {@code readLine} or {@code write} before {@code loop.add}): the
     * future is then bound to the first loop the notifier is added to, so that its
     * {@link Future#get()} on that loop's thread runs the loop as for any bound future.
     *
     * @param <T> the value type
     * @return a new pending future
     */
    protected final <T> Future<T> newFuture() {
        return Future.forNotifier(this);
    }

    /**
     * Keeps a future until it is ready (IO::Async::Notifier's {@code adopt_future}), so that the
     * operation it stands for is not lost for want of a reference, and reports its failure: when
     * it fails, the {@link FutureFailure} goes to {@link #invokeError}, to this notifier's
     * {@linkplain #onError error handler}, up the tree and finally to the loop's. A future done
     * or cancelled is simply dropped. Where the failure is handled elsewhere, adopt a future that
     * cannot fail, such as {@code f.orElse(x -> Future.doneFuture(null))} (Perl's
     * {@code else_done}).
     *
     * <p>As in IO::Async, removing the notifier from its loop does not cancel what it adopted:
     * cancel it in {@link #removedFromLoop} when its work belongs to the notifier. A future that
     * becomes ready on another thread reports its failure on the loop thread (through
     * {@link Loop#later}) while the notifier is in an open loop. Thread-safe.
     *
     * @param future the future
     * @param <F> the future's type
     * @return {@code future}
     */
    public final <F extends Future<?>> F adoptFuture(F future) {
        Objects.requireNonNull(future, "future");
        synchronized (this) {
            if (adopted.isEmpty()) {
                adopted = new ArrayList<>(2);
            }
            adopted.add(future);
        }
        future.onReady(this::adoptedReady);
        return future;
    }

    /** {@return the adopted futures still pending, in the order they were adopted (IO::Async's {@code adopted_futures})} */
    public final synchronized List<Future<?>> adoptedFutures() {
        return List.copyOf(adopted);
    }

    private void adoptedReady(Future<?> f) {
        synchronized (this) {
            for (int i = 0; i < adopted.size(); i++) {
                if (adopted.get(i) == f) {
                    adopted.remove(i);
                    break;
                }
            }
        }
        if (!f.isFailed()) {
            return;
        }
        FutureFailure failure = f.failure();
        Loop l = loop;
        if (l != null && !l.inLoopThread() && !l.isClosed()) {
            try {
                l.later(() -> invokeError(failure));
                return;
            } catch (IllegalStateException closedMeanwhile) {
                // report it here instead
            }
        }
        invokeError(failure);
    }

    final void attach(Loop l) {
        this.loop = l;
        addedToLoop(l);
        for (Notifier c : List.copyOf(children)) {
            if (c.loop == null) {
                c.attach(l);
            }
        }
    }

    final void detach() {
        Loop l = loop;
        for (Notifier c : List.copyOf(children)) {
            if (c.loop != null) {
                c.detach();
            }
        }
        try {
            removedFromLoop(l);
        } finally {
            this.loop = null;
        }
    }

    final void clearParent() {
        parent = null;
    }

    @Override
    public String toString() {
        String kind = getClass().getSimpleName().isEmpty() ? getClass().getName() : getClass().getSimpleName();
        return name == null ? kind + "@" + Integer.toHexString(System.identityHashCode(this)) : kind + "[" + name + "]";
    }
}
