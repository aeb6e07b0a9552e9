package io.x0tta6bl4.observability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the spans of an OTLP/HTTP protobuf {@code ExportTraceServiceRequest} straight from the
 * protobuf wire format, with the field numbers of opentelemetry-proto's trace.proto. Reading the
 * bytes here keeps the test independent of which protobuf-java runtime the build resolves (the
 * generated opentelemetry-proto classes need protobuf 4, gRPC for SPIFFE brings protobuf 3).
 */
final class OtlpTraces {

  /** One span with its resource's attributes; ids in lower-case hex ("" when absent). */
  record ExportedSpan(
      Map<String, String> resource,
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      Map<String, Object> attributes) {}

  private record Field(int number, int wireType, long number64, byte[] bytes) {}

  private OtlpTraces() {}

  /** The spans of one export request body. */
  static List<ExportedSpan> read(byte[] request) {
    List<ExportedSpan> spans = new ArrayList<>();
    for (Field resourceSpans : fields(request, 1)) {
      Map<String, String> resource = new LinkedHashMap<>();
      for (Field res : fields(resourceSpans.bytes(), 1)) {
        attributes(res.bytes(), 1).forEach((k, v) -> resource.put(k, String.valueOf(v)));
      }
      for (Field scopeSpans : fields(resourceSpans.bytes(), 2)) {
        for (Field span : fields(scopeSpans.bytes(), 2)) {
          spans.add(span(resource, span.bytes()));
        }
      }
    }
    return spans;
  }

  private static ExportedSpan span(Map<String, String> resource, byte[] span) {
    return new ExportedSpan(
        resource, hex(span, 1), hex(span, 2), hex(span, 4), text(span, 5), attributes(span, 9));
  }

  /** KeyValue {1 key, 2 AnyValue}: field 9 of a span, field 1 of a resource. */
  private static Map<String, Object> attributes(byte[] message, int field) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (Field keyValue : fields(message, field)) {
      String key = text(keyValue.bytes(), 1);
      for (Field value : fields(keyValue.bytes(), 2)) {
        for (Field any : all(value.bytes())) {
          attributes.put(key, any.number() == 1 ? utf8(any.bytes()) : any.number64());
        }
      }
    }
    return attributes;
  }

  private static String hex(byte[] message, int number) {
    List<Field> found = fields(message, number);
    return found.isEmpty() ? "" : HexFormat.of().formatHex(found.get(0).bytes());
  }

  private static String text(byte[] message, int number) {
    List<Field> found = fields(message, number);
    return found.isEmpty() ? "" : utf8(found.get(0).bytes());
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static List<Field> fields(byte[] message, int number) {
    return all(message).stream().filter(f -> f.number() == number).toList();
  }

  /** Every field of a message: varint (0), fixed64 (1), length-delimited (2), fixed32 (5). */
  private static List<Field> all(byte[] message) {
    List<Field> fields = new ArrayList<>();
    int[] at = {0};
    while (at[0] < message.length) {
      long tag = varint(message, at);
      int wireType = (int) (tag & 7);
      int number = (int) (tag >>> 3);
      switch (wireType) {
        case 0 -> fields.add(new Field(number, 0, varint(message, at), null));
        case 1 -> fields.add(new Field(number, 1, little(message, at, 8), null));
        case 5 -> fields.add(new Field(number, 5, little(message, at, 4), null));
        case 2 -> {
          int length = (int) varint(message, at);
          ByteArrayOutputStream bytes = new ByteArrayOutputStream(length);
          bytes.write(message, at[0], length);
          at[0] += length;
          fields.add(new Field(number, 2, 0, bytes.toByteArray()));
        }
        default -> throw new IllegalArgumentException("wire type " + wireType + " at " + at[0]);
      }
    }
    return fields;
  }

  private static long varint(byte[] message, int[] at) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = message[at[0]++];
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
  }

  private static long little(byte[] message, int[] at, int size) {
    long value = 0;
    for (int i = 0; i < size; i++) {
      value |= (long) (message[at[0]++] & 0xff) << (8 * i);
    }
    return value;
  }
}
