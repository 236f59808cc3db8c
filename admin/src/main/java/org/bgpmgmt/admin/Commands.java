package org.bgpmgmt.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bgpmgmt.bfd.BfdView;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.mgmt.BgpMgmtContext;

/**
 * The command table: parses one command line and answers it, as text or, when the line ends in
 * {@code json}, as JSON. Any thread; every read it makes answers without waiting on a loop.
 */
final class Commands {
    private final List<EventLoop> loops = new CopyOnWriteArrayList<>();
    private final List<BgpMgmtContext> contexts = new CopyOnWriteArrayList<>();
    private final List<BfdView> bfd = new CopyOnWriteArrayList<>();

    void add(final EventLoop loop) {
        loops.add(loop);
    }

    void add(final BgpMgmtContext context) {
        contexts.add(context);
    }

    void add(final BfdView view) {
        bfd.add(view);
    }

    /** Answers one line; an unknown one gets FRR's {@code % Unknown command} text. */
    String answer(final String line) {
        final String[] words = line.trim().split("\\s+");
        if (words.length == 1 && words[0].isEmpty()) {
            return "";
        }
        final boolean json = words[words.length - 1].equalsIgnoreCase("json");
        final String[] w = json ? Arrays.copyOf(words, words.length - 1) : words;
        final String cmd = String.join(" ", w).toLowerCase(Locale.ROOT);
        switch (cmd) {
            case "show event timers":
                return json ? EventViews.timersJson(loops) : EventViews.timersText(loops);
            case "show event poll":
                return json ? EventViews.pollJson(loops) : EventViews.pollText(loops);
            case "clear event cpu":
                if (json) {
                    break;
                }
                loops.forEach(EventLoop::clearCpu);
                return "";
            case "show bfd distributed":
                return json ? BfdViews.distributedJson(contexts) : BfdViews.distributedText(contexts);
            case "show bfd peers":
                return json ? BfdViews.peersJson(bfd) : BfdViews.peersText(bfd, false);
            case "show bfd peers brief":
                return json ? BfdViews.peersJson(bfd) : BfdViews.peersText(bfd, true);
            case "show watchdog":
                return json ? WatchdogView.json(loops) : WatchdogView.text(loops);
            default:
                if (cmd.equals("show event cpu") || cmd.startsWith("show event cpu ") && w.length == 4) {
                    final String filter = w.length == 4 ? w[3].toUpperCase(Locale.ROOT) : null;
                    return json ? EventViews.cpuJson(loops, filter) : EventViews.cpuText(loops, filter);
                }
        }
        return "% Unknown command: " + line.trim() + "\n";
    }
}
