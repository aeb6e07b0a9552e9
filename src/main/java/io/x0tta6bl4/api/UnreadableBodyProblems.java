package io.x0tta6bl4.api;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns a request body Spring could not read into a problem a person understands: which field is
 * unknown or has the wrong type, or where the JSON breaks. Never names a Java class.
 */
final class UnreadableBodyProblems {

  /** Jackson's note on where the input came from: noise for a client, with a feature name. */
  private static final Pattern SOURCE =
      Pattern.compile("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)|\\s*\\[Source: [^\\]]*\\]");

  private UnreadableBodyProblems() {}

  static ProblemDetail of(HttpMessageNotReadableException ex) {
    JacksonException jackson = find(ex);
    if (jackson instanceof UnrecognizedPropertyException unknown) {
      return unknownField(unknown);
    }
    if (jackson instanceof MismatchedInputException mismatch) {
      return wrongType(mismatch);
    }
    if (jackson instanceof StreamReadException syntax) {
      return ProblemType.MALFORMED_JSON.problem(
          "request body is not valid JSON: " + withoutSource(syntax) + where(syntax));
    }
    if (ex.getCause() == null && String.valueOf(ex.getMessage()).startsWith("Required request")) {
      return ProblemType.invalidRequest("request body is required", List.of());
    }
    return ProblemType.MALFORMED_JSON.problem("request body could not be read as JSON");
  }

  private static ProblemDetail unknownField(UnrecognizedPropertyException ex) {
    String field = path(ex);
    String known =
        ex.getKnownPropertyIds().stream()
            .map(String::valueOf)
            .sorted()
            .collect(Collectors.joining(", "));
    String message = "is not a known field; known fields: " + known;
    return ProblemType.invalidRequest(
        "unknown field '" + field + "'; known fields: " + known,
        List.of(new FieldProblem(field, message)));
  }

  private static ProblemDetail wrongType(MismatchedInputException ex) {
    String field = path(ex);
    if (field.isEmpty()) {
      return ProblemType.invalidRequest("request body must be one JSON object", List.of());
    }
    String message = "must be " + TypeNames.describe(ex.getTargetType()) + butWas(ex);
    return ProblemType.invalidRequest(
        field + " " + message, List.of(new FieldProblem(field, message)));
  }

  private static String butWas(MismatchedInputException ex) {
    JsonToken token = ex.getCurrentToken();
    if (token == null) {
      return "";
    }
    return switch (token) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> ", but was a number";
      case VALUE_TRUE, VALUE_FALSE -> ", but was a boolean";
      case VALUE_STRING -> ", but was a string";
      case START_OBJECT -> ", but was an object";
      case START_ARRAY -> ", but was an array";
      case VALUE_NULL -> ", but was null";
      default -> "";
    };
  }

  private static JacksonException find(Throwable ex) {
    for (Throwable t = ex; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof JacksonException jackson) {
        return jackson;
      }
    }
    return null;
  }

  /** The JSON path of the failing value, {@code a.b[2].c}; empty for the root. */
  private static String path(JacksonException ex) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : ex.getPath()) {
      if (ref.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String withoutSource(JacksonException ex) {
    return SOURCE.matcher(String.valueOf(ex.getOriginalMessage())).replaceAll("");
  }

  private static String where(JacksonException ex) {
    TokenStreamLocation location = ex.getLocation();
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
