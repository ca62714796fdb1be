package dev.ioasync;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Converts between {@link Future} and {@link CompletionStage}. */
final class FutureBridge {

    private FutureBridge() {
    }

    static <T> CompletableFuture<T> toCompletableFuture(Future<T> future) {
        CompletableFuture<T> cf = new CompletableFuture<>();
        future.onReady(f -> {
            if (f.isDone()) {
                cf.complete(f.value());
            } else if (f.isFailed()) {
                cf.completeExceptionally(f.failure());
            } else {
                cf.cancel(false);
            }
        });
        cf.whenComplete((v, e) -> {
            if (cf.isCancelled()) {
                future.cancel();
            }
        });
        return cf;
    }

    static <T> Future<T> fromCompletionStage(CompletionStage<T> stage, Loop loop) {
        Future<T> future = new Future<>(loop);
        if (stage instanceof java.util.concurrent.Future<?> cancellable) {
            future.onCancel(() -> cancellable.cancel(false));
        }
        stage.whenComplete((v, e) -> deliver(loop, () -> settle(future, v, e)));
        return future;
    }

    private static void deliver(Loop loop, Runnable settle) {
        if (loop == null || loop.inLoopThread()) {
            settle.run();
            return;
        }
        try {
            loop.later(settle);
        } catch (IllegalStateException closed) {
            settle.run();
        }
    }

    private static <T> void settle(Future<T> future, T value, Throwable error) {
        if (future.isReady()) {
            return;
        }
        if (error == null) {
            future.tryDone(value);
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CancellationException) {
            future.cancel();
        } else {
            future.tryFail(cause);
        }
    }
}
