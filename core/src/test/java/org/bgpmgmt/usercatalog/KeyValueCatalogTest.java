package org.bgpmgmt.usercatalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bgpmgmt.event.EventLoop;
import org.bgpmgmt.event.EventLoopConfig;
import org.bgpmgmt.mgmt.BgpMgmtConfig;
import org.bgpmgmt.mgmt.BgpMgmtContext;
import org.bgpmgmt.mgmt.Catalog;
import org.bgpmgmt.mgmt.CatalogRow;
import org.bgpmgmt.mgmt.CatalogTypes;
import org.bgpmgmt.mgmt.Connection;
import org.bgpmgmt.mgmt.Endpoint;
import org.bgpmgmt.testing.Await;
import org.bgpmgmt.testing.Contexts;
import org.bgpmgmt.testing.RawPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third catalog, written here with public API only (this package sees nothing else), proves the
 * catalog SPI: a key-value table pushed from a control plane to its data planes, resynced at every
 * connect, read back with a request, and never losing a change while an output buffer is full.
 */
@Timeout(60)
class KeyValueCatalogTest {
    static final int KV_SET = 0x0200;
    static final int KV_GET = 0x0201;
    static final int KV_VALUE = 0x0202;
    static final int FRAME = 16; // header, key, value

    @TempDir
    Path dir;
    private EventLoop loop;

    /** One key's row: its value, owed as KV_SET to the connection it is attached to. */
    static final class Row extends CatalogRow {
        final int key;
        int value;

        Row(final int key) {
            this.key = key;
        }

        @Override
        protected int owedLength() {
            return FRAME;
        }

        @Override
        protected void writeOwed(final ByteBuffer out, final int at) {
            frame(out, at, KV_SET, 0, key, value);
        }
    }

    /** The control plane's side: owns the rows, resyncs each connection, asks for values back. */
    static final class Pusher implements Catalog {
        final Map<Integer, Row> rows = new HashMap<>(); // loop thread only
        BgpMgmtContext context;

        @Override
        public void register(final CatalogTypes types) {
            context = types.context();
            types.define(KV_SET, "KV_SET", 8, (c, in, at, length) -> { })
                .define(KV_GET, "KV_GET", 8, (c, in, at, length) -> { })
                .define(KV_VALUE, "KV_VALUE", 8, (c, in, at, length) -> { });
        }

        @Override
        public void connectionUp(final Connection c) {
            for (Row row : rows.values()) {
                if (row.connection() == null || !row.connection().isUp()) {
                    row.attach(c);
                    row.owe();
                }
            }
        }

        @Override
        public void connectionDown(final Connection c) {
            for (Row row : rows.values()) {
                if (row.connection() == c) {
                    row.attach(null);
                }
            }
        }

        void set(final int key, final int value) {
            context.loop().submit(() -> {
                final Row row = rows.computeIfAbsent(key, Row::new);
                row.value = value;
                if (row.connection() == null || !row.connection().isUp()) {
                    row.attach(context.leastLoadedConnection());
                }
                return row.owe();
            });
        }

        CompletableFuture<Integer> get(final int key) {
            return context.loop().submit(() -> rows.get(key).connection().request(FRAME,
                (out, at, id) -> frame(out, at, KV_GET, id, key, 0), KV_VALUE, (in, at, length) -> in.getInt(at + 12)))
                .thenCompose(f -> f);
        }

        int queued() {
            try {
                return context.call(() -> (int) rows.values().stream().filter(CatalogRow::isQueued).count())
                    .get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the loop did not count the queued rows", e);
            }
        }
    }

    /** The data plane's side: stores what it is sent and answers KV_GET at once, in place. */
    static final class Keeper implements Catalog {
        final Map<Integer, Integer> values = new ConcurrentHashMap<>();
        volatile int sets;

        @Override
        public void register(final CatalogTypes types) {
            types.define(KV_SET, "KV_SET", 8, (c, in, at, length) -> {
                sets++;
                values.put(in.getInt(at + 8), in.getInt(at + 12));
            }).define(KV_GET, "KV_GET", 8, (c, in, at, length) -> {
                final int key = in.getInt(at + 8);
                final int r = c.reserve(FRAME);
                if (r >= 0) {
                    frame(c.output(), r, KV_VALUE, in.getShort(at + 4) & 0xFFFF, key, values.getOrDefault(key, -1));
                    c.commit(FRAME);
                }
            }).define(KV_VALUE, "KV_VALUE", 8, (c, in, at, length) -> { });
        }
    }

    static void frame(final ByteBuffer out, final int at, final int type, final int id, final int key,
                      final int value) {
        out.put(at, (byte) 1).put(at + 1, (byte) 0).putShort(at + 2, (short) type).putShort(at + 4, (short) id)
            .putShort(at + 6, (short) FRAME).putInt(at + 8, key).putInt(at + 12, value);
    }

    @BeforeEach
    void start() {
        loop = new EventLoop(new EventLoopConfig().name("kv")).start();
    }

    @AfterEach
    void stop() {
        assertTrue(loop.shutdown(Duration.ofSeconds(10)));
    }

    @Test
    void shouldResyncEveryConnectAndAnswerRequests() throws Exception {
        final Pusher pusher = new Pusher();
        try (BgpMgmtContext control = Contexts.listen(loop, Endpoint.parse("127.0.0.1:0"), new BgpMgmtConfig(),
                c -> c.addCatalog(pusher))) {
            for (int key = 1; key <= 100; key++) {
                pusher.set(key, key * 10); // no connection yet: the rows wait for the first resync
            }
            final Keeper first = new Keeper();
            try (BgpMgmtContext data = Contexts.connect(loop, control.endpoint(),
                    new BgpMgmtConfig(), c -> c.addCatalog(first))) {
                Await.until("the resync", () -> first.values.size() == 100);
                pusher.set(7, 77);
                Await.until("a change", () -> first.values.get(7) == 77);
                assertEquals(77, pusher.get(7).get(10, TimeUnit.SECONDS), "a request answered in place");
                assertEquals(500, pusher.get(50).get(10, TimeUnit.SECONDS));
            }
            final Keeper second = new Keeper();
            try (BgpMgmtContext data = Contexts.connect(loop, control.endpoint(),
                    new BgpMgmtConfig(), c -> c.addCatalog(second))) {
                Await.until("the resync of the next connection", () -> second.values.size() == 100);
                assertEquals(77, second.values.get(7));
                assertEquals(100, second.sets, "each row once");
            }
        }
    }

    @Test
    void shouldHoldChangesWhileTheBufferIsFullAndSendOnlyTheLast() throws Exception {
        final Pusher pusher = new Pusher();
        try (BgpMgmtContext control = Contexts.listen(loop, Endpoint.unix(dir.resolve("kv.sock")),
                new BgpMgmtConfig().outputBufferSize(256), c -> c.addCatalog(pusher));
             RawPeer reader = new RawPeer(control.endpoint())) {
            Await.until("connected", () -> control.connections().size() == 1);
            final int count = 40_000; // 640 kB: more than the unix socket and the 256-byte buffer hold
            for (int key = 1; key <= count; key++) {
                pusher.set(key, key);
            }
            Await.until("rows wait for room", () -> pusher.queued() > 0);
            for (int v = 1; v <= 10; v++) {
                pusher.set(count, -v); // changes made while the row waits: the last one is sent
            }
            final int[] last = new int[count + 1];
            int distinct = 0;
            while (distinct < count || last[count] != -10) { // the row may also have left once before
                final ByteBuffer f = reader.readUntil(KV_SET);
                final int key = f.getInt(8);
                if (last[key] == 0) {
                    distinct++;
                }
                last[key] = f.getInt(12);
            }
            assertEquals(-10, last[count], "the row carried its latest value");
            assertEquals(count / 2, last[count / 2]);
            Await.until("nothing queued", () -> pusher.queued() == 0);
        }
    }
}
