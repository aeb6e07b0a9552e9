package io.x0tta6bl4.mapek.monitor;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into memory and gives up, cancelling the transfer, as soon as it is
 * larger than the limit, or at once when its declared {@code Content-Length} already is.
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

  private static final int MAX_INITIAL_BUFFER = 1 << 20;

  private final long maxBytes;
  private final long declaredBytes;
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final ByteArrayOutputStream out;
  private Flow.Subscription subscription;

  /**
   * @param maxBytes most bytes accepted
   * @param declaredBytes the {@code Content-Length}, or -1 when the response declares none
   */
  BoundedBodySubscriber(long maxBytes, long declaredBytes) {
    this.maxBytes = maxBytes;
    this.declaredBytes = declaredBytes;
    long initial = declaredBytes < 0 ? 8192 : Math.min(declaredBytes, maxBytes);
    this.out = new ByteArrayOutputStream((int) Math.min(initial, MAX_INITIAL_BUFFER));
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (declaredBytes > maxBytes) {
      tooLarge();
      return;
    }
    subscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (body.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      if (out.size() + (long) buffer.remaining() > maxBytes) {
        tooLarge();
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      out.write(chunk, 0, chunk.length);
    }
    subscription.request(1);
  }

  private void tooLarge() {
    subscription.cancel();
    body.completeExceptionally(new BodyTooLargeException(maxBytes));
  }

  @Override
  public void onError(Throwable failure) {
    body.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    body.complete(out.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }

  /** The body went over the limit; its message is the whole reason. */
  static final class BodyTooLargeException extends java.io.IOException {

    private static final long serialVersionUID = 1L;

    BodyTooLargeException(long maxBytes) {
      super("body larger than " + maxBytes + " bytes");
    }
  }
}
