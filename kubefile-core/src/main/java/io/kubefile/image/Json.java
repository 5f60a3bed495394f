package io.kubefile.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON codec for image metadata. Serialization is deterministic (declared property order,
 * map entries in insertion order) so that the same image always has the same digest.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Pretty JSON with a 4-space indent, the shape of {@code sealos inspect} (Go's MarshalIndent):
   * {@code "key": value}, and {@code []} / {@code {}} for empty containers.
   */
  public static String pretty4(Object value) {
    try {
      return MAPPER.writer(new GoIndentPrinter()).writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Jackson's pretty printer adjusted to print exactly what Go's json.MarshalIndent prints. */
  private static final class GoIndentPrinter extends DefaultPrettyPrinter {
    GoIndentPrinter() {
      super(DefaultPrettyPrinter.DEFAULT_ROOT_VALUE_SEPARATOR);
      _objectIndenter = new DefaultIndenter("    ", "\n");
      _arrayIndenter = new DefaultIndenter("    ", "\n");
      _objectFieldValueSeparatorWithSpaces = ": ";
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new GoIndentPrinter();
    }

    @Override
    public void writeEndObject(com.fasterxml.jackson.core.JsonGenerator g, int nrOfEntries)
        throws IOException {
      if (nrOfEntries == 0) {
        _nesting--;
        g.writeRaw('}');
      } else {
        super.writeEndObject(g, nrOfEntries);
      }
    }

    @Override
    public void writeEndArray(com.fasterxml.jackson.core.JsonGenerator g, int nrOfValues)
        throws IOException {
      if (nrOfValues == 0) {
        _nesting--;
        g.writeRaw(']');
      } else {
        super.writeEndArray(g, nrOfValues);
      }
    }
  }

  public static <T> T read(byte[] json, Class<T> type, String what) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid " + what + ": " + e.getMessage(), e);
    }
  }
}
