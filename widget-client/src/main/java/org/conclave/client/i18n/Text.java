package org.conclave.client.i18n;

import java.util.Arrays;

/**
 * A message and its arguments, put into words only where it is shown ({@link Messages#render}),
 * so that the call's state holds no language. Arguments are strings (shown as they are: names,
 * numbers, a server's answer) or other {@code Text}s (put into the same language).
 */
public final class Text {
    private final Msg msg;
    private final Object[] args;

    private Text(Msg msg, Object[] args) {
        this.msg = msg;
        this.args = args;
    }

    /** {@code msg} with {@code args}, each a {@link String} or a {@link Text}. */
    public static Text of(Msg msg, Object... args) {
        for (Object a : args) {
            if (!(a instanceof String) && !(a instanceof Text)) {
                throw new IllegalArgumentException("a message argument is a String or a Text");
            }
        }
        return new Text(msg, args.clone());
    }

    public Msg msg() {
        return msg;
    }

    Object[] args() {
        return args;
    }

    /** In English (logs and tests). */
    public String english() {
        return Messages.english().render(this);
    }

    @Override
    public String toString() {
        return english();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Text && ((Text) o).msg == msg && Arrays.equals(((Text) o).args, args);
    }

    @Override
    public int hashCode() {
        return msg.hashCode() * 31 + Arrays.hashCode(args);
    }
}
