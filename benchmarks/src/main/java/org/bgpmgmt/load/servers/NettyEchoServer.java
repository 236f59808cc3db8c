package org.bgpmgmt.load.servers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
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
import java.net.InetSocketAddress;
import org.bgpmgmt.mgmt.Endpoint;

/**
 * The peer users would pick instead: Netty 4.2's NIO transport on one event loop, with the usual
 * good practice: pooled direct buffers (Netty's default allocator), a length-field frame decoder
 * for the bfddp header, replies written per frame and flushed once per read batch
 * ({@code channelReadComplete}), TCP_NODELAY. ECHO_REQUEST only. {@code --listen HOST:PORT}.
 */
public final class NettyEchoServer {
    private NettyEchoServer() {
    }

    /** Answers ECHO_REQUEST with ECHO_REPLY; one instance serves every channel of the loop. */
    @ChannelHandler.Sharable
    static final class EchoHandler extends ChannelInboundHandlerAdapter {
        volatile long messages;
        private long counted;

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
            final ByteBuf in = (ByteBuf) msg;
            try {
                counted++;
                final int at = in.readerIndex();
                if (in.getUnsignedShort(at + 2) == 0 && in.readableBytes() >= 24) {
                    final ByteBuf out = ctx.alloc().directBuffer(24);
                    out.writeByte(1).writeByte(0).writeShort(1).writeShort(in.getUnsignedShort(at + 4)).writeShort(24)
                        .writeLong(in.getLong(at + 8)).writeLong(System.currentTimeMillis() * 1000);
                    ctx.write(out, ctx.voidPromise());
                }
            } finally {
                in.release();
            }
        }

        @Override
        public void channelReadComplete(final ChannelHandlerContext ctx) {
            messages = counted;
            ctx.flush();
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
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        final EchoHandler echo = new EchoHandler();
        try {
            final Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(final SocketChannel ch) {
                        // bfddp: the 2-byte length at offset 6 covers the whole frame, header included.
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(65_535, 6, 2, -8, 0), echo);
                    }
                })
                .bind(listen.address()).sync().channel();
            final long loopThread = group.next().submit(() -> Thread.currentThread().getId()).get();
            ServerProcess.serve(Endpoint.tcp((InetSocketAddress) server.localAddress()).toString(), loopThread,
                () -> echo.messages);
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }
}
