package org.bgpmgmt.examples;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small command-line parser: {@code --name value} options and {@code --flag} switches, each
 * declared with a help line, so that every sub-command gets {@code --help} and a clear error for an
 * unknown option or a bad value (exit code 2).
 */
final class Args {
    /** A bad command line: the message says what is wrong; the caller exits with 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(final String message) {
            super(message);
        }
    }

    private final String command;
    private final String summary;
    private final Map<String, String> help = new LinkedHashMap<>();
    private final Map<String, String> defaults = new LinkedHashMap<>();
    private final Map<String, Boolean> isFlag = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    Args(final String command, final String summary) {
        this.command = command;
        this.summary = summary;
        flag("--verbose", "log at debug level");
        flag("--help", "show this help");
    }

    Args option(final String name, final String fallback, final String text) {
        help.put(name, text);
        defaults.put(name, fallback);
        isFlag.put(name, false);
        return this;
    }

    Args flag(final String name, final String text) {
        help.put(name, text);
        isFlag.put(name, true);
        return this;
    }

    /** Parses {@code args}; throws with a message naming the offending argument. */
    Args parse(final String[] args) throws UsageException {
        for (int i = 0; i < args.length; i++) {
            final String a = args[i];
            final Boolean flag = isFlag.get(a);
            if (flag == null) {
                throw new UsageException(command + ": unknown option " + a + " (try " + command + " --help)");
            }
            if (flag) {
                values.put(a, "true");
            } else {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException(command + ": " + a + " needs a value");
                }
                values.put(a, args[++i]);
            }
        }
        return this;
    }

    String command() {
        return command;
    }

    boolean declares(final String name) {
        return help.containsKey(name);
    }

    boolean has(final String flag) {
        return values.containsKey(flag);
    }

    String string(final String name) throws UsageException {
        final String v = values.getOrDefault(name, defaults.get(name));
        if (v == null) {
            throw new UsageException(command + ": " + name + " is required");
        }
        return v;
    }

    int integer(final String name, final int min, final int max) throws UsageException {
        final String text = string(name);
        try {
            final int v = Integer.parseInt(text);
            if (v < min || v > max) {
                throw new UsageException(command + ": " + name + " must be " + min + ".." + max + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": " + name + " is not a number: " + text);
        }
    }

    Duration seconds(final String name) throws UsageException {
        final String text = string(name);
        try {
            final double s = Double.parseDouble(text);
            if (!(s > 0)) {
                throw new UsageException(command + ": " + name + " must be positive, got " + text);
            }
            return Duration.ofMillis((long) (s * 1000));
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": " + name + " is not a number of seconds: " + text);
        }
    }

    String usage() {
        final StringBuilder sb = new StringBuilder();
        sb.append("usage: java -jar bgpmgmt-examples.jar ").append(command).append(" [options]\n");
        sb.append(summary).append("\n\noptions:\n");
        for (Map.Entry<String, String> e : help.entrySet()) {
            final String d = defaults.get(e.getKey());
            sb.append(String.format("  %-22s %s%s%n", e.getKey() + (isFlag.get(e.getKey()) ? "" : " VALUE"),
                e.getValue(), d == null ? "" : " (default " + d + ")"));
        }
        return sb.toString();
    }
}
