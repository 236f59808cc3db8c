package org.bgpmgmt.event;

/**
 * Readable default task names, cached per class so that naming allocates only once per class.
 * A lambda's runtime class is a hidden class with a synthetic name that changes from run to run,
 * so it is never used as is.
 */
final class TaskNames {
    private static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(final Class<?> type) {
            return nameOf(type);
        }
    };

    private static final ClassValue<String> SUBMIT_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(final Class<?> type) {
            return "submit: " + nameOf(type);
        }
    };

    private TaskNames() {
    }

    static String defaultName(final Class<?> type) {
        return NAMES.get(type);
    }

    /** The row of work handed to {@link EventLoop#submit}: "submit: " and the callable's name. */
    static String submitName(final Class<?> type) {
        return SUBMIT_NAMES.get(type);
    }

    private static String nameOf(final Class<?> type) {
        final String full = type.getName();
        final int lambda = full.indexOf("$$Lambda");
        if (lambda >= 0 || type.isHidden()) {
            final String outer = lambda >= 0 ? full.substring(0, lambda) : full;
            return "lambda in " + simple(outer);
        }
        if (type.isAnonymousClass()) {
            final Class<?> enclosing = type.getEnclosingClass();
            return "anonymous in " + (enclosing == null ? simple(full) : enclosing.getSimpleName());
        }
        return type.getSimpleName();
    }

    private static String simple(final String binaryName) {
        final int dot = binaryName.lastIndexOf('.');
        return binaryName.substring(dot + 1);
    }
}
