package io.x0tta6bl4.api;

import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Reads a {@link LoopPatch} strictly, whatever the application's Jackson settings: an unknown field
 * is an error (a typo must not be silently ignored when changing the loop), and a field must be a
 * JSON string (Jackson would otherwise turn {@code "mode": 5} into the text "5"). A JSON null is
 * the same as leaving the field out.
 */
final class LoopPatchDeserializer extends StdDeserializer<LoopPatch> {

  private static final List<Object> FIELDS = List.of("interval", "mode");

  LoopPatchDeserializer() {
    super(LoopPatch.class);
  }

  @Override
  public LoopPatch deserialize(JsonParser parser, DeserializationContext context) {
    if (!parser.isExpectedStartObjectToken()) {
      return (LoopPatch) context.handleUnexpectedToken(LoopPatch.class, parser);
    }
    String interval = null;
    String mode = null;
    for (String name = parser.nextName(); name != null; name = parser.nextName()) {
      parser.nextToken();
      switch (name) {
        case "interval" -> interval = text(parser, context, name);
        case "mode" -> mode = text(parser, context, name);
        default -> throw UnrecognizedPropertyException.from(parser, LoopPatch.class, name, FIELDS);
      }
    }
    return new LoopPatch(interval, mode);
  }

  private static String text(JsonParser parser, DeserializationContext context, String name) {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token == JsonToken.VALUE_STRING) {
      return parser.getString();
    }
    try {
      return (String) context.handleUnexpectedToken(String.class, parser);
    } catch (MismatchedInputException wrongType) {
      throw (MismatchedInputException) wrongType.prependPath(LoopPatch.class, name);
    }
  }
}
