package io.x0tta6bl4.testsupport;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.StreamObserver;
import io.spiffe.workloadapi.grpc.SpiffeWorkloadAPIGrpc;
import io.spiffe.workloadapi.grpc.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The SPIFFE Workload API served on a unix domain socket, as a SPIRE agent serves it, with the
 * generated gRPC classes that ship in java-spiffe-core. It streams the current SVID and trust
 * bundle to every workload that asks and pushes a new one to all of them on {@link #rotate}, which
 * is how SPIRE rotates SVIDs.
 */
public final class FakeWorkloadApi implements AutoCloseable {

  private final Path socket;
  private final Server server;
  private final EventLoopGroup boss = new EpollEventLoopGroup(1);
  private final EventLoopGroup workers = new EpollEventLoopGroup(2);
  private final List<StreamObserver<Workload.X509SVIDResponse>> watchers =
      new CopyOnWriteArrayList<>();
  private volatile Workload.X509SVIDResponse current;

  private FakeWorkloadApi(Path socket, TestCa ca, TestCa.Svid svid) throws IOException {
    this.socket = socket;
    this.current = response(ca, svid);
    this.server =
        NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollServerDomainSocketChannel.class)
            .bossEventLoopGroup(boss)
            .workerEventLoopGroup(workers)
            .addService(new Service())
            .build()
            .start();
  }

  /** Serves {@code svid} with {@code ca}'s bundle on a new socket {@code dir/agent.sock}. */
  public static FakeWorkloadApi start(Path dir, TestCa ca, TestCa.Svid svid) {
    try {
      Files.createDirectories(dir);
      return new FakeWorkloadApi(dir.resolve("agent.sock"), ca, svid);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The address for {@code SPIFFE_ENDPOINT_SOCKET}: {@code unix:/path/agent.sock}. */
  public String address() {
    return "unix:" + socket;
  }

  /** Pushes a new SVID (and the bundle of {@code ca}) to every connected workload. */
  public void rotate(TestCa ca, TestCa.Svid svid) {
    current = response(ca, svid);
    for (StreamObserver<Workload.X509SVIDResponse> watcher : watchers) {
      try {
        watcher.onNext(current);
      } catch (RuntimeException gone) {
        // that workload closed its stream
        watchers.remove(watcher);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (StreamObserver<Workload.X509SVIDResponse> watcher : watchers) {
      try {
        watcher.onCompleted();
      } catch (RuntimeException gone) {
        // already closed by the workload
      }
    }
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  private static Workload.X509SVIDResponse response(TestCa ca, TestCa.Svid svid) {
    try {
      return Workload.X509SVIDResponse.newBuilder()
          .addSvids(
              Workload.X509SVID
                  .newBuilder()
                  .setSpiffeId(svid.id())
                  .setX509Svid(ByteString.copyFrom(svid.der()))
                  .setX509SvidKey(ByteString.copyFrom(svid.key().getEncoded()))
                  .setBundle(ByteString.copyFrom(ca.certificate().getEncoded())))
          .build();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private final class Service extends SpiffeWorkloadAPIGrpc.SpiffeWorkloadAPIImplBase {
    @Override
    public void fetchX509SVID(
        Workload.X509SVIDRequest request, StreamObserver<Workload.X509SVIDResponse> responses) {
      watchers.add(responses);
      // the stream stays open: SPIRE pushes every rotation down it
      responses.onNext(current);
    }
  }
}
