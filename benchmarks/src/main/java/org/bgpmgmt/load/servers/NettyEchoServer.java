package org.bgpmgmt.load.servers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ResourceLeakDetector;
import java.net.InetSocketAddress;
import org.bgpmgmt.mgmt.Endpoint;

/**
 * The peer users would pick instead, written the way Netty 4.2 is meant to be used: one
 * {@code MultiThreadIoEventLoopGroup} thread on {@code NioIoHandler}, the pooled arena allocator,
 * netty-codec-base's {@code LengthFieldBasedFrameDecoder} for the bfddp framing, TCP_NODELAY.
 *
 * <p>Per message it allocates nothing. The decoder hands each frame over as a recycled pooled
 * slice; the handler copies it into one pooled reply buffer per read batch, turns it into the reply
 * there (type and bfdd_time; the clock is read once per batch, as the raw floor does) and releases
 * the frame; the batch's buffer is written and flushed once in {@code channelReadComplete}. Every
 * write happens inside a read here, so that is the batch boundary, and
 * {@code FlushConsolidationHandler} would only add a handler for flushes this code never makes.
 * Writing each frame's slice back instead allocates: the gathering write needs a fresh
 * {@code ByteBuffer} view per slice (measured: 128 B per message). The allocator is
 * {@code PooledByteBufAllocator} because 4.2's default adaptive one hands out unpooled slices, a
 * new object per frame (48 B per message; {@code --allocator adaptive} runs it). The leak detector
 * is off, as in Netty's own benchmarks: its sampling allocates. ECHO_REQUEST only.
 * {@code --listen HOST:PORT}; {@code --tls DIR} puts Netty's {@code SslHandler} first, on the JDK's
 * provider (as this project), TLS 1.3, client certificates required, with the stores {@link
 * TlsMaterial} wrote there.
 */
public final class NettyEchoServer {
    private static final int ECHO_LENGTH = 24;
    private static final int ECHO_REQUEST = 0;
    private static final int ECHO_REPLY = 1;
    /** A batch's reply buffer starts here and grows (inside the pool) for bigger batches. */
    private static final int BATCH_BYTES = 4096;

    private NettyEchoServer() {
    }

    /**
     * Answers a read batch's ECHO_REQUESTs with ECHO_REPLYs gathered in one pooled buffer, written
     * and flushed when the batch ends. One instance per channel (it holds the batch's buffer).
     */
    static final class EchoHandler extends ChannelInboundHandlerAdapter {
        private ByteBuf replies;
        private long batchMicros;

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
            final ByteBuf frame = (ByteBuf) msg;
            try {
                final int at = frame.readerIndex();
                if (frame.readableBytes() != ECHO_LENGTH || frame.getUnsignedShort(at + 2) != ECHO_REQUEST) {
                    return;
                }
                if (replies == null) {
                    replies = ctx.alloc().ioBuffer(BATCH_BYTES);
                    batchMicros = System.currentTimeMillis() * 1000;
                }
                // The request turned around: version, flags, id, length and dp_time as they came.
                final int w = replies.writerIndex();
                replies.writeBytes(frame, at, ECHO_LENGTH);
                replies.setShort(w + 2, ECHO_REPLY).setLong(w + 16, batchMicros);
            } finally {
                frame.release();
            }
        }

        @Override
        public void channelReadComplete(final ChannelHandlerContext ctx) {
            final ByteBuf out = replies;
            if (out != null) {
                replies = null;
                ctx.writeAndFlush(out, ctx.voidPromise());
            }
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx) {
            if (replies != null) {
                replies.release();
                replies = null;
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
            ctx.close();
        }
    }

    /**
     * Runs the server until stdin says stop.
     *
     * @param args the command line
     * @throws Exception when it cannot start
     */
    public static void main(final String[] args) throws Exception {
        final Endpoint listen = Endpoint.parse(ServerProcess.arg(args, "--listen", "127.0.0.1:0"));
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        final ByteBufAllocator allocator = ServerProcess.arg(args, "--allocator", "pooled").equals("adaptive")
            ? ByteBufAllocator.DEFAULT : PooledByteBufAllocator.DEFAULT;
        final String tlsDir = ServerProcess.arg(args, "--tls", "");
        final SslContext tls = tlsDir.isEmpty() ? null : SslContextBuilder
            .forServer(TlsMaterial.keys(java.nio.file.Path.of(tlsDir, "server.p12")))
            .trustManager(TlsMaterial.trust(java.nio.file.Path.of(tlsDir, "trust.p12")))
            .clientAuth(ClientAuth.REQUIRE).protocols("TLSv1.3").sslProvider(SslProvider.JDK).build();
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            final Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, allocator)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(final SocketChannel ch) {
                        // bfddp: the 2-byte length at offset 6 covers the whole frame, header included.
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(65_535, 6, 2, -8, 0),
                            new EchoHandler());
                    }
                })
                .bind(listen.address()).sync().channel();
            final long loopThread = group.next().submit(() -> Thread.currentThread().getId()).get();
            ServerProcess.serve(Endpoint.tcp((InetSocketAddress) server.localAddress()).toString(), loopThread);
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }
}
