package dev.ioasync.routine;

import dev.ioasync.routine.codec.Codec;
import dev.ioasync.routine.codec.ValueCodec;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Decides whether the arguments of a call to a worker thread may skip the codec. A Function copies
 * its arguments through its codec at the call, so that the code sees them as they were even if the
 * caller changes them afterwards. A {@link ValueCodec} gives back an immutable JDK value (a boxed
 * primitive, a {@link String} with no unpaired surrogate, a {@link BigInteger} or
 * {@link BigDecimal} of exactly that class, or {@code null}) equal to the original and of the same
 * class, so for such arguments the copy changes nothing the code can see, and the worker thread
 * gets them as they are (the array is copied): no encoding on the loop thread, no decoding on the
 * worker. Any other argument, or any other codec, takes the codec's way.
 *
 * <p>Thread rules: stateless, any thread.
 */
final class PlainArgs {

    private PlainArgs() {
    }

    /**
     * @param codec the Function's codec
     * @param args the call's arguments
     * @return a copy of {@code args} when every one is plain and the codec a {@link ValueCodec},
     *     else {@code null}
     */
    static Object[] copyIfPlain(Codec codec, Object[] args) {
        if (!(codec instanceof ValueCodec)) {
            return null;
        }
        for (Object a : args) {
            if (!isPlain(a)) {
                return null;
            }
        }
        return args.clone();
    }

    private static boolean isPlain(Object a) {
        if (a == null) {
            return true;
        }
        Class<?> c = a.getClass();
        if (c == Integer.class || c == Long.class || c == Boolean.class || c == Double.class || c == Float.class
                || c == Short.class || c == Byte.class || c == Character.class || c == BigInteger.class
                || c == BigDecimal.class) {
            return true;
        }
        return c == String.class && !hasSurrogate((String) a); // UTF-8 encoding would replace a lone one
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
